"""The sample provider: the real ASX listing and RBA tables, with synthetic company financials.

It answers every provider protocol offline. `latency_ms` adds an artificial delay per call so that
benchmarks can show what batching saves against a real upstream.
"""

from __future__ import annotations

import asyncio
import bisect
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path

from providers.asx import parse_asx_listing
from providers.models import (
    CompanyProfile,
    DataSource,
    Director,
    Filing,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    Provenance,
    RateSeries,
    RegistryEntity,
    Transaction,
)
from providers.rba import parse_rba_table
from providers.sample.filings import synthetic_filings
from providers.sample.synthetic import (
    SAMPLE_AS_OF,
    synthetic_financials,
    synthetic_market_data,
)
from providers.sample.transactions import synthetic_transactions

DATA_DIR = Path(__file__).resolve().parent / "data"
LISTING_FILE = "ASXListedCompanies_2025-12-05.csv"
RBA_FILES = (
    "f1.1-data_2022-12_to_2026-04.csv",
    "f2-data_2025-10_to_2026-05.csv",
    "g1-data_excerpt_cp1252.csv",
)
# One log-unit of market-cap difference (a factor of e) halves similarity roughly every 1.4 units.
_SIZE_DECAY = 2.0


class SampleProvider:
    def __init__(self, latency_ms: float = 0.0, data_dir: Path = DATA_DIR) -> None:
        self._latency_s = latency_ms / 1000
        self._data_dir = data_dir
        # The sample universe never changes, so a company's peer list is computed once.
        self._peer_cache: dict[tuple[str, int], tuple[PeerCandidate, ...]] = {}

    @cached_property
    def _companies(self) -> dict[str, CompanyProfile]:
        as_of, listed = parse_asx_listing((self._data_dir / LISTING_FILE).read_bytes())
        provenance = Provenance(DataSource.ASX, as_of or SAMPLE_AS_OF)
        return {
            row.ticker: CompanyProfile(row.ticker, row.name, row.gics_industry_group, provenance)
            for row in listed
        }

    @cached_property
    def _rate_series(self) -> dict[str, RateSeries]:
        series: dict[str, RateSeries] = {}
        for name in RBA_FILES:
            series.update(parse_rba_table((self._data_dir / name).read_bytes()).series)
        return series

    @cached_property
    def _size_ladders(self) -> dict[str, list[tuple[float, str]]]:
        """Per industry group, (log market cap, ticker) sorted, for nearest-size peer search."""
        ladders: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for company in self._companies.values():
            if company.gics_industry_group:
                size = math.log(self._market(company.ticker).market_cap)
                ladders[company.gics_industry_group].append((size, company.ticker))
        for ladder in ladders.values():
            ladder.sort()
        return dict(ladders)

    def _market(self, ticker: str) -> MarketData:
        return synthetic_market_data(ticker, self._companies[ticker].gics_industry_group)

    async def _call(self) -> None:
        if self._latency_s:
            await asyncio.sleep(self._latency_s)

    async def list_companies(self) -> Sequence[CompanyProfile]:
        await self._call()
        return list(self._companies.values())

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        await self._call()
        return {t: self._market(t) for t in tickers if t in self._companies}

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        await self._call()
        return {
            t: synthetic_financials(t, self._companies[t].gics_industry_group)
            for t in tickers
            if t in self._companies
        }

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        await self._call()
        return {
            t: synthetic_filings(t, self._companies[t].gics_industry_group)
            for t in tickers
            if t in self._companies
        }

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        await self._call()
        return {s: self._rate_series[s] for s in series_ids if s in self._rate_series}

    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        await self._call()
        return {
            t: synthetic_transactions(
                t,
                self._companies[t].name,
                self._companies[t].gics_industry_group,
                self._market(t).market_cap,
            )
            for t in tickers
            if t in self._companies
        }

    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        # Made-up ABNs for real listed companies would mislead; the sample has no registry data.
        await self._call()
        return {}

    async def directors(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Director]]:
        # Real people's names are not generated; boards come from the ASX when it is live.
        await self._call()
        return {}

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        await self._call()
        return []

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        await self._call()
        return {t: self._peers_of(t, limit) for t in tickers if t in self._companies}

    def _peers_of(self, ticker: str, limit: int) -> tuple[PeerCandidate, ...]:
        key = (ticker, limit)
        if key not in self._peer_cache:
            self._peer_cache[key] = tuple(self._nearest_in_size(ticker, limit))
        return self._peer_cache[key]

    def _nearest_in_size(self, ticker: str, limit: int) -> list[PeerCandidate]:
        group = self._companies[ticker].gics_industry_group
        if group is None:
            return []
        ladder = self._size_ladders[group]
        size = math.log(self._market(ticker).market_cap)
        # Walk outwards from the company's own rung, taking the closer neighbour each step.
        below = bisect.bisect_left(ladder, (size, ticker)) - 1
        above = below + 1
        peers: list[PeerCandidate] = []
        while len(peers) < limit and (below >= 0 or above < len(ladder)):
            take_below = above >= len(ladder) or (
                below >= 0 and size - ladder[below][0] <= ladder[above][0] - size
            )
            if take_below:
                other_size, other = ladder[below]
                below -= 1
            else:
                other_size, other = ladder[above]
                above += 1
            if other != ticker:
                similarity = math.exp(-abs(other_size - size) / _SIZE_DECAY)
                peers.append(PeerCandidate(other, round(similarity, 4)))
        return peers
