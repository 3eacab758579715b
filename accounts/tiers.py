"""Subscription tiers: what each allows, per the product's price list."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Tier(StrEnum):
    BASIC = "basic"
    PROFESSIONAL = "professional"
    ENTERPRISE = "enterprise"


class Feature(StrEnum):
    BASIC_REPORTS = "basic_reports"
    SCENARIO_MODELLING = "scenario_modelling"
    ADVANCED_ANALYTICS = "advanced_analytics"
    WHITE_LABEL = "white_label"
    API_ACCESS = "api_access"
    CUSTOM_INTEGRATIONS = "custom_integrations"


@dataclass(frozen=True, slots=True)
class TierPolicy:
    tier: Tier
    valuations_per_month: int | None  # None: unlimited
    requests_per_hour: int
    features: frozenset[Feature]
    # Query-cost bucket: Shopify-style points, refilled continuously.
    cost_bucket_size: int
    cost_restore_per_second: float

    def allows(self, feature: Feature) -> bool:
        return feature in self.features


_BASIC_FEATURES = frozenset({Feature.BASIC_REPORTS, Feature.SCENARIO_MODELLING})
_PROFESSIONAL_FEATURES = _BASIC_FEATURES | {
    Feature.ADVANCED_ANALYTICS,
    Feature.WHITE_LABEL,
    Feature.API_ACCESS,
}

POLICIES: dict[Tier, TierPolicy] = {
    Tier.BASIC: TierPolicy(Tier.BASIC, 2, 100, _BASIC_FEATURES, 1_000, 50.0),
    Tier.PROFESSIONAL: TierPolicy(Tier.PROFESSIONAL, 8, 500, _PROFESSIONAL_FEATURES, 2_000, 100.0),
    Tier.ENTERPRISE: TierPolicy(Tier.ENTERPRISE, None, 2_000, frozenset(Feature), 5_000, 250.0),
}

# Callers without credentials (only where the environment admits them): per IP address.
ANONYMOUS_REQUESTS_PER_HOUR = 60
ANONYMOUS_COST_BUCKET = (1_000, 50.0)


def policy_for(tier: Tier) -> TierPolicy:
    return POLICIES[tier]
