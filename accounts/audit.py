"""Security events worth keeping (who signed in, which keys changed, what was refused) and the
`SecurityLog` that writes them to the audit log, with a per-caller throttle for noisy ones.

A caller hammering the API past its limit must not turn each refused request into a database
write, so such events are recorded at most once per caller per `window_seconds` (a Redis key).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from accounts.principal import Principal
from repositories.accounts import add_audit_event
from runtime.services import Services


class SecurityEvent(StrEnum):
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    SIGN_IN_FAILED = "sign_in.failed"
    CREDENTIALS_REJECTED = "credentials.rejected"
    SIGNED_OUT = "signed_out"
    REFRESH_TOKEN_REUSED = "refresh_token.reused"
    USER_CREATED = "user.created"
    API_KEY_CREATED = "api_key.created"
    API_KEY_REVOKED = "api_key.revoked"
    RATE_LIMITED = "rate_limit.exceeded"
    QUOTA_EXCEEDED = "quota.exceeded"


class SecurityLog:
    def __init__(self, services: Services, window_seconds: int = 300) -> None:
        self._services = services
        self._window_seconds = window_seconds

    async def record(self, event: SecurityEvent, principal: Principal, **detail: Any) -> None:
        async with self._services.sessions.begin() as session:
            await add_audit_event(
                session,
                event,
                organisation_id=principal.organisation_id,
                user_id=principal.user_id,
                api_key_id=principal.api_key_id,
                client_ip=principal.client_ip,
                detail=detail,
            )

    async def record_once(self, event: SecurityEvent, principal: Principal, **detail: Any) -> None:
        key = f"ipoval:audit-once:{event}:{principal.limit_key}"
        if await self._services.redis.set(key, 1, nx=True, ex=self._window_seconds):
            await self.record(event, principal, **detail)
