"""Security events worth keeping: who signed in, which keys changed, what was refused."""

from __future__ import annotations

from enum import StrEnum


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
