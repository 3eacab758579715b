"""A bounded in-process LRU in front of Redis.

The LRU answers repeated keys within one process without a round trip; Redis shares answers
between processes and survives restarts. A batch costs at most one Redis MGET (for the keys the
LRU cannot answer fresh) and a write at most one pipeline.

Entries keep the time they were fetched; freshness is judged on read against the kind's TTL, so a
value past its TTL is still returned (`fresh=False`) for as long as Redis keeps it (TTL plus
`STALE_RETENTION`), for stale-on-error serving.

Redis is an optimisation, never a dependency: when it fails, reads and writes go on against the
LRU alone, the failure is logged once per outage, and the request proceeds.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError

from providers.cache.codec import Stored, decode_stored, encode_stored
from providers.cache.kinds import STALE_RETENTION, DataKind, cache_key

log = logging.getLogger("ipoval.cache")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    value: T | None  # None when absent
    fetched_at: datetime
    fresh: bool  # fetched within the kind's TTL
    absent: bool = False  # the upstream answered that it does not know the key


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TwoLayerCache:
    def __init__(
        self,
        redis: Redis | None,
        lru_size: int = 10_000,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._redis = redis
        self._lru_size = lru_size
        self._clock = clock
        self._lru: OrderedDict[str, Stored[Any]] = OrderedDict()
        self._redis_healthy = True

    async def get_many(
        self, namespace: str, kind: DataKind, keys: Sequence[str], type_: Any
    ) -> dict[str, Entry[Any]]:
        """What the cache holds for `keys`, fresh or not; keys it has nothing for are left out.
        `type_` is the declared type of one value (e.g. `tuple[Filing, ...]`)."""
        now = self._clock()
        found: dict[str, Stored[Any]] = {}
        to_read: list[str] = []
        for key in dict.fromkeys(keys):
            stored = self._lru_get(cache_key(namespace, kind, key), kind, now)
            if stored is not None:
                found[key] = stored
            if stored is None or not _is_fresh(stored, kind, now):
                to_read.append(key)  # an expired LRU entry may be fresh in Redis
        if to_read:
            for key, stored in (await self._read(namespace, kind, to_read, type_)).items():
                held = found.get(key)
                if held is None or stored.fetched_at > held.fetched_at:
                    found[key] = stored
                    self._lru_put(cache_key(namespace, kind, key), stored)
        return {
            key: Entry(
                value=stored.value,
                fetched_at=stored.fetched_at,
                fresh=_is_fresh(stored, kind, now),
                absent=stored.absent,
            )
            for key, stored in found.items()
            if not _is_expired_for_good(stored, kind, now)
        }

    async def set_many(
        self,
        namespace: str,
        kind: DataKind,
        values: Mapping[str, Any],
        type_: Any,
        *,
        absent: Iterable[str] = (),
        fetched_at: datetime | None = None,
    ) -> None:
        """Store `values` and mark `absent` keys as known absent, all fetched at `fetched_at`
        (default now). One pipeline; Redis expires each key after TTL plus stale retention."""
        at = fetched_at or self._clock()
        entries: dict[str, Stored[Any]] = {
            key: Stored(fetched_at=at, absent=False, value=value) for key, value in values.items()
        }
        for key in absent:
            entries[key] = Stored(fetched_at=at, absent=True, value=None)
        if not entries:
            return
        for key, stored in entries.items():
            self._lru_put(cache_key(namespace, kind, key), stored)
        if self._redis is None:
            return
        seconds = int((kind.ttl + STALE_RETENTION).total_seconds())
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key, stored in entries.items():
                    pipe.set(
                        cache_key(namespace, kind, key), encode_stored(stored, type_), ex=seconds
                    )
                await pipe.execute()
        except (RedisError, OSError) as error:
            self._redis_failed(error)
        else:
            self._redis_ok()

    @property
    def redis(self) -> Redis | None:
        """The shared layer, for bookkeeping kept next to the cache (see `UsageLog`)."""
        return self._redis

    def clear_local(self) -> None:
        """Forget the in-process layer (Redis keeps its copy)."""
        self._lru.clear()

    async def _read(
        self, namespace: str, kind: DataKind, keys: list[str], type_: Any
    ) -> dict[str, Stored[Any]]:
        if self._redis is None:
            return {}
        try:
            raw = await self._redis.mget([cache_key(namespace, kind, key) for key in keys])
        except (RedisError, OSError) as error:
            self._redis_failed(error)
            return {}
        self._redis_ok()
        read: dict[str, Stored[Any]] = {}
        for key, data in zip(keys, raw, strict=True):
            if data is None:
                continue
            try:
                read[key] = decode_stored(data, type_)
            except ValidationError:
                # Written by an older model version, or not by us: a miss, to be overwritten.
                log.warning("unreadable cache entry %s; treating it as a miss", key)
        return read

    def _lru_get(self, full_key: str, kind: DataKind, now: datetime) -> Stored[Any] | None:
        stored = self._lru.get(full_key)
        if stored is None:
            return None
        if _is_expired_for_good(stored, kind, now):
            del self._lru[full_key]
            return None
        self._lru.move_to_end(full_key)
        return stored

    def _lru_put(self, full_key: str, stored: Stored[Any]) -> None:
        if self._lru_size <= 0:
            return
        self._lru[full_key] = stored
        self._lru.move_to_end(full_key)
        while len(self._lru) > self._lru_size:
            self._lru.popitem(last=False)

    def _redis_failed(self, error: Exception) -> None:
        if self._redis_healthy:
            self._redis_healthy = False
            log.warning(
                "cache: Redis unavailable (%s: %s); serving from the in-process cache only",
                type(error).__name__,
                error,
            )

    def _redis_ok(self) -> None:
        if not self._redis_healthy:
            self._redis_healthy = True
            log.info("cache: Redis is reachable again")


def _is_fresh(stored: Stored[Any], kind: DataKind, now: datetime) -> bool:
    return now - stored.fetched_at < kind.ttl


def _is_expired_for_good(stored: Stored[Any], kind: DataKind, now: datetime) -> bool:
    return now - stored.fetched_at >= kind.ttl + STALE_RETENTION
