"""Where the directory sync takes market capitalisations from, and what it does without them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import timedelta

from starlette.applications import Starlette

from core.errors import ProviderUnavailable
from edge.state import app_state
from providers.models import CompanyProfile, MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from repositories.companies import CompanySearch, companies_by_tickers, count_companies
from runtime.services import Services
from workers.directory_sync import sync_company_directory


class ListingWithCaps(SampleProvider):
    """A listing that publishes capitalisations (markit's directory file), and market data that
    must not be asked for."""

    async def list_companies(self) -> Sequence[CompanyProfile]:
        return [
            dataclasses.replace(p, market_cap=1_000_000.0 + i)
            for i, p in enumerate(await super().list_companies())
        ]

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        raise AssertionError("the listing's capitalisations make market data unnecessary")


class MarketDataPartlyDown(SampleProvider):
    """Answers only BHP, at a capitalisation of its own, in whichever batch asks for it."""

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        found = await super().market_data(tickers)
        answered = {t: dataclasses.replace(found[t], market_cap=7.0) for t in tickers if t == "BHP"}
        raise ProviderUnavailable("CAPIQ lost a request", partial=answered)


async def test_capitalisations_published_by_the_listing_are_used_as_they_are(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    swapped = dataclasses.replace(services, providers=ProviderRegistry.single(ListingWithCaps()))
    assert await sync_company_directory(swapped) > 1_900
    async with services.sessions() as session:
        bhp = (await companies_by_tickers(session, ["BHP"]))["BHP"]
    assert bhp.market_cap is not None and 1_000_000 <= bhp.market_cap < 1_002_000


async def test_market_data_partly_down_stores_what_was_answered_and_keeps_the_rest(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    await sync_company_directory(services)
    async with services.sessions() as session:
        before = await companies_by_tickers(session, ["BHP", "CBA"])
    swapped = dataclasses.replace(
        services, providers=ProviderRegistry.single(MarketDataPartlyDown())
    )
    assert await sync_company_directory(swapped) > 1_900
    async with services.sessions() as session:
        found = await companies_by_tickers(session, ["BHP", "CBA"])
    assert found["BHP"].market_cap == 7.0  # answered
    assert found["CBA"].market_cap is not None
    assert found["CBA"].market_cap == before["CBA"].market_cap  # kept until the next answer


async def test_a_sync_past_its_budget_keeps_the_capitalisations_it_did_not_reach(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    await sync_company_directory(services)
    async with services.sessions() as session:
        before = await count_companies(session, CompanySearch(min_market_cap=0.0))
    no_time = await sync_company_directory(services, budget=timedelta(0))
    async with services.sessions() as session:
        after = await count_companies(session, CompanySearch(min_market_cap=0.0))
    assert no_time > 1_900 and after == before > 1_900
