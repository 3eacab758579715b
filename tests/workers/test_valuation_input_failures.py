"""A job that fails for its input ends FAILED with VALUATION_INPUT, says why, and gives its quota
slot back, once however often it is delivered."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from starlette.applications import Starlette

from edge.state import app_state
from providers.models import MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import job_row, run_worker, used_this_period
from workers.valuation_job import run_valuation


async def create(api: GraphQLClient, **overrides: object) -> str:
    created = (await api.execute(CREATE, input=company(**overrides)))["data"]["createValuation"]
    assert created["userErrors"] == [], created
    return str(created["job"]["id"])


async def test_equity_that_is_not_positive_fails_and_gives_the_quota_back(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await create(api, netDebt=5e9)  # far above any enterprise value of this company
    before = await used_this_period(services, await job_row(services, job))
    await run_worker(services)
    row = await job_row(services, job)
    assert (row.status, row.error_code) == ("FAILED", "VALUATION_INPUT")
    assert row.error_message is not None
    assert "equity value is not positive" in row.error_message
    assert "A$5bn" in row.error_message and " by A$" in row.error_message
    assert row.result is None
    assert await used_this_period(services, row) == before - 1
    # Delivered again (at least once delivery): already final, nothing more is given back.
    assert await run_valuation(services, row.id) != "FAILED"
    assert await used_this_period(services, row) == before - 1


class NoBetas(SampleProvider):
    """Market data as the ASX publishes it: no beta."""

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        found = await super().market_data(tickers)
        return {t: dataclasses.replace(m, beta=None) for t, m in found.items()}


async def test_peers_that_lost_their_betas_by_run_time_fail_the_job_and_refund_it(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await create(api)  # checked against peers with betas
    row = await job_row(services, job)
    before = await used_this_period(services, row)
    betaless = dataclasses.replace(services, providers=ProviderRegistry.single(NoBetas()))
    assert await run_valuation(betaless, row.id) == "FAILED"
    failed = await job_row(services, job)
    assert failed.error_code == "VALUATION_INPUT"
    assert failed.error_message == (
        "0 of 12 peers have a beta; the beta is the peers' median and needs at least 3."
    )
    assert await used_this_period(services, failed) == before - 1


async def test_a_completed_job_keeps_its_quota_slot(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await create(api)
    before = await used_this_period(services, await job_row(services, job))
    await run_worker(services)
    row = await job_row(services, job)
    assert row.status == "COMPLETED"
    assert await used_this_period(services, row) == before
