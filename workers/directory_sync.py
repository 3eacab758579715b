"""Refresh the company directory from the directory and market-data providers."""

from __future__ import annotations

import logging
from typing import Any

from core.errors import ProviderError
from core.services import Services
from providers.cache.provider import untracked_usage
from repositories.companies import replace_directory

log = logging.getLogger(__name__)


async def sync_company_directory(services: Services) -> int:
    """Upsert every listed company with its latest market capitalisation; returns the row count."""
    profiles = await services.providers.directory.list_companies()
    if not profiles:
        # An empty listing is an upstream fault, not every company delisting at once.
        raise ProviderError("The company directory provider returned no companies.")
    with untracked_usage():  # every listed company is read; that is not "in use" for the refresh
        market = await services.providers.market.market_data([p.ticker for p in profiles])
    rows: list[dict[str, Any]] = []
    for profile in profiles:
        quote = market.get(profile.ticker)
        rows.append(
            {
                "ticker": profile.ticker,
                "name": profile.name,
                "gics_industry_group": profile.gics_industry_group,
                "acn": profile.acn,
                "abn": profile.abn,
                "listing_source": profile.provenance.source.value,
                "listing_as_of": profile.provenance.as_of,
                "market_cap": quote.market_cap if quote else None,
                "market_cap_as_of": quote.as_of if quote else None,
                "market_cap_synthetic": quote.provenance.synthetic if quote else False,
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
