"""`ValuationJob.monteCarlo(bins)`: the DCF's stored percentiles with a histogram of the draws made
again behind them, for a completed valuation of a tier with advanced analytics."""

from __future__ import annotations

import asyncio
import copy
import uuid
from itertools import pairwise
from typing import Any

import httpx
from starlette.applications import Starlette

from accounts.operators import create_user
from accounts.tiers import Tier
from accounts.tokens import AccessTokens
from core.redis import is_embedded
from runtime.services import Services
from schema.types.monte_carlo import stored_distribution
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import finished, job_row, queued_job, run_worker

DISTRIBUTION = """query ($id: ID!, $bins: Int!) { valuation(id: $id) {
  monteCarlo(bins: $bins) { p10 p50 p90 mean draws discarded histogram { low high count } }
  result { details } } }"""
BOUNDS = """query ($id: ID!) { valuation(id: $id) {
  fewest: monteCarlo(bins: 5) { histogram { count } }
  most: monteCarlo(bins: 200) { histogram { count } }
  byDefault: monteCarlo { histogram { count } } } }"""
BINS_ONLY = """query ($id: ID!, $bins: Int!) { valuation(id: $id) {
  monteCarlo(bins: $bins) { p50 } } }"""
CREATE_AND_ASK = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id status monteCarlo { p50 histogram { count } } } } }"""
STATUS_AND_DISTRIBUTION = """query ($id: ID!) { valuation(id: $id) {
  status monteCarlo { p50 } } }"""


async def completed_job(app: Starlette, gql: GraphQLClient) -> str:
    job_id = await queued_job(gql)
    job = await finished(app, gql, job_id)
    assert job["status"] == "COMPLETED", job
    return job_id


async def test_the_histogram_bins_the_draws_behind_the_stored_percentiles(
    app: Starlette, gql: GraphQLClient
) -> None:
    job_id = await completed_job(app, gql)
    answer = await gql.execute(DISTRIBUTION, id=job_id, bins=25)
    assert "errors" not in answer, answer
    valuation = answer["data"]["valuation"]
    distribution = valuation["monteCarlo"]
    stored = valuation["result"]["details"]["dcf"]["monte_carlo"]

    assert {k: distribution[k] for k in stored} == stored  # p10 p50 p90 mean draws discarded
    # `draws` counts the draws kept; the discarded ones are beside it, out of the 10,000 drawn.
    assert distribution["draws"] + distribution["discarded"] == 10_000
    bins = distribution["histogram"]
    assert len(bins) == 25
    assert sum(b["count"] for b in bins) == distribution["draws"]
    assert all(b["low"] < b["high"] for b in bins)
    assert all(a["high"] == b["low"] for a, b in pairwise(bins))
    widths = [b["high"] - b["low"] for b in bins]
    assert max(widths) - min(widths) < 1e-6 * widths[0]
    assert bins[0]["low"] < distribution["p10"] < distribution["p50"] < distribution["p90"]
    assert distribution["p90"] < bins[-1]["high"]
    assert bins[0]["count"] > 0 and bins[-1]["count"] > 0  # the bins span the draws' min..max


async def test_the_bounds_of_bins_are_inclusive_and_the_default_is_40(
    app: Starlette, gql: GraphQLClient
) -> None:
    job_id = await completed_job(app, gql)
    answer = await gql.execute(BOUNDS, id=job_id)
    assert "errors" not in answer, answer
    valuation = answer["data"]["valuation"]
    assert [len(valuation[k]["histogram"]) for k in ("fewest", "most", "byDefault")] == [5, 200, 40]


async def test_bins_outside_their_bounds_are_refused(gql: GraphQLClient) -> None:
    job_id = await queued_job(gql)
    for bins in (4, 201, 0, -1):
        answer = await gql.execute(BINS_ONLY, id=job_id, bins=bins)
        [error] = answer["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["bins"]}
        assert error["path"] == ["valuation", "monteCarlo"]
        assert answer["data"]["valuation"] == {"monteCarlo": None}


async def test_a_queued_job_has_no_distribution_yet(gql: GraphQLClient) -> None:
    answer = await gql.execute(CREATE_AND_ASK, input=company())
    assert "errors" not in answer, answer
    job = answer["data"]["createValuation"]["job"]
    assert (job["status"], job["monteCarlo"]) == ("QUEUED", None)


async def test_a_tier_without_advanced_analytics_is_refused_the_distribution(
    app: Starlette, client: httpx.AsyncClient, services: Services
) -> None:
    email = f"mc-{uuid.uuid4().hex[:10]}@example.com"
    user = await create_user(services, email, "a long enough password", email, Tier.BASIC)
    token = AccessTokens(services.settings).issue(user.id, user.organisation_id, Tier.BASIC)
    headers = {"Authorization": f"Bearer {token}"}

    async def ask(query: str, **variables: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body

    created = await ask(CREATE_AND_ASK, input=company())
    job_id = created["data"]["createValuation"]["job"]["id"]
    if not is_embedded(services.redis):
        await run_worker(services)
    for _ in range(200):
        answer = await ask(STATUS_AND_DISTRIBUTION, id=job_id)
        if answer["data"]["valuation"]["status"] == "COMPLETED":
            break
        await asyncio.sleep(0.05)
    assert answer["data"]["valuation"] == {"status": "COMPLETED", "monteCarlo": None}
    [error] = answer["errors"]
    assert error["path"] == ["valuation", "monteCarlo"]
    assert error["extensions"] == {"code": "FEATURE_NOT_IN_TIER", "feature": "advanced_analytics"}


async def test_no_histogram_unless_the_draws_are_the_stored_ones_and_none_without_a_dcf(
    app: Starlette, gql: GraphQLClient, services: Services
) -> None:
    row = await job_row(services, await completed_job(app, gql))
    assert row.result is not None
    remade = stored_distribution(row.inputs, row.created_at, row.result, 40)
    assert remade is not None and remade.histogram is not None

    drifted = copy.deepcopy(row.result)
    drifted["dcf"]["monte_carlo"]["p50"] *= 1.001  # stored by an engine that drew differently
    shown = stored_distribution(row.inputs, row.created_at, drifted, 40)
    assert shown is not None and shown.histogram is None
    assert shown.p50 == drifted["dcf"]["monte_carlo"]["p50"]

    without_dcf = {k: v for k, v in row.result.items() if k != "dcf"}
    assert stored_distribution(row.inputs, row.created_at, without_dcf, 40) is None
