"""`CachedProvider` over the live adapters, against the simulator: stale values from Redis when the
upstream is down, and one upstream call for a hundred identical concurrent requests."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from core.errors import ProviderUnavailable
from providers.cache.kinds import KEY_PREFIX, STALE_RETENTION, DataKind, cache_key
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from providers.models import MarketData
from tests.fixtures.clocks import FakeClock
from tests.fixtures.upstream_simulator import (
    CAPIQ_CLIENTSERVICE_ROUTE,
    CAPIQ_TOKEN_ROUTE,
    Adapters,
    Simulator,
)

CASH_RATE = "FIRMMCRT"
BOND_YIELD = "FCMYGBAG10D"  # from another table, never fetched before RBA goes down


async def test_a_stale_value_is_served_from_redis_while_the_rba_is_down(
    sim: Simulator,
    live_adapters: Adapters,
    integration_redis: Redis,
    cache_clock: FakeClock,
) -> None:
    rba, _ = live_adapters.rba()
    cached = CachedProvider(
        rba, cache=TwoLayerCache(integration_redis, clock=cache_clock), namespace="RBA"
    )
    fresh = (await cached.rate_series([CASH_RATE]))[CASH_RATE]
    assert fresh.stale is False and fresh.observations
    key = cache_key("RBA", DataKind.ECONOMIC, CASH_RATE)
    assert await integration_redis.exists(key) == 1, "the value never reached Redis"
    expected_ttl = (DataKind.ECONOMIC.ttl + STALE_RETENTION).total_seconds()
    assert expected_ttl - 60 <= await integration_redis.ttl(key) <= expected_ttl

    cache_clock.advance(DataKind.ECONOMIC.ttl + timedelta(minutes=1))
    await sim.set_faults(upstream="rba", down=True)
    # A fresh cache in front of the same Redis, as another process would have: its in-process
    # layer is empty, so the stale value can only come from Redis.
    other_process = CachedProvider(
        rba, cache=TwoLayerCache(integration_redis, clock=cache_clock), namespace="RBA"
    )
    before = await sim.calls("rba")
    served = (await other_process.rate_series([CASH_RATE]))[CASH_RATE]

    assert await sim.calls("rba") > before, "an expired value must be fetched again first"
    assert served.stale is True
    assert dataclasses.replace(served, stale=False) == fresh

    with pytest.raises(ProviderUnavailable) as nothing_cached:
        await other_process.rate_series([BOND_YIELD])
    assert nothing_cached.value.details["upstream"] == "RBA"
    assert dict(nothing_cached.value.partial) == {}


async def test_nothing_cached_and_the_rba_down_is_unavailable(
    sim: Simulator,
    live_adapters: Adapters,
    integration_redis: Redis,
    cache_clock: FakeClock,
) -> None:
    rba, _ = live_adapters.rba()
    cached = CachedProvider(
        rba, cache=TwoLayerCache(integration_redis, clock=cache_clock), namespace="RBA"
    )
    await sim.set_faults(upstream="rba", down=True)

    with pytest.raises(ProviderUnavailable, match="HTTP 503") as error:
        await cached.rate_series([CASH_RATE])

    assert error.value.details["upstream"] == "RBA"
    cached_values = await integration_redis.keys(f"{KEY_PREFIX}:*")
    assert cached_values == [], "a failed fetch must cache no value"


async def test_a_hundred_identical_concurrent_calls_make_one_upstream_call(
    sim: Simulator, live_adapters: Adapters
) -> None:
    await _one_upstream_call_for_a_hundred(sim, live_adapters, TwoLayerCache(None))


async def test_a_hundred_identical_concurrent_calls_make_one_upstream_call_with_redis(
    sim: Simulator, live_adapters: Adapters, integration_redis: Redis
) -> None:
    await _one_upstream_call_for_a_hundred(sim, live_adapters, TwoLayerCache(integration_redis))


async def _one_upstream_call_for_a_hundred(
    sim: Simulator, live_adapters: Adapters, cache: TwoLayerCache
) -> None:
    capiq, _ = live_adapters.capiq()
    cached = CachedProvider(capiq, cache=cache, namespace="CAPIQ")
    # Slow enough that every caller has read the cache and joined before the fetch ends.
    await sim.set_faults(upstream="capiq", latency_ms=200)

    answers = await asyncio.gather(*(cached.market_data(["BHP"]) for _ in range(100)))

    assert await sim.calls("capiq", CAPIQ_CLIENTSERVICE_ROUTE) == 1
    assert await sim.calls("capiq", CAPIQ_TOKEN_ROUTE) == 1
    first = answers[0]["BHP"]
    assert isinstance(first, MarketData) and first.price > 0
    assert all(answer == {"BHP": first} for answer in answers)
