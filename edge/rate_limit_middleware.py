"""Applies the request-rate limit to every HTTP request, after authentication.

Over the limit: HTTP 429 with `Retry-After` and GraphQL error code `RATE_LIMITED`. Every response
carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.

When the limiter's store fails (Redis down or unreachable) the request goes through, unlimited
and without those headers, and a warning is logged: the limit protects capacity, it is not
authorisation. The query-cost bucket fails open the same way.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accounts.audit import SecurityEvent
from accounts.principal import Principal
from edge.auth_middleware import send_error
from edge.state import scope_state

log = logging.getLogger("ipoval.rate_limit")

# Probes must not spend a caller's allowance, nor be refused under load; nor must loading the
# web app's page.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/", "/app/THIRD-PARTY-LICENSES.txt"})
# The static files of GraphiQL and of the web app: loading a page must not spend the caller's
# API allowance.
UNLIMITED_PREFIXES = ("/graphql/static/", "/app/assets/")


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] in UNLIMITED_PATHS
            or scope["path"].startswith(UNLIMITED_PREFIXES)
            or not scope_state(scope).services.settings.per_caller_limits
        ):
            await self.app(scope, receive, send)
            return
        principal: Principal = scope["state"]["principal"]
        state = scope_state(scope)
        limiter = state.rate_limiter
        decision = await limiter.try_hit(principal)
        if decision is None:
            await self.app(scope, receive, send)
            return
        headers = decision.headers()
        if not decision.allowed:
            security_log = state.security_log
            await security_log.record_once(SecurityEvent.RATE_LIMITED, principal)
            await send_error(send, 429, decision.refusal(), decision.refused_headers())
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
