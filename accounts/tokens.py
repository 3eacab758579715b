"""Access tokens (JWT, HS256, with a `kid` so keys rotate) and opaque refresh tokens.

JWTs use joserfc, the JOSE implementation that authlib's own `authlib.jose` now defers to.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

from accounts.tiers import Tier
from core.settings import Settings

ISSUER = "ipoval"
AUDIENCE = "ipoval-api"
ALGORITHM = "HS256"


class InvalidToken(Exception):
    """The token is not one we issued, or is no longer valid."""


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    organisation_id: uuid.UUID
    tier: Tier
    expires_at: int


class AccessTokens:
    def __init__(self, settings: Settings) -> None:
        keys: list[Any] = []
        for entry in settings.jwt_keys.split(","):
            kid, _, secret = entry.strip().partition(":")
            if not kid or len(secret) < 32:
                raise ValueError("IPOVAL_JWT_KEYS entries must be 'kid:secret' with 32+ chars")
            keys.append(OctKey.import_key(secret, {"kid": kid, "alg": ALGORITHM}))
        self._signing_key = keys[0]
        self._key_set = KeySet(keys)
        self.lifetime = settings.access_token_seconds

    def issue(self, user_id: uuid.UUID, organisation_id: uuid.UUID, tier: Tier) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": str(user_id),
            "org": str(organisation_id),
            "tier": tier.value,
            "iat": now,
            "exp": now + self.lifetime,
            "jti": uuid.uuid4().hex,
        }
        header = {"alg": ALGORITHM, "kid": self._signing_key.kid}
        return jwt.encode(header, claims, self._signing_key, algorithms=[ALGORITHM])

    def verify(self, token: str) -> AccessClaims:
        try:
            decoded = jwt.decode(token, self._key_set, algorithms=[ALGORITHM])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": ISSUER},
                aud={"essential": True, "value": AUDIENCE},
                sub={"essential": True},
                exp={"essential": True},
            ).validate(decoded.claims)
            claims = decoded.claims
            return AccessClaims(
                user_id=uuid.UUID(claims["sub"]),
                organisation_id=uuid.UUID(claims["org"]),
                tier=Tier(claims["tier"]),
                expires_at=int(claims["exp"]),
            )
        except (JoseError, KeyError, ValueError, TypeError) as error:
            raise InvalidToken(str(error)) from error


def new_refresh_token() -> str:
    return "rt_" + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """SHA-256 hex of a high-entropy secret (refresh tokens, API keys)."""
    return hashlib.sha256(secret.encode()).hexdigest()
