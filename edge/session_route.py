"""Sign-in for the browser page: `POST /app/session`, `/app/session/refresh`, `/app/session/end`.

The page keeps only the access token, in memory; the refresh token lives in the cookie
`ipoval_refresh`, which scripts cannot read (HttpOnly), the browser sends only to these paths
(Path=/app/session) and never with a request another site starts (SameSite=Strict). A script
injected into the page can then use a session while the page is open, but cannot carry it away.

CSRF. A cross-site form cannot set a header, and a cross-site `fetch` with one needs a CORS
preflight, which this server never grants, so every request must carry `X-Requested-With: ipoval`;
a browser's `Origin`, when sent, must be this server's own scheme://host. Both are checked before
the body is read, and refused with 403 `FORBIDDEN`.

The sessions are those of `login` / `refreshToken` / `logout` (accounts/sessions.py), and every
refusal has the JSON shape of `/graphql`'s (edge/http_transport.error_body). Nothing here may be
cached: answers carry tokens, and a cleared cookie must not be served again from a cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.http.websocket_origin import normalize_origin

from accounts import sessions
from api.input_strings import UNSTORABLE
from core.errors import BadUserInput, ErrorCode, IpovalError
from core.outages import RETRY_AFTER_SECONDS, database_unavailable, is_unreachable
from core.settings import Environment
from edge.auth_middleware import client_ip
from edge.http_transport import JSON, RequestRefused, decode_json, error_body, require_json_content
from edge.state import connection_state
from schema.bounds import MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MAX_REFRESH_TOKEN_LENGTH

SESSION_PATH = "/app/session"
COOKIE = "ipoval_refresh"
CSRF_HEADER = "x-requested-with"
CSRF_VALUE = "ipoval"

Handler = Callable[[Request], Awaitable[Response]]


def session_routes() -> list[Route]:
    return [
        Route(SESSION_PATH, SessionEndpoint(start_session)),
        Route(f"{SESSION_PATH}/refresh", SessionEndpoint(refresh_session)),
        Route(f"{SESSION_PATH}/end", SessionEndpoint(end_session)),
    ]


class SessionEndpoint:
    """An ASGI app for every method (so that a wrong one is refused as JSON, like `/graphql`),
    which checks the method and the CSRF defences before the handler runs."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            refuse_unsafe(request)
            response = await self.handler(request)
        except RequestRefused as refusal:
            response = refused(refusal.status, refusal.code, refusal.message, refusal.headers)
        except (sessions.InvalidCredentials, sessions.InvalidRefreshToken, BadUserInput) as error:
            response = failed(request, error)
        except Exception as error:
            if not is_unreachable(error):
                raise
            # The cookie stands: the same request may succeed once the database is back.
            response = failed(request, database_unavailable())
        response.headers["Cache-Control"] = "no-store"
        await response(scope, receive, send)


def refuse_unsafe(request: Request) -> None:
    if request.method != "POST":
        raise RequestRefused(
            405, ErrorCode.METHOD_NOT_ALLOWED, "Only POST is allowed here.", {"Allow": "POST"}
        )
    if request.headers.get(CSRF_HEADER, "").strip().lower() != CSRF_VALUE:
        raise RequestRefused(
            403,
            ErrorCode.FORBIDDEN,
            f"Send the header `X-Requested-With: {CSRF_VALUE}`: a page of another site cannot, "
            "so it protects against cross-site request forgery.",
        )
    origin = request.headers.get("origin")
    if origin is not None and normalize_origin(origin) != own_origin(request):
        raise RequestRefused(403, ErrorCode.FORBIDDEN, "Requests from another origin are refused.")


def own_origin(request: Request) -> str | None:
    """This server's origin as the browser reached it. Behind a proxy that ends TLS, the scheme is
    https only when uvicorn trusts the proxy's X-Forwarded-Proto (`--forwarded-allow-ips`)."""
    return normalize_origin(f"{request.url.scheme}://{request.url.netloc}")


async def start_session(request: Request) -> Response:
    require_json_content(request.headers.get("content-type", ""))
    body = decode_json(await request.body())
    if not isinstance(body, dict):
        raise RequestRefused(400, ErrorCode.BAD_REQUEST, "The body must be a JSON object.")
    email, password = (_string(body, name) for name in ("email", "password"))
    state = connection_state(request)
    signed_in = await sessions.sign_in(
        state.services,
        state.authenticator.tokens,
        email[:MAX_EMAIL_LENGTH],
        password[:MAX_PASSWORD_LENGTH],
        client_ip(request.scope),
    )
    return session_response(request, signed_in)


async def refresh_session(request: Request) -> Response:
    token = request.cookies.get(COOKIE)
    if not token:
        raise sessions.InvalidRefreshToken("No session cookie; sign in again.")
    state = connection_state(request)
    signed_in = await sessions.refresh(
        state.services,
        state.authenticator.tokens,
        token[:MAX_REFRESH_TOKEN_LENGTH],
        client_ip(request.scope),
    )
    return session_response(request, signed_in)


async def end_session(request: Request) -> Response:
    """Without a cookie nothing is revoked: the user's other sessions (other browsers, partners'
    refresh tokens) are not this page's to end; `logout` without a token does that."""
    token = request.cookies.get(COOKIE)
    revoked = await sessions.sign_out(
        connection_state(request).services,
        None,
        token[:MAX_REFRESH_TOKEN_LENGTH] if token else None,
        client_ip(request.scope),
    )
    response = json_response({"revokedSessions": revoked}, 200)
    response.headers.append("Set-Cookie", cookie(request, "", max_age=0))
    return response


def _string(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise RequestRefused(400, ErrorCode.BAD_REQUEST, f"`{name}` must be a string.")
    if UNSTORABLE.search(value):
        # PostgreSQL cannot hold it (the e-mail is looked up and audited), nor UTF-8 encode it.
        raise BadUserInput(f"`{name}` contains a NUL character or a lone surrogate.", argument=name)
    return value


def session_response(request: Request, signed_in: sessions.SignedIn) -> Response:
    response = json_response(
        {
            "accessToken": signed_in.access_token,
            "expiresIn": signed_in.expires_in,
            "user": {"email": signed_in.user.email},
        },
        200,
    )
    max_age = connection_state(request).services.settings.refresh_token_days * 86_400
    response.headers.append("Set-Cookie", cookie(request, signed_in.refresh_token, max_age))
    return response


def cookie(request: Request, value: str, max_age: int) -> str:
    """`Set-Cookie` written out rather than through http.cookies, which spells SameSite in lower
    case; the values are our own refresh tokens (`rt_` and URL-safe base64), never quoted."""
    attributes = [f"{COOKIE}={value}", f"Max-Age={max_age}", f"Path={SESSION_PATH}"]
    attributes += ["HttpOnly", "SameSite=Strict"]
    settings = connection_state(request).services.settings
    if request.url.scheme == "https" or settings.env is Environment.PRODUCTION:
        attributes.append("Secure")
    return "; ".join(attributes)


def failed(request: Request, error: IpovalError) -> Response:
    status = _STATUS[error.code]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}
    response = refused(status, error.code, error.message, headers, **error.details)
    if error.code is ErrorCode.INVALID_REFRESH_TOKEN:
        # The cookie will never work again: clear it, so that the browser stops sending it.
        response.headers.append("Set-Cookie", cookie(request, "", max_age=0))
    return response


_STATUS = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.INVALID_REFRESH_TOKEN: 401,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
}


def refused(
    status: int, code: StrEnum, message: str, headers: dict[str, str], **extensions: Any
) -> Response:
    return Response(error_body(message, code, **extensions), status, headers, JSON)


def json_response(content: dict[str, Any], status: int) -> Response:
    return Response(orjson.dumps(content), status, media_type=JSON)
