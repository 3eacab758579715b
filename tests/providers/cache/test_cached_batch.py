from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from redis.asyncio import Redis

from core.errors import ProviderError, ProviderUnavailable
from providers.cache.cached_batch import cached_batch
from providers.cache.kinds import DataKind
from providers.cache.single_flight import SingleFlight
from providers.cache.two_layer import TwoLayerCache
from providers.models import MarketData, RateSeries
from tests.fixtures.cache_samples import SERIES, market
from tests.fixtures.clocks import FakeClock


class MarketUpstream:
    """A batched market-data fetch that knows some tickers, counts calls and can fail."""

    def __init__(self, known: Sequence[str] = ("BHP", "RIO", "FMG", "CBA")) -> None:
        self.known = set(known)
        self.calls: list[list[str]] = []
        self.error: Exception | None = None
        self.price = 10.0
        self.gate: asyncio.Event | None = None

    async def fetch(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        self.calls.append(list(tickers))
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        return {t: market(t, self.price) for t in tickers if t in self.known}


async def batch(
    cache: TwoLayerCache, flights: SingleFlight[Any], upstream: MarketUpstream, keys: list[str]
) -> dict[str, MarketData]:
    return await cached_batch(
        cache, flights, "ASX", DataKind.MARKET, keys, upstream.fetch, MarketData
    )


@pytest.fixture
def cache(redis: Redis, clock: FakeClock) -> TwoLayerCache:
    return TwoLayerCache(redis, lru_size=1000, clock=clock)


@pytest.fixture
def flights() -> SingleFlight[Any]:
    return SingleFlight()


async def test_misses_are_fetched_once_then_served_from_cache(
    cache: TwoLayerCache, flights: SingleFlight[Any]
) -> None:
    upstream = MarketUpstream()
    first = await batch(cache, flights, upstream, ["BHP", "RIO", "BHP"])
    assert first == {"BHP": market("BHP"), "RIO": market("RIO")}
    assert upstream.calls == [["BHP", "RIO"]]
    second = await batch(cache, flights, upstream, ["BHP", "RIO", "FMG"])
    assert second["FMG"] == market("FMG")
    assert upstream.calls == [["BHP", "RIO"], ["FMG"]]  # only the miss
    assert await batch(cache, flights, upstream, []) == {}


async def test_answers_are_shared_through_redis(
    redis: Redis, clock: FakeClock, flights: SingleFlight[Any]
) -> None:
    upstream = MarketUpstream()
    await batch(TwoLayerCache(redis, clock=clock), flights, upstream, ["BHP"])
    other_process = TwoLayerCache(redis, clock=clock)
    assert await batch(other_process, SingleFlight(), upstream, ["BHP"]) == {"BHP": market("BHP")}
    assert len(upstream.calls) == 1


async def test_ttl_expiry_refetches(
    cache: TwoLayerCache, flights: SingleFlight[Any], clock: FakeClock
) -> None:
    upstream = MarketUpstream()
    await batch(cache, flights, upstream, ["BHP"])
    clock.advance(minutes=4)
    await batch(cache, flights, upstream, ["BHP"])
    assert len(upstream.calls) == 1
    clock.advance(minutes=1)
    upstream.price = 11.0
    assert (await batch(cache, flights, upstream, ["BHP"]))["BHP"].price == 11.0
    assert upstream.calls == [["BHP"], ["BHP"]]


async def test_unknown_keys_are_cached_as_absent(
    cache: TwoLayerCache, flights: SingleFlight[Any], clock: FakeClock
) -> None:
    upstream = MarketUpstream()
    assert await batch(cache, flights, upstream, ["ZZZ", "BHP"]) == {"BHP": market("BHP")}
    assert await batch(cache, flights, upstream, ["ZZZ"]) == {}
    assert upstream.calls == [["ZZZ", "BHP"]]
    clock.advance(minutes=5)  # the same TTL as values of the kind
    await batch(cache, flights, upstream, ["ZZZ"])
    assert upstream.calls[-1] == ["ZZZ"]


@pytest.mark.parametrize(
    "error", [ProviderUnavailable("ASX is unavailable: HTTP 503"), ProviderError("unreadable")]
)
async def test_stale_values_are_served_marked_when_the_fetch_fails(
    redis: Redis, clock: FakeClock, flights: SingleFlight[Any], error: Exception
) -> None:
    upstream = MarketUpstream()
    await batch(TwoLayerCache(redis, clock=clock), flights, upstream, ["BHP", "RIO", "ZZZ"])
    clock.advance(hours=1)
    upstream.error = error
    cache = TwoLayerCache(redis, clock=clock)  # a fresh process: the stale values come from Redis
    served = await batch(cache, flights, upstream, ["BHP", "RIO", "ZZZ"])
    assert set(served) == {"BHP", "RIO"}  # ZZZ is still known absent
    assert all(value.provenance.stale for value in served.values())
    assert served["BHP"].price == market("BHP").price
    assert upstream.calls[-1] == ["BHP", "RIO", "ZZZ"]


async def test_partial_when_some_keys_have_nothing(
    cache: TwoLayerCache, flights: SingleFlight[Any], clock: FakeClock
) -> None:
    upstream = MarketUpstream()
    await batch(cache, flights, upstream, ["BHP"])  # expires below
    clock.advance(minutes=3)
    await batch(cache, flights, upstream, ["RIO"])  # still fresh below
    clock.advance(minutes=3)
    upstream.error = ProviderUnavailable("ASX is unavailable: timed out", upstream="ASX")
    with pytest.raises(ProviderUnavailable) as failed:
        await batch(cache, flights, upstream, ["BHP", "RIO", "CBA"])
    assert upstream.calls[-1] == ["BHP", "CBA"]
    partial = failed.value.partial
    assert set(partial) == {"BHP", "RIO"}
    assert partial["BHP"].provenance.stale and not partial["RIO"].provenance.stale
    assert failed.value.message == "ASX is unavailable: timed out"
    assert failed.value.details == {"upstream": "ASX"}
    causes = []
    cause = failed.value.__cause__
    while cause is not None:
        causes.append(cause)
        cause = cause.__cause__
    assert upstream.error in causes  # the upstream's own error stays in the chain, for the log


async def test_nothing_at_all_is_provider_unavailable_with_empty_partial(
    cache: TwoLayerCache, flights: SingleFlight[Any]
) -> None:
    upstream = MarketUpstream()
    upstream.error = ProviderUnavailable("ASX is unavailable")
    with pytest.raises(ProviderUnavailable) as failed:
        await batch(cache, flights, upstream, ["BHP"])
    assert failed.value.partial == {}
    assert failed.value.details["upstream"] == "ASX"


async def test_bugs_are_not_hidden_behind_stale_values(
    cache: TwoLayerCache, flights: SingleFlight[Any], clock: FakeClock
) -> None:
    upstream = MarketUpstream()
    await batch(cache, flights, upstream, ["BHP"])
    clock.advance(hours=1)
    upstream.error = KeyError("price")
    with pytest.raises(KeyError):
        await batch(cache, flights, upstream, ["BHP"])


async def test_rate_series_are_marked_with_their_own_flag(
    cache: TwoLayerCache, flights: SingleFlight[Any], clock: FakeClock
) -> None:
    failing = False

    async def fetch(ids: Sequence[str]) -> Mapping[str, RateSeries]:
        if failing:
            raise ProviderUnavailable("RBA is unavailable")
        return {series_id: SERIES for series_id in ids}

    await cached_batch(cache, flights, "RBA", DataKind.ECONOMIC, ["F1"], fetch, RateSeries)
    clock.advance(hours=2)
    failing = True
    served = await cached_batch(cache, flights, "RBA", DataKind.ECONOMIC, ["F1"], fetch, RateSeries)
    assert served["F1"].stale


async def test_100_concurrent_identical_requests_fetch_once(
    cache: TwoLayerCache, flights: SingleFlight[Any]
) -> None:
    upstream = MarketUpstream()
    upstream.gate = asyncio.Event()
    runs = [asyncio.create_task(batch(cache, flights, upstream, ["BHP"])) for _ in range(100)]
    flight_key = "ipoval:cache:ASX:market:BHP"
    for _ in range(10_000):  # until every run has read the cache (a miss) and joined the flight
        flight = flights._by_key.get(flight_key)
        if flight is not None and flight.waiters == 100:
            break
        await asyncio.sleep(0.001)
    else:
        pytest.fail("the 100 requests never all waited on one flight")
    upstream.gate.set()
    results = await asyncio.gather(*runs)
    assert upstream.calls == [["BHP"]]
    assert all(result == {"BHP": market("BHP")} for result in results)
    assert flights.in_flight == 0
