"""Resolves the caller of every HTTP request before GraphQL runs, so that limits and the GraphQL
context see the same principal. Websockets authenticate in `connection_init` instead."""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from accounts.audit import SecurityEvent
from accounts.principals import Authenticator
from core.errors import ErrorCode, IpovalError
from core.logging import correlation_id
from core.principal import anonymous


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
            await self._refuse(scope, send, error)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, error: IpovalError) -> None:
        """Bad credentials still count against the address's anonymous allowance, so guessing
        keys or tokens is as rate-limited as anything else, and they are audited."""
        state = scope["app"].state
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
        await state.security_log.record_once(
            SecurityEvent.CREDENTIALS_REJECTED, caller, code=error.code.value
        )
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
