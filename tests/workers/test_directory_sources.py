"""Where the directory sync takes market capitalisations from, and what it does without them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from starlette.applications import Starlette

from core.errors import ProviderUnavailable
from core.services import Services
from providers.models import CompanyProfile, MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from repositories.companies import companies_by_tickers
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
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        found = await super().market_data(tickers)
        raise ProviderUnavailable("CAPIQ lost a request", partial={"BHP": found["BHP"]})


async def test_capitalisations_published_by_the_listing_are_used_as_they_are(
    services_app: Starlette,
) -> None:
    services: Services = services_app.state.services
    swapped = dataclasses.replace(services, providers=ProviderRegistry.single(ListingWithCaps()))
    assert await sync_company_directory(swapped) > 1_900
    async with services.sessions() as session:
        bhp = (await companies_by_tickers(session, ["BHP"]))["BHP"]
    assert bhp.market_cap is not None and 1_000_000 <= bhp.market_cap < 1_002_000


async def test_market_data_partly_down_keeps_the_listing_and_the_caps_it_has(
    services_app: Starlette,
) -> None:
    services: Services = services_app.state.services
    swapped = dataclasses.replace(
        services, providers=ProviderRegistry.single(MarketDataPartlyDown())
    )
    assert await sync_company_directory(swapped) > 1_900
    async with services.sessions() as session:
        found = await companies_by_tickers(session, ["BHP", "CBA"])
    assert found["BHP"].market_cap is not None
    assert found["CBA"].market_cap is None  # until the next sync
