"""A graphql-transport-ws handler that holds an open socket to the rules every HTTP request meets.

A websocket authenticates once, in `connection_init`, and may then run any number of operations.
Over HTTP each request passes the authentication and rate-limit middleware; those never see the
operations on a socket, so this handler repeats the checks whose outcome can change while a socket
stays open:

- Every `subscribe` (one operation: query, mutation or subscription) counts against the caller's
  hourly request window, the same window HTTP requests count against. Without this an anonymous
  caller ran 150 `login` attempts over one socket where HTTP allows 60 an hour per IP address.
  Over the limit the operation gets an `error` message (`RATE_LIMITED`, `retryAfter`) and does not
  run; the socket stays open, as with strawberry's own per-socket operation cap.
- A socket opened with an API key checks before each operation that the key is still not revoked,
  and closes with 4403 ("API key revoked") if it is; otherwise revoking a leaked key would not
  stop a socket already opened with it.
- A socket opened with an access token closes when the token expires: one task per connection
  sleeps until the token's `exp` and closes the socket; it is cancelled when the socket closes
  first.

Close code 4403, the code bad credentials get at `connection_init`: the reference client
(graphql-ws, `shouldRetryConnectOrThrow`) retries after 4403 and evaluates its `connectionParams`
again, so a client that refreshes its token there reconnects by itself. 4401 is on that client's
list of fatal codes, and in the protocol it means "subscribe before connection_ack", a client bug.

It also holds the protocol's own rules where strawberry is lenient or breaks:

- A frame that is not a client message of the protocol (not an object, no or unknown `type`, a
  payload of the wrong shape, a non-string `id`) closes the socket with 4400 and the reason.
  Strawberry raised a `TypeError` on some of these, and the connection dropped without a close
  frame; others it ran (a list as `variables`) or answered with a bare `complete`.
- A document that cannot run (a syntax error, the token, depth, alias or directive limits) is
  that operation's `error` message with coded GraphQL errors, as over HTTP; the socket stays open.
  Strawberry answered a syntax error with a bare `complete`: the parser cache parses inside an
  extension hook, so the error escaped its stream.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress

from graphql import GraphQLError
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.schema.schema import StreamResult
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    Message,
    SubscribeMessage,
)
from strawberry.types import ExecutionContext

from accounts.audit import SecurityEvent
from api.input_strings import UNSTORABLE
from core.errors import ErrorCode
from edge.http_transport import UNSTORABLE_OPERATION_NAME
from edge.state import connection_state
from edge.websocket_transport import protocol_violation
from repositories.accounts import api_key_is_active
from schema.context import Context

TOKEN_EXPIRED_CODE = 4403
TOKEN_EXPIRED_REASON = "Token expired"
API_KEY_REVOKED_CODE = 4403
API_KEY_REVOKED_REASON = "API key revoked"


class ExpiringSessionHandler(BaseGraphQLTransportWSHandler[Context, None]):
    expiry_task: asyncio.Task[None] | None = None

    async def handle_message(self, message: Message) -> None:
        violation = protocol_violation(message)
        if violation is not None:
            await self.handle_invalid_message(violation)
            return
        if message["type"] == "connection_init" and message.get("payload") is None:
            # The protocol allows a null payload; strawberry would refuse it as not an object.
            message = ConnectionInitMessage(type="connection_init")
        await super().handle_message(message)

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)  # runs `on_ws_connect`, sets the principal
        expires_at = self.context.principal.expires_at
        # A repeated connection_init is refused by strawberry (4429); it must not start a timer.
        if self.connection_acknowledged and expires_at is not None and self.expiry_task is None:
            self.expiry_task = asyncio.create_task(self._close_at(expires_at))

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        # Strawberry closes the socket itself on a subscribe before connection_ack (4401) or with
        # an id already in use (4409): only operations it would start are checked and counted.
        if self.connection_acknowledged and message["id"] not in self.operations:
            # Revocation first: a revoked key is no longer a caller, so, as over HTTP, where
            # authentication runs before the rate limit, it spends no allowance.
            if await self._api_key_revoked():
                await self.websocket.close(code=API_KEY_REVOKED_CODE, reason=API_KEY_REVOKED_REASON)
                return
            refusal = await self._rate_limit_refusal() or empty_document_refusal(message)
            if refusal is not None:
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [refusal.formatted]}
                )
                return
        await super().handle_subscribe(message)

    async def _send_result_stream(
        self, operation: Operation[Context, None], result_source: StreamResult
    ) -> None:
        try:
            await super()._send_result_stream(operation, result_source)
        except GraphQLError as error:  # raised by the parser cache: syntax or the token limit
            # The schema's error processing gives the code (and the generic message for anonymous
            # production callers), as for the same document over HTTP.
            execution = ExecutionContext(
                query=operation.query,
                schema=self.schema,  # type: ignore[arg-type]
                allowed_operations=(),
                context=self.context,
            )
            self.schema.process_errors([error], execution)
            await operation.send_initial_errors([error])

    @staticmethod
    def _get_pre_execution_close_reason(error: GraphQLError) -> str | None:
        # Strawberry closes the socket (4400) for a document it cannot run. The protocol makes
        # that the operation's `error`: one bad document must not end the caller's other operations.
        return None

    async def _api_key_revoked(self) -> bool:
        key_id = self.context.principal.api_key_id
        if key_id is None:  # an access token or anonymous: nothing stored to revoke
            return False
        async with self.context.services.sessions() as session:
            return not await api_key_is_active(session, key_id)

    async def _rate_limit_refusal(self) -> GraphQLError | None:
        """Count this operation against the caller's hourly window; the error if it is refused."""
        if not self.context.services.settings.per_caller_limits:
            return None
        socket = self.context.request
        assert isinstance(socket, WebSocket)
        limiter = connection_state(socket).rate_limiter
        principal = self.context.principal
        decision = await limiter.try_hit(principal)
        if decision is None or decision.allowed:
            return None
        security_log = connection_state(socket).security_log
        await security_log.record_once(SecurityEvent.RATE_LIMITED, principal)
        error = decision.refusal()  # the same message and extensions as the HTTP 429
        return GraphQLError(error.message, extensions=error.extensions)

    async def _close_at(self, expires_at: int) -> None:
        # `exp` is wall-clock Unix time; the loop's clock is monotonic, so sleep for the difference.
        await asyncio.sleep(max(0.0, expires_at - time.time()))
        # The peer may have gone in the meantime (Starlette raises WebSocketDisconnect, or the
        # RuntimeError WebSocketDisconnected once the socket is closed): nothing is left to close.
        with suppress(WebSocketDisconnect, RuntimeError):
            await self.websocket.close(code=TOKEN_EXPIRED_CODE, reason=TOKEN_EXPIRED_REASON)

    async def shutdown(self) -> None:
        # Strawberry calls this once the socket is gone, however it closed.
        if self.expiry_task is not None:
            self.expiry_task.cancel()
            with suppress(asyncio.CancelledError):
                await self.expiry_task
        await super().shutdown()


def empty_document_refusal(message: SubscribeMessage) -> GraphQLError | None:
    """An empty query is a document with nothing to run, refused like a syntax error (strawberry
    raises its `MissingQueryError` there, which error masking reports as an internal error).
    An `operationName` that cannot be encoded is refused as over HTTP: graphql-core would echo it
    in its "Unknown operation" error, which no frame could then carry."""
    operation_name = message["payload"].get("operationName")
    if isinstance(operation_name, str) and UNSTORABLE.search(operation_name):
        bad_input = ErrorCode.BAD_USER_INPUT.value
        return GraphQLError(UNSTORABLE_OPERATION_NAME, extensions={"code": bad_input})
    if message["payload"]["query"].strip():
        return None
    code = ErrorCode.GRAPHQL_VALIDATION_FAILED.value
    return GraphQLError("The query is empty.", extensions={"code": code})
