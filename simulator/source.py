"""Where the simulator's figures come from: a provider with the sample dataset's capabilities."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Protocol

from providers.models import (
    CompanyProfile,
    Filing,
    FinancialStatements,
    MarketData,
    PeerCandidate,
)


class SimulatorSource(Protocol):
    async def list_companies(self) -> Sequence[CompanyProfile]: ...

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]: ...

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]: ...

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]: ...

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]: ...


class Directory:
    """The listed companies of a source, read once, by ticker and by industry group."""

    def __init__(self, source: SimulatorSource) -> None:
        self.source = source
        self._companies: dict[str, CompanyProfile] | None = None
        self._lock = asyncio.Lock()

    async def companies(self) -> dict[str, CompanyProfile]:
        if self._companies is None:
            async with self._lock:
                if self._companies is None:
                    listed = await self.source.list_companies()
                    self._companies = {c.ticker: c for c in listed}
        return self._companies

    async def company(self, ticker: str) -> CompanyProfile | None:
        return (await self.companies()).get(ticker.upper())

    async def in_group(self, group: str) -> list[CompanyProfile]:
        companies = await self.companies()
        return sorted(
            (c for c in companies.values() if c.gics_industry_group == group),
            key=lambda c: c.ticker,
        )
