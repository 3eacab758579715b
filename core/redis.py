"""Redis for queues, caches and pub/sub: a real server, or an in-process stand-in when embedded.

The stand-in is fakeredis behind the real redis-py client classes, so arq and pub/sub code run
unchanged in both modes.
"""

from __future__ import annotations

from typing import Any

import arq.worker
import fakeredis
from arq.connections import ArqRedis, RedisSettings, create_pool, log_redis_info
from redis.asyncio import ConnectionPool

from core.settings import Settings


async def create_redis(settings: Settings) -> ArqRedis:
    if settings.redis_url:
        pool: ArqRedis = await create_pool(RedisSettings.from_dsn(settings.redis_url))
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
