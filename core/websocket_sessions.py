"""A graphql-transport-ws handler that ends a socket when the credentials it was opened with expire.

A websocket authenticates once, in `connection_init`; without this, a socket opened with an access
token would outlive the token for as long as the client kept it open. One task per connection
sleeps until the token's `exp` and closes the socket; it is cancelled when the socket closes first.

Close code 4403 ("Token expired"), the code a bad token gets at `connection_init`: the reference
client (graphql-ws, `shouldRetryConnectOrThrow`) retries after 4403 and evaluates its
`connectionParams` again, so a client that refreshes its token there reconnects by itself. 4401
is on that client's list of fatal codes, and in the protocol it means "subscribe before
connection_ack", a client bug.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress

from starlette.websockets import WebSocketDisconnect
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from schema.context import Context

TOKEN_EXPIRED_CODE = 4403
TOKEN_EXPIRED_REASON = "Token expired"


class ExpiringSessionHandler(BaseGraphQLTransportWSHandler[Context, None]):
    expiry_task: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)  # runs `on_ws_connect`, sets the principal
        expires_at = self.context.principal.expires_at
        # A repeated connection_init is refused by strawberry (4429); it must not start a timer.
        if self.connection_acknowledged and expires_at is not None and self.expiry_task is None:
            self.expiry_task = asyncio.create_task(self._close_at(expires_at))

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
