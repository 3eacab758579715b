"""The live adapters over real sockets against a running upstream simulator.

Every test gets its own simulator on a free port (`sim`), a factory for the live adapters built on
`ResilientUpstream` (`adapters`), and, where it asks for one, database 11 of the test Redis
(`redis`). Policies are the production defaults with the waits shrunk (timeouts, backoff, reset
period) and the client-side rate opened up, so that a test takes a fraction of a second.

The Redis tests fail rather than skip when the services are required (CI=true or
IPOVAL_REQUIRE_SERVICES=1); elsewhere they are skipped, loudly, when Redis is down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from providers.abr.live import AbrProvider
from providers.asx.live import AsxProvider
from providers.capiq.client import CapIqClient
from providers.capiq.live import CapIqProvider
from providers.capiq.mnemonics import CLIENTSERVICE_PATH, TOKEN_PATH
from providers.http.client import ResilientUpstream
from providers.http.policy import UpstreamPolicy, default_policy
from providers.rba.live import RbaProvider
from simulator import Credentials, running_simulator
from simulator.asx import LISTING_PATH
from tests.support import flushed_redis

INTEGRATION_REDIS_DB = 11  # apart from the API tests' (15) and the cache tests' (12) databases

# Route names as the simulator counts them in /_sim/stats.
CAPIQ_CLIENTSERVICE_ROUTE = CLIENTSERVICE_PATH
CAPIQ_TOKEN_ROUTE = TOKEN_PATH

# Shrunk waits: small enough for a fast suite, large enough to measure against.
RESET_SECONDS = 0.5
FAST_TIMINGS: dict[str, Any] = {
    "connect_timeout": 2.0,
    "read_timeout": 5.0,
    "backoff_base": 0.01,
    "backoff_cap": 0.05,
    "breaker_reset_seconds": RESET_SECONDS,
    # The default rates (2 a second for the RBA) would make the pacing, not the behaviour under
    # test, set the duration; the rate limiter has its own tests.
    "rate_per_second": 1000.0,
    "burst": 1000,
}


def fast_policy(name: str, base: str, **overrides: Any) -> UpstreamPolicy:
    """The default policy of upstream `name` at the simulator `base`, with the waits shrunk."""
    policy = default_policy(name, f"{base}/{name.lower()}")
    return dataclasses.replace(policy, **{**FAST_TIMINGS, **overrides})


class Simulator:
    """A running simulator and its `/_sim` controls."""

    def __init__(self, base: str, control: httpx.AsyncClient) -> None:
        self.base = base
        self._control = control

    async def set_faults(self, **changes: Any) -> None:
        """`set_faults(upstream="rba", down=True)`, `set_faults(upstream="rba", clear=True)`."""
        response = await self._control.post(f"{self.base}/_sim/faults", json=changes)
        assert response.status_code == 200, response.text

    async def stats(self) -> dict[str, Any]:
        response = await self._control.get(f"{self.base}/_sim/stats")
        assert response.status_code == 200, response.text
        stats: dict[str, Any] = response.json()
        return stats

    async def calls(self, upstream: str, route: str | None = None) -> int:
        counts = (await self.stats())["upstreams"][upstream]
        if route is None:
            return int(counts["calls"])
        return int(counts["routes"].get(route, 0))

    async def faults_seen(self, upstream: str) -> dict[str, int]:
        faults: dict[str, int] = (await self.stats())["upstreams"][upstream]["faults"]
        return faults


@pytest.fixture
async def sim() -> AsyncIterator[Simulator]:
    async with running_simulator() as base, httpx.AsyncClient(timeout=10) as control:
        yield Simulator(base, control)


class Adapters:
    """Builds the live adapters against one simulator and closes their upstreams afterwards."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.credentials = Credentials()
        self._upstreams: list[ResilientUpstream] = []

    def upstream(self, name: str, **overrides: Any) -> ResilientUpstream:
        upstream = ResilientUpstream(fast_policy(name, self.base, **overrides))
        self._upstreams.append(upstream)
        return upstream

    def rba(self, **overrides: Any) -> tuple[RbaProvider, ResilientUpstream]:
        upstream = self.upstream("RBA", **overrides)
        return RbaProvider(upstream), upstream

    def asx(self, **overrides: Any) -> tuple[AsxProvider, ResilientUpstream]:
        upstream = self.upstream("ASX", **overrides)
        return AsxProvider(upstream, LISTING_PATH), upstream

    def abr(self, **overrides: Any) -> tuple[AbrProvider, ResilientUpstream]:
        upstream = self.upstream("ABR", **overrides)
        return AbrProvider(upstream, self.credentials.abr_guid), upstream

    def capiq(self, **overrides: Any) -> tuple[CapIqProvider, ResilientUpstream]:
        upstream = self.upstream("CAPIQ", **overrides)
        client = CapIqClient(
            upstream, self.credentials.capiq_username, self.credentials.capiq_password
        )
        return CapIqProvider(client), upstream

    async def aclose(self) -> None:
        for upstream in self._upstreams:
            await upstream.aclose()


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


class FakeClock:
    """A settable UTC wall clock for the cache's freshness decisions."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def cache_clock() -> FakeClock:
    return FakeClock()
