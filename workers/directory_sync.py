"""Refresh the company directory from the directory and market-data providers."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from core.errors import ProviderError, ProviderUnavailable
from core.services import Services
from providers.base import CompanyDirectoryProvider
from providers.cache.provider import untracked_usage
from providers.models import CompanyProfile, MarketData
from repositories.companies import replace_directory

log = logging.getLogger(__name__)


async def sync_company_directory(
    services: Services, directory: CompanyDirectoryProvider | None = None
) -> int:
    """Upsert every listed company with its latest market capitalisation; returns the row count.
    Market data that cannot be had leaves those companies' capitalisation empty until the next
    sync; only the listing itself is required."""
    profiles = await (directory or services.providers.directory).list_companies()
    if not profiles:
        # An empty listing is an upstream fault, not every company delisting at once.
        raise ProviderError("The company directory provider returned no companies.")
    if any(p.market_cap is not None for p in profiles):
        # The listing publishes capitalisations (markit's directory file): no per-company calls.
        return await _store(services, profiles, {}, listed_caps=True)
    tickers = [p.ticker for p in profiles]
    try:
        with untracked_usage():  # every listed company is read: not "in use" for the refresh
            market: Mapping[str, MarketData] = await services.providers.market.market_data(tickers)
    except (ProviderUnavailable, ProviderError) as error:
        market = error.partial if isinstance(error, ProviderUnavailable) else {}
        log.warning(
            "company directory: market data for %d of %d companies unavailable (%s)",
            len(tickers) - len(market),
            len(tickers),
            error.message,
        )
    return await _store(services, profiles, market, listed_caps=False)


async def _store(
    services: Services,
    profiles: Sequence[CompanyProfile],
    market: Mapping[str, MarketData],
    *,
    listed_caps: bool,
) -> int:
    rows: list[dict[str, Any]] = []
    for profile in profiles:
        quote = market.get(profile.ticker)
        if listed_caps:
            cap, cap_as_of, synthetic = profile.market_cap, profile.provenance.as_of, False
        elif quote is not None:
            cap, cap_as_of, synthetic = quote.market_cap, quote.as_of, quote.provenance.synthetic
        else:
            cap, cap_as_of, synthetic = None, None, False
        rows.append(
            {
                "ticker": profile.ticker,
                "name": profile.name,
                "gics_industry_group": profile.gics_industry_group,
                "acn": profile.acn,
                "abn": profile.abn,
                "listing_source": profile.provenance.source.value,
                "listing_as_of": profile.provenance.as_of,
                "market_cap": cap,
                "market_cap_as_of": cap_as_of,
                "market_cap_synthetic": synthetic,
            }
        )
    async with services.sessions.begin() as session:
        delisted = await replace_directory(session, rows)
    log.info("company directory synced: %d companies, %d delisted", len(rows), delisted)
    return len(rows)


async def sync_company_directory_job(ctx: dict[str, Any]) -> int:
    """arq entry point."""
    services: Services = ctx["services"]
    return await sync_company_directory(services)
