"""Resolves the caller of every HTTP request before GraphQL runs, so that limits and the GraphQL
context see the same principal. Websockets authenticate in `connection_init` instead.

Credentials that cannot be checked because the database is unreachable (an API key is looked up
in it) are answered 503 `SERVICE_UNAVAILABLE` with `Retry-After`, never 401 or 500; behind this
middleware, an answer with no data because of an outage becomes 503 too (core/outages.py)."""

from __future__ import annotations

import logging

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from accounts.audit import SecurityEvent
from accounts.principal import anonymous
from core.errors import ErrorCode, IpovalError
from core.logging import correlation_id
from core.outages import (
    RETRY_AFTER_HEADER,
    ServiceUnavailable,
    answer_503_when_nothing_was_served,
    database_unavailable,
    is_unreachable,
)
from edge.state import scope_state

log = logging.getLogger(__name__)


class AuthenticationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authenticator = scope_state(scope).authenticator
        headers = dict(scope["headers"])
        try:
            principal = await authenticator.authenticate(
                headers.get(b"authorization", b"").decode("latin-1") or None,
                headers.get(b"x-api-key", b"").decode("latin-1") or None,
                client_ip(scope),
            )
        except ServiceUnavailable as error:
            await send_error(send, 503, error, [RETRY_AFTER_HEADER])
            return
        except IpovalError as error:
            await self._refuse(scope, send, error)
            return
        except Exception as error:
            if not is_unreachable(error):
                raise
            await send_error(send, 503, database_unavailable(), [RETRY_AFTER_HEADER])
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, answer_503_when_nothing_was_served(send))

    @staticmethod
    async def _refuse(scope: Scope, send: Send, error: IpovalError) -> None:
        """Bad credentials still count against the address's anonymous allowance, so guessing
        keys or tokens is as rate-limited as anything else, and they are audited."""
        state = scope_state(scope)
        caller = anonymous(client_ip(scope))
        headers: list[tuple[bytes, bytes]] = []
        decision = (
            await state.rate_limiter.try_hit(caller)
            if state.services.settings.per_caller_limits
            else None
        )
        if decision is not None:
            headers = decision.headers()
            if not decision.allowed:
                await send_error(send, 429, decision.refusal(), decision.refused_headers())
                return
        try:
            await state.security_log.record_once(
                SecurityEvent.CREDENTIALS_REJECTED, caller, code=error.code.value
            )
        except Exception as failure:
            # The refusal stands without its audit entry while the log's stores are out of reach.
            if not is_unreachable(failure):
                raise
            log.warning("could not audit a refused credential: %s", failure)
        status = 401 if error.code is ErrorCode.UNAUTHENTICATED else 403
        await send_error(send, status, error, headers)


def client_ip(scope: Scope) -> str:
    # uvicorn has already applied X-Forwarded-For from the proxies `ipoval serve
    # --forwarded-allow-ips` trusts; behind an untrusted proxy every caller shares its address.
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
