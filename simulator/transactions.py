"""Deterministic synthetic M&A transactions for the simulated Capital IQ.

Each company of a GICS industry group with at least one other member has 0-4 precedent
transactions, identified "IQTR<digits>"; their targets are other listed companies of the same
group, valued from the sample dataset's figures with a drawn control premium; their buyers are
made-up names ("SIMULATED BIDCO <n> PTY LTD").
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta
from hashlib import sha256
from typing import Final

from providers.sample.draws import SeededDraws
from simulator.source import Directory

MAX_PER_COMPANY: Final = 4
_FIRST_ANNOUNCED: Final = date(2019, 1, 1)
_ANNOUNCED_SPAN_DAYS: Final = 2500


@dataclass(frozen=True, slots=True)
class Deal:
    id: str
    target: str
    buyer: str
    announced: date
    status: str
    enterprise_value: float
    ev_to_ebitda: float | None
    ev_to_revenue: float | None
    premium_percent: float


class TransactionBook:
    def __init__(self, directory: Directory) -> None:
        self._directory = directory
        self._ids: dict[str, list[str]] | None = None
        self._owners: dict[str, tuple[str, int]] = {}
        self._lock = asyncio.Lock()

    async def ids_for(self, ticker: str) -> list[str] | None:
        """The transaction ids listed for a company, or None for a ticker not listed."""
        return (await self._index()).get(ticker.upper())

    async def deal(self, transaction_id: str) -> Deal | None:
        await self._index()
        owner = self._owners.get(transaction_id.upper())
        if owner is None:
            return None
        ticker, number = owner
        company = await self._directory.company(ticker)
        assert company is not None and company.gics_industry_group is not None
        members = await self._directory.in_group(company.gics_industry_group)
        candidates = [c for c in members if c.ticker != ticker]
        d = SeededDraws(f"{ticker}:{number}", "simulator:deal")
        target = candidates[d.integer(0, len(candidates) - 1)]
        buyer = f"SIMULATED BIDCO {d.integer(100, 999)} PTY LTD"
        announced = _FIRST_ANNOUNCED + timedelta(days=d.integer(0, _ANNOUNCED_SPAN_DAYS))
        status = "Closed" if d.chance(0.8) else "Announced"
        premium = d.uniform(0.15, 0.45)
        source = self._directory.source
        market = (await source.market_data([target.ticker]))[target.ticker]
        latest = (await source.financials([target.ticker]))[target.ticker].latest
        net_debt = latest.net_debt if latest else 0.0
        ev = market.market_cap * (1 + premium) + net_debt
        return Deal(
            id=transaction_id.upper(),
            target=target.name,
            buyer=buyer,
            announced=announced,
            status=status,
            enterprise_value=ev,
            ev_to_ebitda=ev / latest.ebitda if latest and latest.ebitda > 0 and ev > 0 else None,
            ev_to_revenue=ev / latest.revenue if latest and latest.revenue > 0 and ev > 0 else None,
            premium_percent=premium * 100,
        )

    async def _index(self) -> dict[str, list[str]]:
        if self._ids is None:
            async with self._lock:
                if self._ids is None:
                    self._ids = await self._build()
        return self._ids

    async def _build(self) -> dict[str, list[str]]:
        companies = await self._directory.companies()
        group_sizes: dict[str, int] = {}
        for c in companies.values():
            if c.gics_industry_group:
                group_sizes[c.gics_industry_group] = group_sizes.get(c.gics_industry_group, 0) + 1
        ids: dict[str, list[str]] = {}
        for ticker in sorted(companies):
            group = companies[ticker].gics_industry_group
            count = 0
            if group and group_sizes[group] > 1:
                count = SeededDraws(ticker, "simulator:deal-count").integer(0, MAX_PER_COMPANY)
            ids[ticker] = [self._claim(ticker, number) for number in range(count)]
        return ids

    def _claim(self, ticker: str, number: int) -> str:
        """A stable id; on the rare clash with an earlier one, the next free number."""
        digest = sha256(f"simulator:deal:{ticker}:{number}".encode()).hexdigest()
        value = int(digest[:12], 16) % 10**9
        while f"IQTR{value}" in self._owners:
            value = (value + 1) % 10**9
        transaction_id = f"IQTR{value}"
        self._owners[transaction_id] = (ticker, number)
        return transaction_id
