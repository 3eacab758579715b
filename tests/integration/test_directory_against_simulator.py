"""The directory sync against a flaky Capital IQ (the simulator with 20 % errors, some 429s and
malformed answers): the capitalisations it answered are stored, every other company keeps the
one it had, and the market-cap filter keeps its companies."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select, update
from starlette.applications import Starlette

from edge.state import app_state
from models.company import CompanyRecord
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.upstream_simulator import Adapters, Simulator
from workers.directory_sync import sync_company_directory

TABLE = CompanyRecord.__table__  # type: ignore[attr-defined]
PREVIOUS_CAP = 1.0  # a sentinel no upstream answers
PREVIOUS_DATE = date(2000, 1, 3)
FILTERED = "{ companies(first: 1, filter: {minMarketCap: 0.5}) { totalCount } }"


async def _caps(services: Services) -> tuple[int, int, int]:
    """Companies with a capitalisation answered by this sync, kept from before, and none."""
    async with services.sessions() as session:
        answered = await session.scalar(
            select(func.count()).where(TABLE.c.market_cap_as_of > PREVIOUS_DATE)
        )
        kept = await session.scalar(
            select(func.count()).where(
                TABLE.c.market_cap == PREVIOUS_CAP, TABLE.c.market_cap_as_of == PREVIOUS_DATE
            )
        )
        missing = await session.scalar(select(func.count()).where(TABLE.c.market_cap.is_(None)))
    return int(answered or 0), int(kept or 0), int(missing or 0)


async def test_a_flaky_capital_iq_keeps_answered_and_previous_capitalisations(
    services_app: Starlette,
    sim: Simulator,
    live_adapters: Adapters,
    caplog: pytest.LogCaptureFixture,
) -> None:
    services: Services = app_state(services_app).services
    async with services.sessions.begin() as session:
        await session.execute(
            update(TABLE).values(market_cap=PREVIOUS_CAP, market_cap_as_of=PREVIOUS_DATE)
        )
    await sim.set_faults(upstream="capiq", error_rate=0.2, rate_429=0.1, malformed_rate=0.05)
    capiq, _ = live_adapters.capiq()
    market = CachedProvider(capiq, cache=TwoLayerCache(None), namespace="CAPIQ")
    flaky = dataclasses.replace(
        services, providers=dataclasses.replace(services.providers, market=market)
    )
    try:
        with caplog.at_level(logging.WARNING, logger="workers.directory_sync"):
            listed = await sync_company_directory(flaky)
        faults = await sim.faults_seen("capiq")
        assert sum(count for fault, count in faults.items() if fault != "none") > 0, faults
        answered, kept, missing = await _caps(services)
        assert missing == 0
        assert answered + kept == listed
        assert answered > listed // 2, (answered, kept)  # most calls were answered
        assert kept > 0, "no call failed: the simulator's faults did not apply"
        assert f"for {kept} of {listed} companies unavailable" in caplog.text
        transport = httpx.ASGITransport(app=services_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
            result = await GraphQLClient(http).execute(FILTERED)
        assert result["data"]["companies"]["totalCount"] == listed
    finally:
        await sync_company_directory(services)  # back to the sample's capitalisations
