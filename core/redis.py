"""Redis for queues, caches and pub/sub: a real server, or an in-process stand-in when embedded.

The stand-in is fakeredis behind the real redis-py client classes, so arq and pub/sub code run
unchanged in both modes.

Worker processes ride out a Redis outage of any length: their clients retry every command that
cannot reach Redis (`RetryThroughOutages`), so jobs, crons and arq's own loop wait and resume
instead of failing. The API's client does not wait: its Redis users fail open or report the
outage at once (rate limits, cost buckets, readiness), and the progress hub reconnects by itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import arq.worker
import fakeredis
from arq.connections import ArqRedis, RedisSettings, create_pool, log_redis_info
from redis.asyncio import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import EqualJitterBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

# Errors that mean "Redis cannot be reached", as opposed to a command Redis refused.
OUTAGE_ERRORS: tuple[type[Exception], ...] = (RedisConnectionError, RedisTimeoutError, OSError)
# Waits between tries grow from 0.05 s and stop growing here: a Redis that is back is found
# within this long, and a long outage costs one connection attempt per this long.
OUTAGE_BACKOFF_CAP_SECONDS = 2.0
_OUTAGE_BACKOFF_BASE_SECONDS = 0.05


class RetryThroughOutages(Retry):
    """Retry a command that cannot reach Redis until it can, with jittered exponential backoff
    capped at `OUTAGE_BACKOFF_CAP_SECONDS`; log once when Redis stops answering and once when it
    answers again. One instance serves every connection of the clients it is given to (redis-py
    copies a client's retry into each connection; this one is shared instead), so an outage is
    one pair of log lines per process, not one per connection."""

    def __init__(self, label: str) -> None:
        backoff = EqualJitterBackoff(OUTAGE_BACKOFF_CAP_SECONDS, _OUTAGE_BACKOFF_BASE_SECONDS)
        super().__init__(backoff, retries=-1, supported_errors=OUTAGE_ERRORS)  # type: ignore[arg-type]
        self.label = label
        self.down_since: float | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> RetryThroughOutages:
        return self

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    async def call_with_retry(
        self, do: Callable[[], Awaitable[T]], fail: Callable[[RedisError], Any]
    ) -> T:
        failures = 0
        while True:
            try:
                result = await do()
            except self._supported_errors as error:
                failures += 1
                self._went_down(error)
                await fail(error)  # disconnects; raises when this command must not be retried
                await asyncio.sleep(self._backoff.compute(failures))
            else:
                self._came_back()
                return result

    def _went_down(self, error: BaseException) -> None:
        if self.down_since is None:
            self.down_since = time.monotonic()
            log.warning(
                "Redis at %s unreachable (%s: %s); waiting for it, retrying every %.0f s at most",
                self.label,
                type(error).__name__,
                error,
                OUTAGE_BACKOFF_CAP_SECONDS,
            )

    def _came_back(self) -> None:
        if self.down_since is not None:
            outage = time.monotonic() - self.down_since
            self.down_since = None
            log.warning("Redis at %s reachable again after %.1f s", self.label, outage)


def redis_settings(url: str, retry: RetryThroughOutages | None = None) -> RedisSettings:
    """arq's settings for `url`; with `retry`, a client built from them waits out outages."""
    settings = RedisSettings.from_dsn(url)
    if retry is None:
        return settings
    return dataclasses.replace(settings, retry=retry, retry_on_error=list(OUTAGE_ERRORS))


def redis_label(url: str) -> str:
    """host:port/db of `url`, for log lines (never its password)."""
    settings = RedisSettings.from_dsn(url)
    return f"{settings.host}:{settings.port}/{settings.database}"


async def create_redis(settings: Settings, retry: RetryThroughOutages | None = None) -> ArqRedis:
    """The process's Redis client; with `retry`, one that waits out outages (worker processes)."""
    if settings.redis_url:
        pool: ArqRedis = await create_pool(redis_settings(settings.redis_url, retry))
        return pool
    return embedded_redis()


def embedded_redis(server: fakeredis.FakeServer | None = None) -> ArqRedis:
    """An arq-capable client on a new in-memory server (or the one given). The API and its
    in-process worker share the one client, hence the one server."""
    connection_pool = ConnectionPool(
        connection_class=fakeredis.aioredis.FakeAsyncRedisConnection,
        server=server or fakeredis.FakeServer(),
    )
    return ArqRedis(connection_pool=connection_pool)


def is_embedded(redis: ArqRedis) -> bool:
    return redis.connection_pool.connection_class is fakeredis.aioredis.FakeAsyncRedisConnection


async def _log_redis_info_tolerating_stand_in(redis: Any, log_func: Any) -> None:
    # arq's worker logs `INFO server` on start, a command the in-process stand-in lacks.
    if is_embedded(redis):
        log_func("redis: in-process stand-in (embedded mode)")
        return
    await log_redis_info(redis, log_func)


arq.worker.log_redis_info = _log_redis_info_tolerating_stand_in  # type: ignore[attr-defined]
