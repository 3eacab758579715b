"""Refresh the company directory from the directory and market-data providers.

Capitalisations come from the listing when it publishes them; otherwise from the market-data
provider, in batches, the companies whose capitalisation is oldest (or missing) first, until the
time budget is spent. A company the provider did not answer for, in a failed batch or past the
budget, keeps the capitalisation it had, so a flaky or slow upstream never empties the
`companies(filter: {minMarketCap})` range; it comes first at the next sync.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from core.errors import ProviderError, ProviderUnavailable
from providers.base import CompanyDirectoryProvider
from providers.cache.provider import untracked_usage
from providers.models import CompanyProfile, MarketData
from repositories.companies import capitalisation_dates, replace_directory
from runtime.services import Services

log = logging.getLogger(__name__)

# The arq timeout of a sync (at most the worker's MAX_JOB_TIMEOUT, see workers/worker.py).
SYNC_TIMEOUT = timedelta(minutes=3)
# No market-data batch starts after this long. Capital IQ answers all ~2,000 companies in about
# 10 s; the ASX alone (one request per company at 5 a second) about 600 companies in this time,
# so a directory served by it is brought up to date over a few syncs, oldest first.
MARKET_DATA_BUDGET = timedelta(minutes=2)
MARKET_DATA_BATCH = 250


async def sync_company_directory(
    services: Services,
    directory: CompanyDirectoryProvider | None = None,
    *,
    budget: timedelta = MARKET_DATA_BUDGET,
    batch_size: int = MARKET_DATA_BATCH,
) -> int:
    """Upsert every listed company with its latest market capitalisation; returns the row count.
    Only the listing itself is required: a company without an answer keeps its capitalisation."""
    profiles = await (directory or services.providers.directory).list_companies()
    if not profiles:
        # An empty listing is an upstream fault, not every company delisting at once.
        raise ProviderError("The company directory provider returned no companies.")
    if any(p.market_cap is not None for p in profiles):
        # The listing publishes capitalisations (markit's directory file): no per-company calls.
        return await _store(services, profiles, {}, listed_caps=True)
    async with services.sessions() as session:
        dated = await capitalisation_dates(session)
    tickers = sorted(
        (p.ticker for p in profiles), key=lambda ticker: (dated.get(ticker) or date.min, ticker)
    )
    market = await _market_data(services, tickers, budget, max(1, batch_size))
    return await _store(services, profiles, market, listed_caps=False)


async def _market_data(
    services: Services, tickers: Sequence[str], budget: timedelta, batch_size: int
) -> dict[str, MarketData]:
    deadline = time.monotonic() + budget.total_seconds()
    market: dict[str, MarketData] = {}
    problem = ""
    for start in range(0, len(tickers), batch_size):
        if time.monotonic() >= deadline:
            problem = problem or f"the {budget.total_seconds():.0f} s budget was spent"
            break
        batch = tickers[start : start + batch_size]
        try:
            with untracked_usage():  # every listed company is read: not "in use" for the refresh
                market.update(await services.providers.market.market_data(batch))
        except ProviderUnavailable as error:
            market.update(error.partial)
            problem = problem or error.message
        except ProviderError as error:
            problem = problem or error.message
    if len(market) < len(tickers):
        log.warning(
            "company directory: market data for %d of %d companies unavailable (%s); they keep "
            "their previous capitalisation",
            len(tickers) - len(market),
            len(tickers),
            problem or "no figures",
        )
    return market


async def _store(
    services: Services,
    profiles: Sequence[CompanyProfile],
    market: Mapping[str, MarketData],
    *,
    listed_caps: bool,
) -> int:
    rows: list[dict[str, Any]] = []
    for profile in profiles:
        row: dict[str, Any] = {
            "ticker": profile.ticker,
            "name": profile.name,
            "gics_industry_group": profile.gics_industry_group,
            "acn": profile.acn,
            "abn": profile.abn,
            "listing_source": profile.provenance.source.value,
            "listing_as_of": profile.provenance.as_of,
        }
        quote = market.get(profile.ticker)
        if listed_caps:
            row |= _capitalisation(profile.market_cap, profile.provenance.as_of, False)
        elif quote is not None:
            row |= _capitalisation(quote.market_cap, quote.as_of, quote.provenance.synthetic)
        # else: no capitalisation columns, so the stored ones stand
        rows.append(row)
    async with services.sessions.begin() as session:
        delisted = await replace_directory(session, rows)
    log.info("company directory synced: %d companies, %d delisted", len(rows), delisted)
    return len(rows)


def _capitalisation(cap: float | None, as_of: date | None, synthetic: bool) -> dict[str, Any]:
    return {"market_cap": cap, "market_cap_as_of": as_of, "market_cap_synthetic": synthetic}


async def sync_company_directory_job(ctx: dict[str, Any]) -> int:
    """arq entry point."""
    services: Services = ctx["services"]
    return await sync_company_directory(services)
