"""Redis for the cache tests: a real server (database 12 of the test Redis) and the in-process
stand-in the embedded mode uses; and the cache's clock.

The real server is required, so its tests fail rather than skip, under CI, with
IPOVAL_REQUIRE_SERVICES=1, or when REDIS_URL names a server explicitly; elsewhere they are skipped,
loudly, when it is down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from core.redis import embedded_redis
from tests.fixtures.clocks import FakeClock
from tests.fixtures.services import CACHE_TEST_DB, flushed_redis


@pytest.fixture(params=["redis", "fakeredis"])
async def redis(request: pytest.FixtureRequest) -> AsyncIterator[Redis]:
    """An empty Redis database, real or in-process."""
    if request.param == "fakeredis":
        client: Redis = embedded_redis()  # a new in-memory server: empty
        try:
            yield client
        finally:
            await client.aclose()
        return
    async with flushed_redis(CACHE_TEST_DB) as real:
        yield real


@pytest.fixture
def clock() -> FakeClock:
    """A settable UTC wall clock for freshness decisions."""
    return FakeClock()
