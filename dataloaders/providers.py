"""Loaders over the provider registry: one provider call per batch, results in key order."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from providers.base import (
    EconomicDataProvider,
    FilingsProvider,
    FinancialsProvider,
    MarketDataProvider,
    PeerProvider,
)
from providers.models import Filing, FinancialStatements, MarketData, PeerCandidate, RateSeries
from valuation.multiples import TradingMultiples, trading_multiples

# Peers are fetched at the largest page a caller may ask for and sliced per field, so fields with
# different `first` arguments still share one provider call.
MAX_PEERS = 50


class MarketDataByTickerLoader(DataLoader[str, MarketData | None]):
    def __init__(self, provider: MarketDataProvider, **options: Any) -> None:
        self._provider = provider
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[MarketData | None]:
        found = await self._provider.market_data(tickers)
        return [found.get(ticker) for ticker in tickers]


class FinancialsByTickerLoader(DataLoader[str, FinancialStatements | None]):
    def __init__(self, provider: FinancialsProvider, **options: Any) -> None:
        self._provider = provider
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[FinancialStatements | None]:
        found = await self._provider.financials(tickers)
        return [found.get(ticker) for ticker in tickers]


class PeersByTickerLoader(DataLoader[str, Sequence[PeerCandidate]]):
    def __init__(self, provider: PeerProvider, **options: Any) -> None:
        self._provider = provider
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[Sequence[PeerCandidate]]:
        found = await self._provider.peer_candidates(tickers, MAX_PEERS)
        return [found.get(ticker, ()) for ticker in tickers]


class FilingsByTickerLoader(DataLoader[str, Sequence[Filing]]):
    def __init__(self, provider: FilingsProvider, **options: Any) -> None:
        self._provider = provider
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[Sequence[Filing]]:
        found = await self._provider.filings(tickers)
        return [found.get(ticker, ()) for ticker in tickers]


class RateSeriesByIdLoader(DataLoader[str, RateSeries | None]):
    def __init__(self, provider: EconomicDataProvider, **options: Any) -> None:
        self._provider = provider
        super().__init__(load_fn=self._load, **options)

    async def _load(self, series_ids: Sequence[str]) -> list[RateSeries | None]:
        found = await self._provider.rate_series(series_ids)
        return [found.get(series_id) for series_id in series_ids]


class MultiplesByTickerLoader(DataLoader[str, TradingMultiples | None]):
    """Derived from the market-data and financials loaders, so it adds no provider call."""

    def __init__(
        self,
        market: MarketDataByTickerLoader,
        financials: FinancialsByTickerLoader,
        **options: Any,
    ) -> None:
        self._market = market
        self._financials = financials
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[TradingMultiples | None]:
        quotes, statements = await asyncio.gather(
            self._market.load_many(tickers), self._financials.load_many(tickers)
        )
        return [
            trading_multiples(quote, statement) if quote and statement else None
            for quote, statement in zip(quotes, statements, strict=True)
        ]
