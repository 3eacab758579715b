"""`CachedProvider`: any adapter's batched methods, behind the cache.

It wraps an object implementing any of the capability protocols of providers/base.py and exposes
the same methods, each routed through `cached_batch` with the kind that sets its TTL. Calling a
method the wrapped adapter lacks raises `AttributeError`, as calling it on the adapter would.

Sequences are stored and returned as tuples, so a cached answer and a fresh one look alike and
neither can be mutated by a caller. `list_companies` (the daily directory sync wants the upstream's
current list) and `search_names` (free text, rarely repeated) pass through uncached.

Usage is recorded for the scheduled refresh (workers/refresh.py): every key a batched method is
asked for, cache hit or not, goes into the Redis sorted set `ipoval:recent:<namespace>:<kind>`,
scored by the Unix time of its latest use. Requests never wait for it: keys accumulate in memory
and one background task writes them, one pipeline per round trip, while more accumulate behind it.
Redis errors are swallowed and logged once per outage; a key noted during an outage is simply not
recorded. Reads inside `untracked_usage()` are not usage; it is meant for bulk reads such as the
directory sync's whole-market read. `refresh(kind, keys)` fetches keys from the upstream whatever
the cache holds, through the same adapter and so the same `ResilientUpstream` (rate limit,
retries, breaker).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.errors import ProviderUnavailable
from providers.cache.cached_batch import cached_batch
from providers.cache.kinds import DataKind, cache_key
from providers.cache.single_flight import SingleFlight
from providers.cache.two_layer import TwoLayerCache
from providers.models import (
    CompanyProfile,
    Director,
    Filing,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    RateSeries,
    RegistryEntity,
    Transaction,
)

log = logging.getLogger("ipoval.cache")

T = TypeVar("T")
Fetch = Callable[[Sequence[str]], Awaitable[Mapping[str, Any]]]

USAGE_KEY_PREFIX = "ipoval:recent"
# How long a key's use is remembered at most; the refresh trims each kind to its own, shorter or
# equal, window. Each write trims to this too, so kinds nobody refreshes stay bounded.
USAGE_RETENTION = timedelta(hours=24)

_tracking: ContextVar[bool] = ContextVar("ipoval_usage_tracking", default=True)


def usage_key(namespace: str, kind: DataKind) -> str:
    """`ipoval:recent:<upstream>:<kind>`, e.g. `ipoval:recent:CAPIQ:market`."""
    return f"{USAGE_KEY_PREFIX}:{namespace}:{kind.value}"


@contextmanager
def untracked_usage() -> Iterator[None]:
    """Reads inside the block are not recorded as usage: a bulk read of every listed company would
    otherwise make the whole market look in use and the refresh spend the upstream's quota on it."""
    token = _tracking.set(False)
    try:
        yield
    finally:
        _tracking.reset(token)


class UsageLog:
    """The keys of one upstream asked for lately, per kind, in Redis sorted sets."""

    def __init__(
        self, redis: Redis | None, namespace: str, clock: Callable[[], float] = time.time
    ) -> None:
        self._redis = redis
        self._namespace = namespace
        self._clock = clock
        self._pending: dict[DataKind, dict[str, float]] = {}
        self._writer: asyncio.Task[None] | None = None
        self._healthy = True

    def note(self, kind: DataKind, keys: Sequence[str]) -> None:
        """Record that `keys` were asked for now. Never waits and never raises."""
        if self._redis is None or not keys or not _tracking.get():
            return
        now = self._clock()
        pending = self._pending.setdefault(kind, {})
        for key in keys:
            pending[key] = now
        self._start_writer()

    async def flush(self) -> None:
        """Wait until every key noted so far has been written (or failed to be)."""
        self._start_writer()
        writer = self._writer
        if writer is not None:
            await asyncio.shield(writer)

    async def recent(self, kind: DataKind, window: timedelta, limit: int) -> list[str]:
        """Up to `limit` keys of `kind` used within `window`, most recently used first; older
        entries are removed. Redis errors are raised: the caller is a background job."""
        if self._redis is None:
            return []
        key = usage_key(self._namespace, kind)
        cutoff = self._clock() - window.total_seconds()
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.zremrangebyscore(key, "-inf", f"({cutoff}")
            pipe.zrevrangebyscore(key, "+inf", cutoff, start=0, num=limit)
            _, members = await pipe.execute()
        return [m.decode() if isinstance(m, bytes) else str(m) for m in members]

    def _start_writer(self) -> None:
        if self._pending and (self._writer is None or self._writer.done()):
            self._writer = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        # Whatever is noted while a write is in flight goes out with the next one.
        while self._pending:
            batch, self._pending = self._pending, {}
            await self._write(batch)

    async def _write(self, batch: dict[DataKind, dict[str, float]]) -> None:
        assert self._redis is not None
        retention = USAGE_RETENTION.total_seconds()
        cutoff = self._clock() - retention
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for kind, scores in batch.items():
                    key = usage_key(self._namespace, kind)
                    pipe.zadd(key, scores)
                    pipe.zremrangebyscore(key, "-inf", f"({cutoff}")
                    pipe.expire(key, int(retention))
                await pipe.execute()
        except Exception as error:  # bookkeeping must never surface in a request
            if self._healthy:
                self._healthy = False
                log.warning(
                    "%s: could not record key usage (%s: %s); the scheduled refresh will miss it",
                    self._namespace,
                    type(error).__name__,
                    error,
                    exc_info=not isinstance(error, RedisError | OSError),
                )
        else:
            if not self._healthy:
                self._healthy = True
                log.info("%s: recording key usage again", self._namespace)


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
        self.usage = UsageLog(cache.redis, namespace)
        self._cache = cache
        self._flights: SingleFlight[Any] = flights or SingleFlight()

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        return await self._batch(DataKind.MARKET, tickers)

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        fetch = self._method("financials")
        return await self._batch(DataKind.COMPANY, tickers, (fetch, FinancialStatements))

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        # The limit is part of the key: the top 5 peers are not an answer to a request for 10.
        ticker_of = {peers_key(ticker, limit): ticker for ticker in tickers}
        try:
            by_key = await self._batch(DataKind.PEERS, list(ticker_of))
        except ProviderUnavailable as error:
            # The caller asked by ticker: its partial answer must be keyed by ticker too.
            error.partial = {ticker_of[key]: peers for key, peers in error.partial.items()}
            raise
        return {ticker_of[key]: peers for key, peers in by_key.items()}

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        return await self._batch(DataKind.FILINGS, tickers)

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        return await self._batch(DataKind.ECONOMIC, series_ids)

    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        return await self._batch(DataKind.TRANSACTIONS, tickers)

    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        fetch = self._method("entities")
        return await self._batch(DataKind.COMPANY, identifiers, (fetch, RegistryEntity))

    async def directors(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Director]]:
        fetch = self._method("directors")
        return await self._batch(DataKind.COMPANY, tickers, (fetch, tuple[Director, ...]))

    async def list_companies(self) -> Sequence[CompanyProfile]:
        result: Sequence[CompanyProfile] = await self._method("list_companies")()
        return result

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        result: Sequence[NameMatch] = await self._method("search_names")(name, limit)
        return result

    def serves(self, kind: DataKind) -> bool:
        """Whether the wrapped adapter provides the method behind `kind`."""
        try:
            self._source(kind)
        except AttributeError:
            return False
        return True

    async def refresh(self, kind: DataKind, keys: Sequence[str]) -> int:
        """Fetch `keys` of `kind` from the upstream whatever the cache holds, store the answers
        and return how many keys got a value (keys the upstream no longer knows are stored as
        known absent and not counted). Keys are as cached: tickers, series ids, or `peers_key`
        for peers. A fetch already in flight for a key is joined rather than repeated.

        Raises the upstream's `ProviderUnavailable` or `ProviderError` when a fetch fails; keys
        answered by other fetches of the call stay refreshed. Not recorded as usage."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return 0
        fetch, type_ = self._source(kind)
        key_of = {cache_key(self.namespace, kind, key): key for key in wanted}

        async def load(flight_keys: Sequence[str]) -> Mapping[str, Any]:
            batch = [key_of[flight_key] for flight_key in flight_keys]
            fetched = await fetch(batch)
            found = {key: fetched[key] for key in batch if key in fetched}
            unknown = [key for key in batch if key not in fetched]
            await self._cache.set_many(self.namespace, kind, found, type_, absent=unknown)
            return {cache_key(self.namespace, kind, key): value for key, value in found.items()}

        settled = await self._flights.run(key_of, load)
        for error in settled.errors.values():
            if not isinstance(error, asyncio.CancelledError):  # a joined flight its owner left
                raise error
        return len(settled.values)

    async def _batch(
        self,
        kind: DataKind,
        keys: Sequence[str],
        source: tuple[Fetch, Any] | None = None,
    ) -> dict[str, Any]:
        fetch, type_ = source or self._source(kind)
        self.usage.note(kind, keys)
        return await cached_batch(
            self._cache, self._flights, self.namespace, kind, keys, fetch, type_
        )

    def _source(self, kind: DataKind) -> tuple[Fetch, Any]:
        """The fetch behind `kind` and the declared type of one value. Company data is financial
        statements when the adapter provides them, else registry entities."""
        if kind is DataKind.MARKET:
            return self._method("market_data"), MarketData
        if kind is DataKind.COMPANY:
            if getattr(self.inner, "financials", None) is not None:
                return self._method("financials"), FinancialStatements
            return self._method("entities"), RegistryEntity
        if kind is DataKind.PEERS:
            return _by_peers_key(self._method("peer_candidates")), tuple[PeerCandidate, ...]
        if kind is DataKind.FILINGS:
            return _as_tuples(self._method("filings")), tuple[Filing, ...]
        if kind is DataKind.ECONOMIC:
            return self._method("rate_series"), RateSeries
        if kind is DataKind.TRANSACTIONS:
            return _as_tuples(self._method("transactions")), tuple[Transaction, ...]
        raise ValueError(f"unknown kind {kind!r}")

    def _method(self, name: str) -> Any:
        method = getattr(self.inner, name, None)
        if method is None:
            raise AttributeError(f"{type(self.inner).__name__} does not provide {name}()")
        return method


def peers_key(ticker: str, limit: int) -> str:
    """The cache key of a ticker's top `limit` peers, `<ticker>|<limit>`."""
    return f"{ticker}|{limit}"


def _by_peers_key(
    method: Callable[[Sequence[str], int], Awaitable[Mapping[str, Sequence[PeerCandidate]]]],
) -> Fetch:
    """Peers by `peers_key`: one call of the adapter per limit (normally one for the batch)."""

    async def fetch(keys: Sequence[str]) -> Mapping[str, tuple[PeerCandidate, ...]]:
        by_limit: dict[int, dict[str, str]] = {}
        for key in keys:
            ticker, _, count = key.rpartition("|")
            by_limit.setdefault(int(count), {})[ticker] = key
        found: dict[str, tuple[PeerCandidate, ...]] = {}
        for limit, key_of in by_limit.items():
            answer = await method(list(key_of), limit)
            for ticker, key in key_of.items():
                if ticker in answer:
                    found[key] = tuple(answer[ticker])
        return found

    return fetch


def _as_tuples(
    method: Callable[[Sequence[str]], Awaitable[Mapping[str, Sequence[T]]]],
) -> Callable[[Sequence[str]], Awaitable[Mapping[str, tuple[T, ...]]]]:
    async def fetch(keys: Sequence[str]) -> Mapping[str, tuple[T, ...]]:
        return {key: tuple(values) for key, values in (await method(keys)).items()}

    return fetch
