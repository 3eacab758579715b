"""The scheduled refresh of upstream data, against the upstream simulator over real sockets.

Each test opens `Services` with every upstream live and pointed at its own simulator, once per
runtime mode: `services` (database 13 of the test Redis, the PostgreSQL of DATABASE_URL) and
`embedded` (the in-process Redis stand-in).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.cron import next_cron
from redis.asyncio import Redis

from core.settings import Settings
from providers.cache.kinds import DataKind
from providers.cache.provider import CachedProvider, untracked_usage, usage_key
from providers.cache.two_layer import TwoLayerCache
from providers.http.client import ResilientUpstream
from providers.models import Filing, MarketData, PeerCandidate, RateSeries
from runtime.services import Services, open_services
from simulator.env import simulator_env
from simulator.server import running_simulator
from tests.fixtures.cache_samples import market
from tests.fixtures.services import DATABASE_URL, flushed_redis, redis_url_for_db
from workers.refresh import (
    ECONOMIC,
    FILINGS,
    MARKET,
    PEERS,
    refresh,
    refresh_economic_indicators,
    refresh_filings,
    refresh_market_data,
    refresh_peers,
)
from workers.worker import create_worker

REFRESH_TEST_DB = 13  # apart from the API (15), cache (12) and integration (11) databases
BOND = "FCMYGBAG10D"

OpenServices = Callable[..., Awaitable[Services]]


class Simulator:
    def __init__(self, base: str, control: httpx.AsyncClient) -> None:
        self.base = base
        self._control = control

    async def calls(self, upstream: str) -> int:
        response = await self._control.get(f"{self.base}/_sim/stats")
        response.raise_for_status()
        return int(response.json()["upstreams"][upstream]["calls"])

    async def total_calls(self) -> int:
        response = await self._control.get(f"{self.base}/_sim/stats")
        response.raise_for_status()
        return int(response.json()["calls"])

    async def reset(self) -> None:
        (await self._control.post(f"{self.base}/_sim/reset")).raise_for_status()

    async def set_faults(self, **changes: Any) -> None:
        (await self._control.post(f"{self.base}/_sim/faults", json=changes)).raise_for_status()


@pytest.fixture
async def sim() -> AsyncIterator[Simulator]:
    async with running_simulator() as base, httpx.AsyncClient(timeout=10) as control:
        yield Simulator(base, control)


@pytest.fixture(params=["services", "embedded"])
async def open_live(
    request: pytest.FixtureRequest, sim: Simulator, tmp_path: Path
) -> AsyncIterator[OpenServices]:
    """Opens `Services` on the simulator; keyword arguments override settings (`rba_mode=...`)."""
    if request.param == "services":
        async with flushed_redis(REFRESH_TEST_DB):  # emptied (and reachable, or the test fails)
            pass
        stores: dict[str, Any] = {
            "database_url": DATABASE_URL,
            "redis_url": redis_url_for_db(REFRESH_TEST_DB),
        }
    else:
        stores = {"database_url": None, "redis_url": None, "data_dir": tmp_path}
    live = {
        key.removeprefix("IPOVAL_").lower(): value for key, value in simulator_env(sim.base).items()
    }

    async with AsyncExitStack() as stack:

        async def open_(**overrides: Any) -> Services:
            fields = {**stores, "env": "development", **live, **overrides}
            settings = Settings.model_validate(fields)
            return await stack.enter_async_context(open_services(settings))

        yield open_
    if request.param == "services":
        async with flushed_redis(REFRESH_TEST_DB):
            pass


async def fetched_at(
    services: Services, upstream: str, kind: DataKind, type_: Any
) -> dict[str, datetime]:
    """When each cached key of `kind` was fetched, as Redis holds it (no in-process layer)."""
    reader = TwoLayerCache(services.redis, lru_size=0)
    keys = {
        DataKind.MARKET: ["BHP", "CBA", "WBC"],
        DataKind.PEERS: ["BHP|5"],
        DataKind.ECONOMIC: [BOND],
        DataKind.FILINGS: ["BHP"],
    }[kind]
    entries = await reader.get_many(upstream, kind, keys, type_)
    return {key: entry.fetched_at for key, entry in entries.items()}


def capiq(services: Services) -> tuple[CachedProvider, ResilientUpstream]:
    provider = services.providers.live.capiq
    assert provider is not None
    return provider, services.providers.live.clients["CAPIQ"]


def open_breaker(client: ResilientUpstream) -> None:
    for _ in range(client.breaker.failure_threshold):
        client.breaker.record_failure(client.breaker.admit())
    assert client.breaker.is_open


async def test_used_market_data_is_refreshed_and_unused_is_not(
    open_live: OpenServices, sim: Simulator
) -> None:
    services = await open_live()
    await services.providers.market.market_data(["BHP"])
    with untracked_usage():  # in the cache, but nobody asked for it
        await services.providers.market.market_data(["CBA"])
    before = await fetched_at(services, "CAPIQ", DataKind.MARKET, MarketData)
    await sim.reset()

    summary = await refresh_market_data({"services": services})

    assert summary == {
        "kind": "market",
        "refreshed": 1,
        "upstreams": {"CAPIQ": {"keys": 1, "refreshed": 1}, "ASX": {"keys": 0, "refreshed": 0}},
    }
    assert await sim.calls("capiq") >= 1
    assert await sim.calls("asx") == 0
    after = await fetched_at(services, "CAPIQ", DataKind.MARKET, MarketData)
    assert after["BHP"] > before["BHP"]
    assert after["CBA"] == before["CBA"]


async def test_peers_economic_series_and_filings_refresh_what_was_used(
    open_live: OpenServices, sim: Simulator
) -> None:
    services = await open_live()
    providers = services.providers
    await providers.peers.peer_candidates(["BHP"], 5)
    await providers.economic.rate_series([BOND])
    await providers.filings.filings(["BHP"])
    kinds = [
        (refresh_peers, "capiq", "CAPIQ", DataKind.PEERS, tuple[PeerCandidate, ...]),
        (refresh_economic_indicators, "rba", "RBA", DataKind.ECONOMIC, RateSeries),
        (refresh_filings, "asx", "ASX", DataKind.FILINGS, tuple[Filing, ...]),
    ]
    for job, route, upstream, kind, type_ in kinds:
        before = await fetched_at(services, upstream, kind, type_)
        await sim.reset()
        summary = await job({"services": services})
        assert summary["refreshed"] == 1, summary
        assert summary["upstreams"][upstream] == {"keys": 1, "refreshed": 1}
        assert await sim.calls(route) >= 1
        after = await fetched_at(services, upstream, kind, type_)
        assert after.keys() == before.keys() and len(after) == 1
        assert all(after[key] > before[key] for key in after)


async def test_keys_used_before_the_window_are_trimmed_and_not_refreshed(
    open_live: OpenServices, sim: Simulator
) -> None:
    services = await open_live()
    recent = usage_key("CAPIQ", DataKind.MARKET)
    old = time.time() - MARKET.window.total_seconds() - 60
    await services.redis.zadd(recent, {"WBC": old})
    await sim.reset()

    summary = await refresh_market_data({"services": services})

    assert summary["upstreams"]["CAPIQ"] == {"keys": 0, "refreshed": 0}
    assert await sim.total_calls() == 0
    assert await services.redis.zcard(recent) == 0


async def test_an_upstream_whose_breaker_is_open_is_skipped_without_a_call(
    open_live: OpenServices, sim: Simulator
) -> None:
    services = await open_live()
    await services.providers.market.market_data(["BHP"])
    await services.providers.peers.peer_candidates(["BHP"], 5)
    _, client = capiq(services)
    open_breaker(client)
    await sim.reset()

    market_summary = await refresh_market_data({"services": services})
    peers_summary = await refresh_peers({"services": services})

    assert market_summary["upstreams"]["CAPIQ"] == {"skipped": "breaker open"}
    assert peers_summary["upstreams"] == {"CAPIQ": {"skipped": "breaker open"}}
    assert market_summary["refreshed"] == peers_summary["refreshed"] == 0
    assert await sim.calls("capiq") == 0


async def test_a_run_stops_when_the_breaker_opens_mid_way(
    open_live: OpenServices, sim: Simulator
) -> None:
    services = await open_live()
    await services.providers.market.market_data(["BHP", "CBA", "WBC"])
    _, client = capiq(services)
    # One failed request, sent once, opens the circuit.
    client.policy = dataclasses.replace(client.policy, max_attempts=1)
    client.breaker.failure_threshold = 1
    await sim.set_faults(upstream="capiq", down=True)
    await sim.reset()

    summary = await refresh(services, MARKET, batch_size=1)

    assert summary["upstreams"]["CAPIQ"] == {
        "keys": 3,
        "refreshed": 0,
        "failed": 1,
        "stopped": "breaker open",
    }
    assert await sim.calls("capiq") == 1


async def test_sample_upstreams_are_skipped(open_live: OpenServices, sim: Simulator) -> None:
    services = await open_live(capiq_mode="sample", rba_mode="sample")
    await services.providers.market.market_data(["BHP"])  # served by the ASX
    await services.providers.economic.rate_series([BOND])  # the shipped RBA tables
    await sim.reset()

    market_summary = await refresh_market_data({"services": services})
    assert market_summary["upstreams"] == {
        "CAPIQ": {"skipped": "sample"},
        "ASX": {"keys": 1, "refreshed": 1},
    }
    assert await sim.calls("capiq") == 0
    for job in (refresh_peers, refresh_economic_indicators):
        summary = await job({"services": services})
        assert summary["refreshed"] == 0
        assert all(result == {"skipped": "sample"} for result in summary["upstreams"].values())
    assert await sim.calls("rba") == 0


async def test_the_worker_runs_a_refresh_job(open_live: OpenServices, sim: Simulator) -> None:
    services = await open_live()
    await services.providers.market.market_data(["BHP"])
    before = await fetched_at(services, "CAPIQ", DataKind.MARKET, MarketData)
    await services.redis.enqueue_job("cron:refresh_market_data")
    await create_worker(
        services.settings, services, burst=True, poll_delay=0, handle_signals=False
    ).async_run()
    after = await fetched_at(services, "CAPIQ", DataKind.MARKET, MarketData)
    assert after["BHP"] > before["BHP"]


async def test_the_four_refresh_jobs_are_registered_with_their_intervals(
    open_live: OpenServices,
) -> None:
    services = await open_live()
    worker = create_worker(services.settings, services)
    jobs = {job.name: job for job in worker.cron_jobs}
    expected = {
        "cron:refresh_market_data": (timedelta(minutes=5), MARKET),
        "cron:refresh_peers": (timedelta(minutes=30), PEERS),
        "cron:refresh_economic_indicators": (timedelta(hours=1), ECONOMIC),
        "cron:refresh_filings": (timedelta(days=1), FILINGS),
    }
    for name, (interval, plan) in expected.items():
        job = jobs[name]
        assert job.unique
        assert job.timeout_s == plan.timeout.total_seconds() < interval.total_seconds()
        assert plan.budget < plan.timeout
        runs = [datetime(2026, 3, 2, 0, 0, tzinfo=UTC)]
        for _ in range(6):
            runs.append(
                next_cron(
                    runs[-1],
                    month=job.month,
                    day=job.day,
                    weekday=job.weekday,
                    hour=job.hour,
                    minute=job.minute,
                    second=job.second,
                    microsecond=job.microsecond,
                )
            )
        gaps = {later - earlier for earlier, later in pairwise(runs[1:])}
        assert gaps == {interval}, name


class Quotes:
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        return {ticker: market(ticker) for ticker in tickers}


async def test_usage_is_not_recorded_when_redis_is_down_and_requests_still_succeed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken: Redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    provider = CachedProvider(Quotes(), cache=TwoLayerCache(broken), namespace="TEST")
    try:
        for _ in range(3):
            assert (await provider.market_data(["BHP"]))["BHP"] == market("BHP")
            await provider.usage.flush()
    finally:
        await broken.aclose()
    failures = [r for r in caplog.records if "could not record key usage" in r.getMessage()]
    assert len(failures) == 1


async def test_usage_is_written_in_the_background_with_the_latest_time(
    open_live: OpenServices,
) -> None:
    services = await open_live()
    provider, _ = capiq(services)
    for tickers in (["BHP", "CBA"], ["BHP"]):
        provider.usage.note(DataKind.MARKET, tickers)
    await provider.usage.flush()
    scores = dict(
        await services.redis.zrange(usage_key("CAPIQ", DataKind.MARKET), 0, -1, withscores=True)
    )
    assert set(scores) == {b"BHP", b"CBA"}
    assert scores[b"BHP"] >= scores[b"CBA"]
    assert abs(scores[b"BHP"] - time.time()) < 60
