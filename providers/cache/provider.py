"""`CachedProvider`: any adapter's batched methods, behind the cache.

It wraps an object implementing any of the capability protocols of providers/base.py and exposes
the same methods, each routed through `cached_batch` with the kind that sets its TTL. Calling a
method the wrapped adapter lacks raises `AttributeError`, as calling it on the adapter would.

Sequences are stored and returned as tuples, so a cached answer and a fresh one look alike and
neither can be mutated by a caller. `list_companies` (the daily directory sync wants the upstream's
current list) and `search_names` (free text, rarely repeated) pass through uncached.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from core.errors import ProviderUnavailable
from providers.cache.cached_batch import cached_batch
from providers.cache.kinds import DataKind
from providers.cache.single_flight import SingleFlight
from providers.cache.two_layer import TwoLayerCache
from providers.models import (
    CompanyProfile,
    Filing,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    RateSeries,
    RegistryEntity,
    Transaction,
)

T = TypeVar("T")


class CachedProvider:
    def __init__(
        self,
        inner: object,
        *,
        cache: TwoLayerCache,
        namespace: str,
        flights: SingleFlight[Any] | None = None,
    ) -> None:
        """`namespace` names the upstream in cache keys ("ASX", "CAPIQ", "SAMPLE"); two adapters
        for the same upstream may share it, two different upstreams must not."""
        self.inner = inner
        self.namespace = namespace
        self._cache = cache
        self._flights: SingleFlight[Any] = flights or SingleFlight()

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        fetch = self._method("market_data")
        return await self._batch(DataKind.MARKET, tickers, fetch, MarketData)

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        fetch = self._method("financials")
        return await self._batch(DataKind.COMPANY, tickers, fetch, FinancialStatements)

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        method = self._method("peer_candidates")
        # The limit is part of the key: the top 5 peers are not an answer to a request for 10.
        ticker_of = {f"{ticker}|{limit}": ticker for ticker in tickers}

        async def fetch(keys: Sequence[str]) -> Mapping[str, tuple[PeerCandidate, ...]]:
            answer = await method([ticker_of[key] for key in keys], limit)
            return {key: tuple(answer[ticker_of[key]]) for key in keys if ticker_of[key] in answer}

        try:
            by_key = await cached_batch(
                self._cache,
                self._flights,
                self.namespace,
                DataKind.PEERS,
                list(ticker_of),
                fetch,
                tuple[PeerCandidate, ...],
            )
        except ProviderUnavailable as error:
            # The caller asked by ticker: its partial answer must be keyed by ticker too.
            error.partial = {ticker_of[key]: peers for key, peers in error.partial.items()}
            raise
        return {ticker_of[key]: peers for key, peers in by_key.items()}

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        fetch = _as_tuples(self._method("filings"))
        return await self._batch(DataKind.FILINGS, tickers, fetch, tuple[Filing, ...])

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        fetch = self._method("rate_series")
        return await self._batch(DataKind.ECONOMIC, series_ids, fetch, RateSeries)

    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        fetch = _as_tuples(self._method("transactions"))
        return await self._batch(DataKind.TRANSACTIONS, tickers, fetch, tuple[Transaction, ...])

    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        fetch = self._method("entities")
        return await self._batch(DataKind.COMPANY, identifiers, fetch, RegistryEntity)

    async def list_companies(self) -> Sequence[CompanyProfile]:
        result: Sequence[CompanyProfile] = await self._method("list_companies")()
        return result

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        result: Sequence[NameMatch] = await self._method("search_names")(name, limit)
        return result

    async def _batch(
        self,
        kind: DataKind,
        keys: Sequence[str],
        fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, T]]],
        type_: Any,
    ) -> dict[str, T]:
        return await cached_batch(
            self._cache, self._flights, self.namespace, kind, keys, fetch, type_
        )

    def _method(self, name: str) -> Any:
        method = getattr(self.inner, name, None)
        if method is None:
            raise AttributeError(f"{type(self.inner).__name__} does not provide {name}()")
        return method


def _as_tuples(
    method: Callable[[Sequence[str]], Awaitable[Mapping[str, Sequence[T]]]],
) -> Callable[[Sequence[str]], Awaitable[Mapping[str, tuple[T, ...]]]]:
    async def fetch(keys: Sequence[str]) -> Mapping[str, tuple[T, ...]]:
        return {key: tuple(values) for key, values in (await method(keys)).items()}

    return fetch
