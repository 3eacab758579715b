"""The strawberry ASGI app: HTTP POST JSON and graphql-transport-ws, with a typed context."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from api.schema import build_schema
from core.errors import IpovalError, Unauthenticated
from core.settings import Environment, Settings
from dataloaders import build_loaders
from edge.auth_middleware import client_ip
from edge.graphiql import page_html as graphiql_page_html
from edge.http_transport import (
    GraphQLOverHTTP,
    RequestRefused,
    media_type_of,
    refusal_response,
)
from edge.state import connection_state
from edge.uploads import is_multipart, parsed_upload, read_multipart
from edge.websocket_sessions import ExpiringSessionHandler
from edge.websocket_transport import TextFrameWebSocketAdapter, bounded_reason
from schema.context import Context

ANONYMOUS_SOCKET_REFUSAL = "Sign in or send an API key"


# HTTP (media types, status codes, refusals as JSON) comes from GraphQLOverHTTP; file uploads
# (the GraphQL multipart request spec) from edge/uploads.py.
class GraphQLApp(GraphQLOverHTTP):
    # Closes a socket when the access token it authenticated with expires.
    graphql_transport_ws_handler_class = ExpiringSessionHandler
    # Protocol messages as text frames: clients refuse the binary frames orjson's bytes would give.
    websocket_adapter_class = TextFrameWebSocketAdapter

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.graphiql_enabled else None,
            # Queries only (strawberry refuses mutations over GET), and only in development.
            allow_queries_via_get=settings.env is Environment.DEVELOPMENT,
            # The legacy graphql-ws protocol had an authentication bypass; offer only the new one.
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            # No connection_init in time: strawberry closes the socket with 4408.
            connection_init_wait_timeout=timedelta(seconds=settings.ws_init_timeout_seconds),
            # Operations in flight on one socket, queries included (strawberry counts every
            # `subscribe` until it completes). Past it strawberry answers that operation with an
            # `error` message ("Subscription limit reached") and keeps the socket open.
            max_subscriptions_per_connection=settings.ws_max_operations,
            # CORS does not cover websockets: any page could open one with the user's cookies.
            # Strawberry checks the handshake before any hook runs: no `Origin` (not a browser),
            # `Sec-Fetch-Site: same-origin`, or an origin with the host and port of `Host` pass;
            # any other origin must be listed here, or the socket is closed before it is accepted,
            # which the server answers with HTTP 403.
            allowed_origins=allowed_origins(settings),
            # strawberry's own multipart handling is off: uploads are parsed by edge/uploads.py,
            # with its CSRF check and limits, before strawberry sees the request.
            multipart_uploads_enabled=False,
        )
        self._settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or ()) if scope["type"] == "http" else {}
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if scope["type"] != "http" or scope["method"] != "POST" or not is_multipart(content_type):
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            media_type_of(request.headers)  # 406 before the body is read
            data, form = await read_multipart(request, self._settings)
        except RequestRefused as refusal:
            await refusal_response(request, refusal)(scope, receive, send)
            return
        token = parsed_upload.set(data)
        try:
            await super().__call__(scope, receive, send)
        finally:
            parsed_upload.reset(token)
            await form.close()

    async def parse_http_body(self, request: Any) -> Any:
        parsed = parsed_upload.get()
        if parsed is not None and request.method == "POST":
            return parsed
        return await super().parse_http_body(request)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = connection_state(request)
        services = state.services
        # A websocket context lives as long as the socket: loaders there batch but must not cache,
        # or a long-lived connection would keep serving the figures of its first operation.
        is_socket = isinstance(request, WebSocket)
        context = Context(
            services=services,
            loaders=build_loaders(services, cache=not is_socket),
            request=request,
            response=response if isinstance(response, Response) else None,
            authenticator=state.authenticator,
            progress_hub=state.progress_hub,
        )
        if not is_socket:
            context.principal = request.state.principal
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a websocket from its `connection_init` payload; refuse with 4403.

        In production a socket needs credentials: without them only signing in is allowed, and a
        client signs in over HTTP (`login`) to get the token it then sends here."""
        params = context.connection_params or {}
        authorization, api_key = params.get("authorization"), params.get("apiKey")
        socket = context.request
        assert isinstance(socket, WebSocket)
        authenticator = connection_state(socket).authenticator
        try:
            context.principal = await authenticator.authenticate(
                authorization if isinstance(authorization, str) else None,
                api_key if isinstance(api_key, str) else None,
                client_ip(socket.scope),
            )
            production = context.services.settings.env is Environment.PRODUCTION
            if production and not context.principal.is_authenticated:
                raise Unauthenticated(ANONYMOUS_SOCKET_REFUSAL)
        except IpovalError as error:
            # Strawberry closes a refused socket with the reason "Forbidden"; closing first says
            # why (the adapter ignores the second close).
            await socket.close(code=4403, reason=bounded_reason(error.message))
            raise ConnectionRejectionError({"code": error.code.value}) from error
        unset: UnsetType = UNSET
        return unset

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL with its assets served from this package: it works offline."""
        return HTMLResponse(graphiql_page_html())

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


def allowed_origins(settings: Settings) -> tuple[str, ...]:
    """`IPOVAL_WS_ALLOWED_ORIGINS`, comma-separated; strawberry refuses malformed entries."""
    return tuple(o.strip() for o in settings.ws_allowed_origins.split(",") if o.strip())
