"""Loaders over the provider registry: one provider call per batch, results in key order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from core.errors import ProviderUnavailable
from providers.base import (
    DirectorsProvider,
    EconomicDataProvider,
    FilingsProvider,
    FinancialsProvider,
    MarketDataProvider,
    PeerProvider,
)
from providers.models import (
    Director,
    Filing,
    FinancialStatements,
    MarketData,
    PeerCandidate,
    RateSeries,
)
from valuation.multiples import TradingMultiples, trading_multiples

K = TypeVar("K")
V = TypeVar("V")

# Peers are fetched at the largest page a caller may ask for and sliced per field, so fields with
# different `first` arguments still share one provider call.
MAX_PEERS = 50


class ProviderBatchLoader(DataLoader[K, V]):
    """One call of a batched provider method per tick; answers in key order, `missing` for keys
    the provider does not know. When the upstream could answer only part of the batch (fresh or
    stale from the cache), those keys are served and only the others fail."""

    def __init__(
        self, fetch: Callable[[Sequence[K]], Awaitable[Mapping[K, V]]], missing: V, **options: Any
    ) -> None:
        self._fetch = fetch
        self._missing = missing
        super().__init__(load_fn=self._load, **options)

    async def _load(self, keys: Sequence[K]) -> list[V | BaseException]:
        try:
            found = await self._fetch(keys)
        except ProviderUnavailable as error:
            if not error.partial:
                raise
            return [error.partial.get(key, error) for key in keys]
        return [found.get(key, self._missing) for key in keys]


class MarketDataByTickerLoader(ProviderBatchLoader[str, MarketData | None]):
    def __init__(self, provider: MarketDataProvider, **options: Any) -> None:
        super().__init__(provider.market_data, None, **options)


class FinancialsByTickerLoader(ProviderBatchLoader[str, FinancialStatements | None]):
    def __init__(self, provider: FinancialsProvider, **options: Any) -> None:
        super().__init__(provider.financials, None, **options)


class PeersByTickerLoader(ProviderBatchLoader[str, Sequence[PeerCandidate]]):
    def __init__(self, provider: PeerProvider, **options: Any) -> None:
        super().__init__(partial(provider.peer_candidates, limit=MAX_PEERS), (), **options)


class FilingsByTickerLoader(ProviderBatchLoader[str, Sequence[Filing]]):
    def __init__(self, provider: FilingsProvider, **options: Any) -> None:
        super().__init__(provider.filings, (), **options)


class DirectorsByTickerLoader(ProviderBatchLoader[str, Sequence[Director]]):
    def __init__(self, provider: DirectorsProvider, **options: Any) -> None:
        super().__init__(provider.directors, (), **options)


class RateSeriesByIdLoader(ProviderBatchLoader[str, RateSeries | None]):
    def __init__(self, provider: EconomicDataProvider, **options: Any) -> None:
        super().__init__(provider.rate_series, None, **options)


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

    async def _load(self, tickers: Sequence[str]) -> list[TradingMultiples | BaseException | None]:
        # Per key, not `load_many`: one company whose figures are unavailable must fail only its
        # own multiples, not those of every company in the batch.
        quotes, statements = await asyncio.gather(
            asyncio.gather(*(self._market.load(t) for t in tickers), return_exceptions=True),
            asyncio.gather(*(self._financials.load(t) for t in tickers), return_exceptions=True),
        )
        pairs = zip(quotes, statements, strict=True)
        return [_multiples(quote, statement) for quote, statement in pairs]


def _multiples(
    quote: MarketData | BaseException | None, statement: FinancialStatements | BaseException | None
) -> TradingMultiples | BaseException | None:
    if isinstance(quote, BaseException):
        return quote
    if isinstance(statement, BaseException):
        return statement
    return trading_multiples(quote, statement) if quote and statement else None
