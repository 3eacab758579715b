"""Redis for the cache tests: a real server (database 12 of the test Redis) and the in-process
stand-in the embedded mode uses.

The real server is required, so its tests fail rather than skip, under CI, with
IPOVAL_REQUIRE_SERVICES=1, or when REDIS_URL names a server explicitly; elsewhere they are skipped,
loudly, when it is down.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.redis import embedded_redis

CACHE_TEST_DB = 12  # apart from the API tests' database, which this suite flushes
REDIS_REQUIRED = (
    os.environ.get("CI") == "true"
    or os.environ.get("IPOVAL_REQUIRE_SERVICES") == "1"
    or "REDIS_URL" in os.environ
)


def cache_test_redis_url() -> str:
    base = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    return urlunsplit(base._replace(path=f"/{CACHE_TEST_DB}"))


@pytest.fixture(params=["redis", "fakeredis"])
async def redis(request: pytest.FixtureRequest) -> AsyncIterator[Redis]:
    """An empty Redis database, real or in-process."""
    if request.param == "fakeredis":
        client: Redis = embedded_redis()
    else:
        url = cache_test_redis_url()
        client = Redis.from_url(url)
        try:
            await client.flushdb()
        except (RedisError, OSError) as error:
            await client.aclose()
            message = f"Redis at {url} unreachable: {type(error).__name__}: {error}"
            if REDIS_REQUIRED:
                pytest.fail(message, pytrace=False)
            pytest.skip(f"SERVICE TEST SKIPPED ({message}); set IPOVAL_REQUIRE_SERVICES=1 to fail")
    try:
        yield client
    finally:
        await client.flushdb()
        await client.aclose()


class FakeClock:
    """A settable UTC wall clock for freshness decisions."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
