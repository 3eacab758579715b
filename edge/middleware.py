"""ASGI middleware. Plain ASGI (no BaseHTTPMiddleware) so that it adds no task per request."""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import ErrorCode
from core.logging import correlation_id, new_correlation_id
from edge.http_transport import error_body

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class CorrelationIdMiddleware:
    """Tags the request with a correlation id (the caller's `X-Request-ID` when it is sane) and
    echoes it in the response, so a masked error can be traced to its log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        supplied = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = supplied if _REQUEST_ID.fullmatch(supplied) else new_correlation_id()
        token = correlation_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id.reset(token)


class _BodyTooLarge(Exception):
    """Raised from the wrapped `receive` when a body without Content-Length outgrows the limit."""


class BodySizeLimitMiddleware:
    """Refuses request bodies over `max_bytes` with 413 before anything parses them; a multipart
    upload (edge/uploads.py) may be `max_upload_bytes` (the document limit plus `max_bytes` for
    its `operations` and `map`).

    A declared Content-Length over the limit is refused at once. A chunked body is counted as it
    arrives; once it outgrows the limit the app's next `receive` raises, and the caller gets the
    same 413 if no response has started yet (else the response just ends)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
        limit = self.max_upload_bytes if content_type == b"multipart/form-data" else self.max_bytes
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        received = 0
        response_started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _BodyTooLarge:
            if not response_started:
                await _too_large(send, limit)


async def _too_large(send: Send, max_bytes: int) -> None:
    body = error_body(
        f"Request body over {max_bytes} bytes.", ErrorCode.PAYLOAD_TOO_LARGE, maximum=max_bytes
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
