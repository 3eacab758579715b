"""Resolves the caller of every HTTP request before GraphQL runs, so that limits and the GraphQL
context see the same principal. Websockets authenticate in `connection_init` instead."""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from accounts.principals import Authenticator
from core.errors import ErrorCode, IpovalError
from core.logging import correlation_id


class AuthenticationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authenticator: Authenticator = scope["app"].state.authenticator
        headers = dict(scope["headers"])
        try:
            principal = await authenticator.authenticate(
                headers.get(b"authorization", b"").decode("latin-1") or None,
                headers.get(b"x-api-key", b"").decode("latin-1") or None,
                client_ip(scope),
            )
        except IpovalError as error:
            status = 401 if error.code is ErrorCode.UNAUTHENTICATED else 403
            await send_error(send, status, error)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


def client_ip(scope: Scope) -> str:
    # uvicorn has already applied X-Forwarded-For from trusted proxies (--forwarded-allow-ips).
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def send_error(
    send: Send, status: int, error: IpovalError, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = orjson.dumps(
        {
            "data": None,
            "errors": [
                {
                    "message": error.message,
                    "extensions": {**error.extensions, "correlationId": correlation_id.get()},
                }
            ],
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
