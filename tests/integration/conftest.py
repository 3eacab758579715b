"""The live adapters over real sockets against a running upstream simulator.

Every test gets its own simulator on a free port (`sim`), a factory for the live adapters built on
`ResilientUpstream` (`live_adapters`), and, where it asks for one, database 11 of the test Redis
(`integration_redis`). Policies are the production defaults with the waits shrunk
(tests/fixtures/upstream_simulator.py), so that a test takes a fraction of a second.

The Redis tests fail rather than skip when the services are required (CI=true or
IPOVAL_REQUIRE_SERVICES=1); elsewhere they are skipped, loudly, when Redis is down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from simulator import running_simulator
from tests.fixtures.clocks import FakeClock
from tests.fixtures.services import INTEGRATION_REDIS_DB, flushed_redis
from tests.fixtures.upstream_simulator import Adapters, Simulator


@pytest.fixture
async def sim() -> AsyncIterator[Simulator]:
    async with running_simulator() as base, httpx.AsyncClient(timeout=10) as control:
        yield Simulator(base, control)


@pytest.fixture
async def live_adapters(sim: Simulator) -> AsyncIterator[Adapters]:
    built = Adapters(sim.base)
    try:
        yield built
    finally:
        await built.aclose()


@pytest.fixture
async def integration_redis() -> AsyncIterator[Redis]:
    """Database 11 of the test Redis, flushed before and after the test."""
    async with flushed_redis(INTEGRATION_REDIS_DB) as client:
        yield client


@pytest.fixture
def cache_clock() -> FakeClock:
    """A settable UTC wall clock for the cache's freshness decisions."""
    return FakeClock()
