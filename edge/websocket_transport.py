"""The websocket side of the GraphQL app: text frames out, strict JSON in, closes that always land.

graphql-transport-ws is a text protocol: the reference client (JS `graphql-ws`), Apollo, Python
`gql` and a browser's `WebSocket` (which hands a binary frame over as a `Blob`) all refuse a binary
frame. Strawberry sends `bytes` from the view's JSON encoder as a binary frame, and the view encodes
with orjson (bytes, for HTTP speed), so this adapter decodes them to `str` before sending.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping

import orjson
from starlette.websockets import WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import (
    NonJsonMessageReceived,
    NonTextMessageReceived,
    WebSocketDisconnected,
)

from edge.http_transport import parse_json_leniently

# RFC 6455: a close frame's payload is at most 125 bytes, 2 of them the code.
MAX_CLOSE_REASON_BYTES = 123


def encode_text(message: Mapping[str, object]) -> str:
    """One protocol message as JSON text (orjson, decoded: it only ever produces UTF-8)."""
    return orjson.dumps(message).decode()


def bounded_reason(reason: str) -> str:
    """`reason` cut to what a close frame can carry, on a character boundary."""
    encoded = reason.encode()
    if len(encoded) <= MAX_CLOSE_REASON_BYTES:
        return reason
    return encoded[:MAX_CLOSE_REASON_BYTES].decode(errors="ignore")


def decode_frame(text: str) -> object:
    """A frame's JSON, as HTTP bodies are read: orjson first; what it refuses (a lone surrogate,
    which is refused later by argument; an integer over 2^64) by the standard library. Malformed
    JSON, NaN and deep nesting raise `ValueError`, which closes the socket with 4400."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    try:
        return parse_json_leniently(text)
    except RecursionError as error:
        raise ValueError("nested too deeply") from error


class TextFrameWebSocketAdapter(ASGIWebSocketAdapter):
    async def iter_json(
        self, *, ignore_parsing_errors: bool = False
    ) -> AsyncGenerator[object, None]:
        # orjson rather than the view's json.loads: deeply nested input is a JSONDecodeError
        # there (past 1,024 levels), where json.loads raises RecursionError, which strawberry
        # does not catch, and the connection would drop without a close frame.
        try:
            while self.ws.application_state != WebSocketState.DISCONNECTED:
                try:
                    text = await self.ws.receive_text()
                    yield decode_frame(text)
                except ValueError as error:
                    if not ignore_parsing_errors:
                        raise NonJsonMessageReceived from error
        except KeyError as error:  # Starlette: a binary frame has no "text"
            raise NonTextMessageReceived from error
        except WebSocketDisconnect:
            pass

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(encode_text(message))
        except WebSocketDisconnect as error:
            raise WebSocketDisconnected from error

    async def close(self, code: int, reason: str) -> None:
        # A socket may be closed twice: a refusal that already closed with a precise reason, then
        # strawberry's generic close for the same refusal. The second one has nothing to do.
        if self.ws.application_state == WebSocketState.DISCONNECTED:
            return
        await self.ws.close(code=code, reason=bounded_reason(reason))


def protocol_violation(message: object) -> str | None:
    """Why `message` is not a graphql-transport-ws client message, or None when it is one.

    The shapes are those the protocol's reference implementation checks (`validateMessage` in
    graphql-ws), so a message this accepts is one strawberry can handle without a `KeyError` or a
    `TypeError` deep inside, which would end the connection without a close frame.
    """
    if not isinstance(message, dict):
        return "Message must be a JSON object"
    kind = message.get("type")
    if not isinstance(kind, str):
        return "Message must have a string 'type'"
    if kind in ("connection_init", "ping", "pong"):
        return _optional(message, "payload", dict, "an object")
    if kind == "complete":
        return _operation_id_violation(message)
    if kind == "subscribe":
        return _operation_id_violation(message) or _subscribe_payload_violation(
            message.get("payload")
        )
    return bounded_reason(f"Unknown message type: {kind}")


def _operation_id_violation(message: dict[str, object]) -> str | None:
    operation_id = message.get("id")
    if not isinstance(operation_id, str) or not operation_id:
        return f"'{message['type']}' needs a non-empty string 'id'"
    return None


def _subscribe_payload_violation(payload: object) -> str | None:
    if not isinstance(payload, dict):
        return "'subscribe' needs an object 'payload'"
    if not isinstance(payload.get("query"), str):
        return "'subscribe' payload needs a string 'query'"
    return (
        _optional(payload, "variables", dict, "an object")
        or _optional(payload, "operationName", str, "a string")
        or _optional(payload, "extensions", dict, "an object")
    )


def _optional(container: dict[str, object], key: str, kind: type, described: str) -> str | None:
    value = container.get(key)
    if value is None or isinstance(value, kind):
        return None
    return f"'{key}' must be {described} or null"
