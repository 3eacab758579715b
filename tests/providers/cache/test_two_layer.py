from __future__ import annotations

import logging
from typing import Any

import pytest
from redis.asyncio import Redis

from providers.cache.kinds import STALE_RETENTION, DataKind, cache_key
from providers.cache.two_layer import TwoLayerCache
from providers.models import Filing, MarketData
from tests.fixtures.cache_samples import FILING, market
from tests.fixtures.clocks import FakeClock


class CommandLog:
    """Records the commands a client sends on its own connection, and its pipelines."""

    def __init__(self, redis: Redis, monkeypatch: pytest.MonkeyPatch) -> None:
        self.commands: list[str] = []
        self.pipelines = 0
        send = redis.execute_command
        open_pipeline = redis.pipeline

        async def execute_command(*args: Any, **options: Any) -> Any:
            self.commands.append(str(args[0]).upper())
            return await send(*args, **options)  # type: ignore[no-untyped-call]

        def pipeline(*args: Any, **options: Any) -> Any:
            self.pipelines += 1
            return open_pipeline(*args, **options)

        monkeypatch.setattr(redis, "execute_command", execute_command)
        monkeypatch.setattr(redis, "pipeline", pipeline)


TICKERS = [f"T{n:03d}" for n in range(50)]


async def test_round_trip_through_redis(redis: Redis, clock: FakeClock) -> None:
    writer = TwoLayerCache(redis, lru_size=100, clock=clock)
    await writer.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP")}, MarketData)
    reader = TwoLayerCache(redis, lru_size=100, clock=clock)  # another process: empty LRU
    entries = await reader.get_many("ASX", DataKind.MARKET, ["BHP", "RIO"], MarketData)
    assert set(entries) == {"BHP"}
    entry = entries["BHP"]
    assert entry.value == market("BHP") and entry.fresh and not entry.absent
    assert entry.fetched_at == clock.now


async def test_key_layout_and_redis_expiry(redis: Redis, clock: FakeClock) -> None:
    cache = TwoLayerCache(redis, clock=clock)
    await cache.set_many("ASX", DataKind.FILINGS, {"BHP": (FILING,)}, tuple[Filing, ...])
    key = "ipoval:cache:ASX:filings:BHP"
    assert cache_key("ASX", DataKind.FILINGS, "BHP") == key
    ttl = await redis.ttl(key)
    expected = (DataKind.FILINGS.ttl + STALE_RETENTION).total_seconds()
    assert expected - 5 <= ttl <= expected


async def test_a_batch_of_misses_is_one_mget(
    redis: Redis, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = {ticker: market(ticker) for ticker in TICKERS}
    await TwoLayerCache(redis, clock=clock).set_many("ASX", DataKind.MARKET, values, MarketData)
    cache = TwoLayerCache(redis, clock=clock)
    log = CommandLog(redis, monkeypatch)
    entries = await cache.get_many("ASX", DataKind.MARKET, [*TICKERS, "NOPE"], MarketData)
    assert len(entries) == 50
    assert log.commands == ["MGET"]
    assert log.pipelines == 0


async def test_fresh_lru_hits_cost_no_round_trip(
    redis: Redis, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TwoLayerCache(redis, clock=clock)
    await cache.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP")}, MarketData)
    log = CommandLog(redis, monkeypatch)
    entries = await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData)
    assert entries["BHP"].fresh
    assert log.commands == [] and log.pipelines == 0


async def test_a_batch_write_is_one_pipeline(
    redis: Redis, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TwoLayerCache(redis, clock=clock)
    log = CommandLog(redis, monkeypatch)
    values = {ticker: market(ticker) for ticker in TICKERS}
    await cache.set_many("ASX", DataKind.MARKET, values, MarketData, absent=["NOPE"])
    assert log.pipelines == 1 and log.commands == []
    assert len(await redis.keys("ipoval:cache:ASX:market:*")) == 51


async def test_freshness_follows_the_kind_ttl(redis: Redis, clock: FakeClock) -> None:
    cache = TwoLayerCache(redis, clock=clock)
    await cache.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP")}, MarketData)
    clock.advance(minutes=4, seconds=59)
    assert (await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData))["BHP"].fresh
    clock.advance(seconds=1)
    stale = (await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData))["BHP"]
    assert not stale.fresh and stale.value == market("BHP")
    clock.advance(days=7)  # past TTL plus stale retention: gone for good
    assert await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData) == {}


async def test_an_expired_lru_entry_is_refreshed_from_redis(redis: Redis, clock: FakeClock) -> None:
    this_process = TwoLayerCache(redis, clock=clock)
    await this_process.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP", 10)}, MarketData)
    clock.advance(minutes=10)
    other_process = TwoLayerCache(redis, clock=clock)
    await other_process.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP", 11)}, MarketData)
    entry = (await this_process.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData))["BHP"]
    assert entry.fresh and entry.value == market("BHP", 11)


async def test_known_absent_entries(redis: Redis, clock: FakeClock) -> None:
    await TwoLayerCache(redis, clock=clock).set_many(
        "ASX", DataKind.MARKET, {}, MarketData, absent=["ZZZ"]
    )
    entries = await TwoLayerCache(redis, clock=clock).get_many(
        "ASX", DataKind.MARKET, ["ZZZ"], MarketData
    )
    assert entries["ZZZ"].absent and entries["ZZZ"].value is None and entries["ZZZ"].fresh


async def test_namespaces_and_kinds_are_separate(redis: Redis, clock: FakeClock) -> None:
    cache = TwoLayerCache(redis, clock=clock)
    await cache.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP")}, MarketData)
    assert await cache.get_many("CAPIQ", DataKind.MARKET, ["BHP"], MarketData) == {}
    assert await cache.get_many("ASX", DataKind.COMPANY, ["BHP"], MarketData) == {}


async def test_unreadable_redis_entries_are_misses(redis: Redis, clock: FakeClock) -> None:
    await redis.set(cache_key("ASX", DataKind.MARKET, "BHP"), b"\x80\x04not json")
    cache = TwoLayerCache(redis, clock=clock)
    assert await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData) == {}


async def test_lru_is_bounded(clock: FakeClock) -> None:
    cache = TwoLayerCache(None, lru_size=2, clock=clock)
    for ticker in ["A", "B", "C"]:
        await cache.set_many("ASX", DataKind.MARKET, {ticker: market(ticker)}, MarketData)
    assert set(await cache.get_many("ASX", DataKind.MARKET, ["A", "B", "C"], MarketData)) == {
        "B",
        "C",
    }


async def test_redis_down_degrades_to_lru_and_logs_once(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    dead = Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    cache = TwoLayerCache(dead, clock=clock)
    with caplog.at_level(logging.WARNING, logger="ipoval.cache"):
        await cache.set_many("ASX", DataKind.MARKET, {"BHP": market("BHP")}, MarketData)
        assert await cache.get_many("ASX", DataKind.MARKET, ["RIO"], MarketData) == {}
        clock.advance(minutes=6)
        entries = await cache.get_many("ASX", DataKind.MARKET, ["BHP"], MarketData)
    assert entries["BHP"].value == market("BHP") and not entries["BHP"].fresh
    warnings = [record for record in caplog.records if "Redis unavailable" in record.message]
    assert len(warnings) == 1
    await dead.aclose()
