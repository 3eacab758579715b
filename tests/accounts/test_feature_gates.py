"""Tier features gate real fields, and `me.features` lists only features that gate something.

API access's gates that are not fields are tested where they are enforced:
tests/accounts/test_credentials.py (API keys) and tests/accounts/test_hardening.py (introspection).
"""

from __future__ import annotations

import asyncio
import uuid
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from graphql import GraphQLNonNull, GraphQLObjectType
from starlette.applications import Starlette
from strawberry.permission import PermissionExtension

from accounts.operators import create_user
from accounts.principal import Principal, Role, anonymous
from accounts.tiers import Feature, Tier, policy_for
from accounts.tokens import AccessTokens
from api.schema import build_schema
from core.redis import is_embedded
from edge.state import app_state
from runtime.services import Services
from schema.feature_gates import gated_fields, gates
from tests.fixtures.documents import CREATE
from tests.fixtures.valuation_inputs import company
from workers.worker import create_worker

SCHEMA = build_schema()
GATED = [(feature, field) for feature, fields in gated_fields(SCHEMA).items() for field in fields]
# A root field's parent is the response itself: refused, it nulls `data` whatever its type.
GATED_BELOW_THE_ROOT = [(f, c) for f, c in GATED if not c.startswith(("Query.", "Mutation."))]
JOB = """query ($id: ID!) { valuation(id: $id) { status
  result { priceRange { mid } details } } }"""


async def bearer(services: Services, tier: Tier) -> dict[str, str]:
    """A real user's access token claiming `tier` (the tier is read from the token)."""
    email = f"gates-{uuid.uuid4().hex[:10]}@example.com"
    user = await create_user(services, email, "a long enough password", email, tier)
    token = AccessTokens(services.settings).issue(user.id, user.organisation_id, tier)
    return {"Authorization": f"Bearer {token}"}


def schema_field(coordinate: str) -> Any:
    type_name, field_name = coordinate.split(".")
    graphql_type = SCHEMA._schema.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    return graphql_type.fields[field_name]


def user(tier: Tier | None) -> Principal:
    if tier is None:
        return anonymous("127.0.0.1")
    return Principal(Role.USER, "127.0.0.1", uuid.uuid4(), uuid.uuid4(), tier=tier)


@pytest.mark.parametrize("tier", list(Tier))
async def test_me_lists_only_features_that_gate_something(
    tier: Tier, app: Starlette, client: httpx.AsyncClient
) -> None:
    headers = await bearer(app_state(app).services, tier)
    response = await client.post("/graphql", json={"query": "{ me { features } }"}, headers=headers)
    listed = response.json()["data"]["me"]["features"]
    gating = {feature.value: unlocked for feature, unlocked in gates(SCHEMA).items()}
    assert listed, "every tier unlocks something"
    for feature in listed:
        assert gating.get(feature), f"{tier} lists {feature}, which gates nothing"
    assert set(listed) == {f.value for f in policy_for(tier).features if f.value in gating}


@pytest.mark.parametrize(("feature", "coordinate"), GATED_BELOW_THE_ROOT)
def test_a_gated_field_is_nullable_so_a_refusal_spares_its_parent(
    feature: Feature, coordinate: str
) -> None:
    assert not isinstance(schema_field(coordinate).type, GraphQLNonNull)


@pytest.mark.parametrize(("feature", "coordinate"), GATED)
def test_a_gated_field_refuses_every_caller_without_its_feature(
    feature: Feature, coordinate: str
) -> None:
    definition = schema_field(coordinate).extensions["strawberry-definition"]
    [extension] = [e for e in definition.extensions if isinstance(e, PermissionExtension)]
    for tier in [*Tier, None]:
        info = SimpleNamespace(context=SimpleNamespace(principal=user(tier)))
        allowed = all(p.has_permission(None, info) for p in extension.permissions)  # type: ignore[arg-type]
        entitled = tier is not None and policy_for(tier).allows(feature)
        assert allowed is entitled, (tier, coordinate)


def test_the_scenario_field_and_the_result_details_are_gated() -> None:
    fields = gated_fields(SCHEMA)
    assert "Query.scenario" in fields[Feature.SCENARIO_MODELLING]
    assert "ValuationResult.details" in fields[Feature.ADVANCED_ANALYTICS]


async def completed(
    app: Starlette, client: httpx.AsyncClient, job_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    services: Services = app_state(app).services
    if not is_embedded(services.redis):
        worker = create_worker(
            services.settings, services, burst=True, poll_delay=0, handle_signals=False
        )
        await worker.async_run()
    for _ in range(200):
        answer = await client.post(
            "/graphql", json={"query": JOB, "variables": {"id": job_id}}, headers=headers
        )
        if answer.json()["data"]["valuation"]["status"] in ("COMPLETED", "FAILED"):
            return answer.json()
        await asyncio.sleep(0.05)
    raise AssertionError("the valuation did not finish")


async def test_the_monte_carlo_and_sensitivity_figures_need_advanced_analytics(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    services: Services = app_state(app).services
    basic = await bearer(services, Tier.BASIC)
    created = await client.post(
        "/graphql", json={"query": CREATE, "variables": {"input": company()}}, headers=basic
    )
    job_id = created.json()["data"]["createValuation"]["job"]["id"]
    refused = await completed(app, client, job_id, basic)

    result = refused["data"]["valuation"]["result"]
    assert result["priceRange"]["mid"] > 0
    assert result["details"] is None
    [error] = refused["errors"]
    assert error["path"] == ["valuation", "result", "details"]
    assert error["extensions"] == {"code": "FEATURE_NOT_IN_TIER", "feature": "advanced_analytics"}


async def test_a_tier_with_advanced_analytics_reads_the_distribution_and_the_grid(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    professional = await bearer(app_state(app).services, Tier.PROFESSIONAL)
    created = await client.post(
        "/graphql", json={"query": CREATE, "variables": {"input": company()}}, headers=professional
    )
    job_id = created.json()["data"]["createValuation"]["job"]["id"]
    answer = await completed(app, client, job_id, professional)

    assert "errors" not in answer
    details = answer["data"]["valuation"]["result"]["details"]
    assert {"monte_carlo", "sensitivity"} <= set(details["dcf"])
