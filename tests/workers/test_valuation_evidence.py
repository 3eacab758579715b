"""A job keeps the provider data it used, with provenance, and re-runs from it to the same
numbers."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from starlette.applications import Starlette

from contracts.valuation_evidence import GatheredData
from contracts.valuation_input import ValuationJobInput, listing_day
from contracts.valuation_result import result_payload
from core.errors import ProviderUnavailable
from edge.state import app_state
from models.valuation import ValuationJob
from providers.models import MarketData, RateSeries, Transaction
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuations import job_row, queued_job, run_worker
from workers.valuation_job import revalue, run_valuation

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]


async def test_a_completed_job_stores_its_peers_transactions_and_sources(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    await run_worker(services)
    row = await job_row(services, job)
    assert row.gathered is not None and row.result is not None
    gathered = GatheredData.model_validate(row.gathered)
    peers = {peer.ticker for peer in gathered.peers}
    subjects = {use.subject for use in gathered.sources}
    assert {f"{t} market data" for t in peers} <= subjects
    assert {"FCMYGBAG10D", "FIRMMCRT"} <= subjects
    assert gathered.transactions, "the sample peers made acquisitions"
    assert all(t.provenance.synthetic for t in gathered.transactions)
    assert len({t.id for t in gathered.transactions}) == len(gathered.transactions)
    methods = {m["method"]: m["weight"] for m in row.result["pricing"]["methods"]}
    assert methods["PRECEDENT_TRANSACTIONS"] == 0.0


async def test_re_running_from_the_stored_data_gives_the_same_numbers(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    await run_worker(services)
    row = await job_row(services, job)
    assert row.gathered is not None
    gathered = GatheredData.model_validate(row.gathered)
    inputs = ValuationJobInput.model_validate(row.inputs)
    created_on = listing_day(row.created_at)
    assert result_payload(revalue(inputs, gathered, created_on), gathered) == row.result


class EveryUpstreamDown(SampleProvider):
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        raise ProviderUnavailable("ASX is down")

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        raise ProviderUnavailable("RBA is down")


async def test_a_takeover_values_from_the_stored_data_without_asking_the_upstreams(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    await run_worker(services)
    first = await job_row(services, job)
    # As if the worker died after storing its data: RUNNING, stale heartbeat, no result.
    async with services.sessions.begin() as session:
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == first.id)
            .values(
                status="RUNNING",
                result=None,
                completed_at=None,
                heartbeat_at=datetime.now(UTC) - timedelta(minutes=5),
            )
        )
    down = dataclasses.replace(services, providers=ProviderRegistry.single(EveryUpstreamDown()))
    assert await run_valuation(down, first.id) == "COMPLETED"
    again = await job_row(services, job)
    assert again.result == first.result


class DealsDown(SampleProvider):
    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        raise ProviderUnavailable("CAPIQ is down")


async def test_transactions_upstream_down_degrades_only_that_method(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    job_id = decode_id("ValuationJob", job)
    assert job_id is not None
    down = dataclasses.replace(services, providers=ProviderRegistry.single(DealsDown()))
    assert await run_valuation(down, job_id) == "COMPLETED"
    row = await job_row(services, job)
    assert row.result is not None
    assert row.result["precedent_transactions"] == []
    assert any("Precedent transactions unavailable" in w for w in row.result["warnings"])


def test_a_job_asked_for_on_an_australian_morning_values_at_that_day() -> None:
    """9 am in Sydney on 8 December is 22:00 UTC on 7 December (AEDT, UTC+11)."""
    assert listing_day(datetime(2026, 12, 7, 22, 0, tzinfo=UTC)) == date(2026, 12, 8)
    assert listing_day(datetime(2026, 12, 7, 12, 0)) == date(2026, 12, 7)
