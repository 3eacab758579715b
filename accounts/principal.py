"""Who is calling: resolved once per request or websocket connection, before GraphQL runs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from accounts.tiers import ANONYMOUS_COST_BUCKET, ANONYMOUS_REQUESTS_PER_HOUR, Tier, policy_for


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    USER = "user"
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    client_ip: str
    organisation_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    api_key_id: uuid.UUID | None = None
    tier: Tier | None = None
    expires_at: int | None = None  # when the credentials stop being valid (Unix time), if ever

    @property
    def is_authenticated(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @property
    def limit_key(self) -> str:
        """The identity that request-rate and query-cost limits count against."""
        if self.api_key_id is not None:
            return f"key:{self.api_key_id}"
        if self.user_id is not None:
            return f"user:{self.user_id}"
        return f"ip:{self.client_ip}"

    @property
    def requests_per_hour(self) -> int:
        return policy_for(self.tier).requests_per_hour if self.tier else ANONYMOUS_REQUESTS_PER_HOUR

    @property
    def cost_bucket(self) -> tuple[int, float]:
        """(bucket size, points restored per second) for query cost."""
        if self.tier is None:
            return ANONYMOUS_COST_BUCKET
        policy = policy_for(self.tier)
        return policy.cost_bucket_size, policy.cost_restore_per_second


def anonymous(client_ip: str) -> Principal:
    return Principal(role=Role.ANONYMOUS, client_ip=client_ip)
