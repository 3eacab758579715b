"""Tier features gate fields with FEATURE_NOT_IN_TIER (a small schema exercises the mechanism)."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
import strawberry

from accounts.principal import Principal, Role, anonymous
from accounts.tiers import Feature, Tier
from api.error_handling import MaskUnexpectedErrors
from schema.permissions import requires


@strawberry.type
class Query:
    @strawberry.field(permission_classes=[requires(Feature.ADVANCED_ANALYTICS)])  # type: ignore[untyped-decorator]
    def analytics(self) -> int:
        return 42


SCHEMA = strawberry.Schema(query=Query, extensions=[MaskUnexpectedErrors])


async def run_as(principal: Principal) -> strawberry.types.ExecutionResult:
    return await SCHEMA.execute("{ analytics }", context_value=SimpleNamespace(principal=principal))


def user(tier: Tier) -> Principal:
    return Principal(Role.USER, "127.0.0.1", uuid.uuid4(), uuid.uuid4(), tier=tier)


async def test_tier_with_the_feature_gets_the_field() -> None:
    result = await run_as(user(Tier.PROFESSIONAL))
    assert result.data == {"analytics": 42}


async def test_tier_without_the_feature_gets_feature_not_in_tier() -> None:
    result = await run_as(user(Tier.BASIC))
    assert result.data is None
    assert result.errors is not None
    assert result.errors[0].extensions == {
        "code": "FEATURE_NOT_IN_TIER",
        "feature": "advanced_analytics",
    }


async def test_anonymous_caller_has_no_tier_features() -> None:
    result = await run_as(anonymous("127.0.0.1"))
    assert result.errors is not None
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "FEATURE_NOT_IN_TIER"


@pytest.mark.parametrize("feature", list(Feature))
def test_one_permission_class_per_feature(feature: Feature) -> None:
    assert requires(feature) is requires(feature)


async def test_an_anonymous_refusal_does_not_change_the_next_callers_error() -> None:
    await run_as(anonymous("127.0.0.1"))
    result = await run_as(user(Tier.BASIC))
    assert result.errors is not None
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "FEATURE_NOT_IN_TIER"
