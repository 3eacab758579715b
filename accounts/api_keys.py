"""Partner API keys: `ipv_<prefix>.<secret>`. The prefix is readable and identifies the key in
lists and logs; only a digest of the whole key is stored, and the key is shown once."""

from __future__ import annotations

import hmac
import secrets

from accounts.tokens import digest

KEY_PREFIX = "ipv_"


def new_api_key() -> tuple[str, str]:
    """(prefix, full key)."""
    prefix = KEY_PREFIX + secrets.token_hex(6)
    return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


def prefix_of(api_key: str) -> str | None:
    prefix, dot, secret = api_key.partition(".")
    if not dot or not prefix.startswith(KEY_PREFIX) or len(prefix) > 32 or not secret:
        return None
    return prefix


def matches(api_key: str, secret_hash: str) -> bool:
    return hmac.compare_digest(digest(api_key), secret_hash)
