"""`cached_batch`: the one wrapper around an adapter's batched method.

1. Fresh cache hits are answered from the cache (one LRU pass, at most one Redis MGET).
2. The other keys (never cached, or past their TTL) are fetched in one `fetch(keys)` call, shared
   with any concurrent batch fetching the same keys (single-flight), and stored.
3. When the fetch fails with `ProviderUnavailable`, the keys its `partial` answered are kept
   and cached. For the keys it did not answer, or when it fails with `ProviderError`, keys
   with an expired cached value get that value marked stale. If every key has something, the
   batch succeeds; otherwise it raises `ProviderUnavailable` whose `partial` holds what it could
   answer.

Keys the upstream left out of its answer (unknown tickers, invalid identifiers) are cached as known
absent for the same TTL as values of the kind. Otherwise every request for an unknown key would
reach the upstream, and a client looping over bad tickers would spend the upstream's quota; the
cost is that a key the upstream learns about (a new listing) stays unknown for at most one TTL.
An expired known-absent entry still counts as an answer when the upstream is down.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from core.errors import IpovalError, ProviderError, ProviderUnavailable
from providers.cache.kinds import DataKind, cache_key
from providers.cache.single_flight import SingleFlight
from providers.cache.stale import mark_stale as _mark_stale
from providers.cache.two_layer import TwoLayerCache

log = logging.getLogger("ipoval.cache")

T = TypeVar("T")


async def cached_batch(
    cache: TwoLayerCache,
    flights: SingleFlight[Any],
    namespace: str,
    kind: DataKind,
    keys: Sequence[str],
    fetch: Callable[[Sequence[str]], Awaitable[Mapping[str, T]]],
    type_: Any,
    mark_stale: Callable[[T], T] = _mark_stale,
) -> dict[str, T]:
    """`namespace` is the upstream ("ASX", "CAPIQ", ...); `type_` the declared type of one value
    (for the codec). Returns a value for every key that has one; unknown keys are left out."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    entries = await cache.get_many(namespace, kind, wanted, type_)
    answer: dict[str, T] = {}
    stale_or_missing: list[str] = []
    for key in wanted:
        entry = entries.get(key)
        if entry is not None and entry.fresh:
            if not entry.absent:
                answer[key] = entry.value  # type: ignore[assignment]
        else:
            stale_or_missing.append(key)
    if not stale_or_missing:
        return answer

    # Flights are keyed by the full cache key, so one SingleFlight can serve every namespace and
    # kind of a process.
    key_of = {cache_key(namespace, kind, key): key for key in stale_or_missing}

    async def load(flight_keys: Sequence[str]) -> Mapping[str, T]:
        batch = [key_of[flight_key] for flight_key in flight_keys]
        try:
            fetched = await fetch(batch)
        except ProviderUnavailable as error:
            # Part of the batch was answered (a flaky upstream failed some of its calls): keep
            # and cache that part; the error stands only for the rest.
            answered = {key: error.partial[key] for key in batch if key in error.partial}
            await cache.set_many(namespace, kind, answered, type_, absent=[])
            partial = {cache_key(namespace, kind, key): value for key, value in answered.items()}
            raise ProviderUnavailable(error.message, partial=partial, **error.details) from error
        found = {key: fetched[key] for key in batch if key in fetched}
        unknown = [key for key in batch if key not in fetched]
        await cache.set_many(namespace, kind, found, type_, absent=unknown)
        return {cache_key(namespace, kind, key): value for key, value in found.items()}

    settled = await flights.run(key_of, load)

    failed: dict[str, BaseException] = {}
    for flight_key, key in key_of.items():
        error = settled.errors.get(flight_key)
        if flight_key in settled.values:
            answer[key] = settled.values[flight_key]
        elif isinstance(error, ProviderUnavailable) and flight_key in error.partial:
            answer[key] = error.partial[flight_key]  # answered by a flight that partly failed
        elif error is not None:
            failed[key] = error
    if not failed:
        return answer

    for error in failed.values():
        if not isinstance(error, ProviderUnavailable | ProviderError):
            raise error  # a bug, not an outage: never hide it behind stale data
    missing: list[str] = []
    served_stale = 0
    for key in failed:
        entry = entries.get(key)
        if entry is None:
            missing.append(key)
        elif not entry.absent:
            answer[key] = mark_stale(entry.value)  # type: ignore[arg-type]
            served_stale += 1
    if served_stale:
        log.info("%s %s: served %d stale value(s)", namespace, kind.value, served_stale)
    if missing:
        first = failed[missing[0]]
        message = first.message if isinstance(first, IpovalError) else str(first)
        details = dict(first.details) if isinstance(first, IpovalError) else {}
        details.setdefault("upstream", namespace)
        raise ProviderUnavailable(message, partial=answer, **details) from first
    return answer
