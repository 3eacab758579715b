"""Upstream calls, latency and failure tolerance of the API over the live adapters.

All four upstreams (ASX, ABN Lookup, RBA, Capital IQ) are live against the upstream simulator,
served over loopback by this process. The API runs in embedded mode (SQLite in a temporary
directory, the in-process Redis stand-in), in this process, driven through httpx's ASGI transport,
with per-caller limits off and without the in-process worker (its scheduled jobs would call the
upstreams too). The HTTP layer keeps its production policies (providers/http/policy.py):
the client-side rate limits are part of what is measured.

1. The dashboard query (bench/queries.py), cold cache against warm: calls per upstream, latency.
2. 100 concurrent identical requests for one company with a cold cache: calls per upstream.
3. The dashboard query while the simulator fails a share of calls (HTTP 500/502/503): success
   rate and p95 latency with a cold cache, a warm fresh cache and a warm expired cache.

"Cold" means both layers of the provider cache (in-process LRU and Redis) emptied after start-up,
whose directory sync fetches every company's market data. The Capital IQ token is kept. "Expired"
ages the cache past every TTL the dashboard depends on by advancing the cache's clock, so that each
value is fetched again and the failed fetches are answered stale.

    python -m bench.upstreams [--latency-ms 50] [--runs 3] [--rounds 6] [--error-rate 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from app import create_app
from bench.queries import DASHBOARD
from core.services import Services
from core.settings import Settings
from providers.cache.kinds import KEY_PREFIX, DataKind
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from providers.capiq.client import CHUNK_SIZE
from providers.capiq.mnemonics import FINANCIAL_MNEMONICS, MARKET_MNEMONICS, YEARS
from providers.http.client import ResilientUpstream
from providers.instrumentation import CountingProvider
from providers.live import LiveUpstreams
from simulator.env import simulator_env
from simulator.faults import UPSTREAMS
from simulator.server import running_simulator

COMPANY = """query ($ticker: String!) { company(ticker: $ticker) {
  ticker
  marketData { price marketCap }
  financials { periods { revenue } }
} }"""
CONCURRENT_TICKER = "BHP"
CONCURRENT_REQUESTS = 100
# The kinds the dashboard reads: market data, financials (company) and peers.
DASHBOARD_KINDS = (DataKind.MARKET, DataKind.COMPANY, DataKind.PEERS)


@dataclass
class Bench:
    """The API app over the live adapters, its HTTP client and the simulator's controls."""

    services: Services
    api: httpx.AsyncClient
    control: httpx.AsyncClient
    simulator: str

    @property
    def live(self) -> LiveUpstreams:
        return self.services.providers.live

    @property
    def cache(self) -> TwoLayerCache:
        """The provider cache the live adapters share (one per process)."""
        cached = [p for p in (self.live.asx, self.live.abr, self.live.rba, self.live.capiq) if p]
        caches = {id(p._cache): p._cache for p in cached}
        assert len(caches) == 1, "expected one provider cache shared by the live adapters"
        return next(iter(caches.values()))

    @property
    def capiq(self) -> CachedProvider:
        assert self.live.capiq is not None, "Capital IQ is not live"
        return self.live.capiq

    async def flush_cache(self) -> None:
        """Empty both layers of the provider cache."""
        self.cache.clear_local()
        redis = self.services.redis
        keys = [key async for key in redis.scan_iter(match=f"{KEY_PREFIX}:*", count=1000)]
        for start in range(0, len(keys), 1000):
            await redis.delete(*keys[start : start + 1000])

    async def set_faults(self, **faults: Any) -> None:
        response = await self.control.post(f"{self.simulator}/_sim/faults", json=faults)
        response.raise_for_status()

    async def reset_stats(self) -> None:
        (await self.control.post(f"{self.simulator}/_sim/reset")).raise_for_status()

    async def calls(self) -> dict[str, int]:
        """HTTP calls the simulator received per upstream since the last reset."""
        response = await self.control.get(f"{self.simulator}/_sim/stats")
        response.raise_for_status()
        upstreams = response.json()["upstreams"]
        return {name: int(upstreams[name]["calls"]) for name in UPSTREAMS}

    async def query(self, query: str, **variables: Any) -> tuple[float, dict[str, Any]]:
        """Seconds taken and the decoded answer."""
        started = time.perf_counter()
        response = await self.api.post("/graphql", json={"query": query, "variables": variables})
        seconds = time.perf_counter() - started
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return seconds, answer

    async def refill_rate_limits(self) -> None:
        """Wait until every upstream's client-side bucket has its full burst again."""
        await asyncio.sleep(max(_refill_seconds(c) for c in self.live.clients.values()))


def _refill_seconds(client: ResilientUpstream) -> float:
    return client.policy.burst / client.policy.rate_per_second


@asynccontextmanager
async def running_bench(latency_ms: float, data_dir: Path) -> AsyncIterator[Bench]:
    async with running_simulator(latency_ms=latency_ms) as simulator:
        overrides = {
            key.removeprefix("IPOVAL_").lower(): value
            for key, value in simulator_env(simulator).items()
        }
        settings = Settings.model_validate(
            {
                "database_url": None,
                "redis_url": None,
                "data_dir": data_dir,
                "env": "development",
                "per_caller_limits": False,
                # The in-process worker's scheduled jobs would add upstream calls of their own.
                "run_embedded_worker": False,
                **overrides,
            }
        )
        app = create_app(settings)
        started = time.perf_counter()
        async with (
            LifespanManager(app, startup_timeout=300),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=300
            ) as api,
            httpx.AsyncClient(timeout=30) as control,
        ):
            bench = Bench(app.state.services, api, control, simulator)
            startup_calls = await bench.calls()
            print(
                "start-up (migrations, directory sync over the live upstreams): "
                f"{time.perf_counter() - started:.1f} s, "
                f"upstream calls {_by_upstream(startup_calls)}"
            )
            yield bench


# -- figure 1 ---------------------------------------------------------------------------------


async def dashboard_cold_and_warm(bench: Bench, runs: int, latency_ms: float) -> None:
    print()
    print(
        f"1. dashboard query, simulator latency {latency_ms:g} ms/call, median of {runs} runs; "
        "cold = provider cache emptied (LRU and Redis) before each run, each run starting with "
        "full rate-limit buckets"
    )
    cold_ms: list[float] = []
    cold_calls: list[dict[str, int]] = []
    for _ in range(runs):
        await bench.flush_cache()
        await bench.refill_rate_limits()
        await bench.reset_stats()
        seconds, answer = await bench.query(DASHBOARD)
        _require_complete(answer, "cold dashboard")
        cold_ms.append(seconds * 1000)
        cold_calls.append(await bench.calls())
    warm_ms: list[float] = []
    warm_calls: list[dict[str, int]] = []
    for _ in range(runs):
        await bench.reset_stats()
        seconds, answer = await bench.query(DASHBOARD)
        _require_complete(answer, "warm dashboard")
        warm_ms.append(seconds * 1000)
        warm_calls.append(await bench.calls())
    cold = _median_calls(cold_calls)
    warm = _median_calls(warm_calls)
    cold_median, warm_median = statistics.median(cold_ms), statistics.median(warm_ms)
    print(f"{'cache':<6} {'ASX':>5} {'ABR':>5} {'RBA':>5} {'CAPIQ':>6} {'latency ms':>11}")
    for name, calls, ms in (("cold", cold, cold_median), ("warm", warm, warm_median)):
        print(
            f"{name:<6} {calls['asx']:>5} {calls['abr']:>5} {calls['rba']:>5} "
            f"{calls['capiq']:>6} {ms:>11.1f}"
        )
    print(
        f"ratio cold/warm: calls {_ratio(sum(cold.values()), sum(warm.values()))}, "
        f"latency {cold_median / warm_median:.0f}x "
        f"(cold runs {_spread(cold_ms)} ms, warm runs {_spread(warm_ms)} ms)"
    )
    capiq = bench.live.clients["CAPIQ"].policy
    floor = max(0, cold["capiq"] - capiq.burst) / capiq.rate_per_second
    print(
        f"limit: the Capital IQ client-side rate limit ({capiq.rate_per_second:g} requests/s, "
        f"burst {capiq.burst}, providers/http/policy.py) alone holds {cold['capiq']} calls to "
        f">= {floor:.1f} s; the simulator's {latency_ms:g} ms per call overlaps on up to "
        f"{capiq.max_connections} connections. Warm: no upstream call, graphql-core resolving "
        "the fields."
    )


# -- figure 2 ---------------------------------------------------------------------------------


async def concurrent_identical(bench: Bench) -> None:
    print()
    print(
        f"2. {CONCURRENT_REQUESTS} concurrent identical requests for {CONCURRENT_TICKER}'s market "
        "data and financials, provider cache emptied first"
    )
    await bench.flush_cache()
    await bench.refill_rate_limits()
    await bench.reset_stats()
    adapter = bench.capiq.inner
    counting = CountingProvider(adapter)
    bench.capiq.inner = counting
    try:
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(bench.query(COMPANY, ticker=CONCURRENT_TICKER) for _ in range(CONCURRENT_REQUESTS))
        )
        seconds = time.perf_counter() - started
    finally:
        bench.capiq.inner = adapter
    calls = await bench.calls()
    complete = sum(_classify(answer) == "complete" for _, answer in answers)
    warm_started = time.perf_counter()
    await asyncio.gather(
        *(bench.query(COMPANY, ticker=CONCURRENT_TICKER) for _ in range(CONCURRENT_REQUESTS))
    )
    warm_seconds = time.perf_counter() - warm_started
    print(f"upstream HTTP calls: {_by_upstream(calls)}")
    print(
        "Capital IQ adapter calls by method: "
        + ", ".join(f"{name} {count}" for name, count in sorted(counting.calls.items()))
        + " (target 1 each)"
    )
    print(
        f"{complete}/{CONCURRENT_REQUESTS} complete answers in {seconds * 1000:.0f} ms "
        f"(slowest request {max(s for s, _ in answers) * 1000:.0f} ms); the same "
        f"{CONCURRENT_REQUESTS} again, cache warm: {warm_seconds * 1000:.0f} ms"
    )
    print(
        "limit: one flight per key per process (providers/cache/single_flight.py); the other "
        f"{CONCURRENT_REQUESTS - 1} requests wait on it. Capital IQ carries market data and "
        "financials on one route (clientservice), one call for each. The rest of the time is "
        "the requests' own processing in this one process, as the warm figure shows."
    )


# -- figure 3 ---------------------------------------------------------------------------------


@dataclass
class Rounds:
    """Outcomes, latencies and upstream traffic of the dashboard rounds of one cache state."""

    field_count: int  # provider-backed fields of a complete dashboard answer
    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    nulled: list[int] = field(default_factory=list)  # error entries per answer
    calls: Counter[str] = field(default_factory=Counter)  # simulator calls (attempts)
    capiq_requests: int = 0  # each up to max_attempts attempts
    capiq_failures: int = 0  # requests that failed for good
    stale: int = 0  # values the cache served stale

    def add(self, seconds: float, answer: dict[str, Any], calls: dict[str, int]) -> None:
        self.outcomes[_classify(answer)] += 1
        self.seconds.append(seconds)
        self.nulled.append(len(answer.get("errors") or ()))
        self.calls.update(calls)

    def line(self, name: str) -> str:
        n = len(self.seconds)
        shares = [self.outcomes[outcome] / n for outcome in ("complete", "partial", "failed")]
        nulled = f"{statistics.mean(self.nulled) / self.field_count:.1%}/{max(self.nulled)}"
        return (
            f"{name:<13} {shares[0]:>8.0%} {shares[1]:>8.0%} {shares[2]:>7.0%} {nulled:>11} "
            f"{statistics.median(self.seconds) * 1000:>7.0f} {_p95(self.seconds) * 1000:>7.0f} "
            f"{self.calls['capiq'] / n:>6.1f} {self.capiq_failures / n:>5.1f} "
            f"{self.stale / n:>6.1f}"
        )


class StaleCounter(logging.Handler):
    """Counts the values the cache served stale, from its "served N stale value(s)" records."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.served = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "stale value" in str(record.msg) and isinstance(record.args, tuple) and record.args:
            count = record.args[-1]
            if isinstance(count, int):
                self.served += count


@asynccontextmanager
async def counting_stale() -> AsyncIterator[StaleCounter]:
    logger = logging.getLogger("ipoval.cache")
    counter = StaleCounter()
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


class ShiftedClock:
    """The wall clock plus an offset, for ageing the cache without waiting for its TTLs."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def dashboard_under_errors(
    bench: Bench, rounds: int, error_rate: float, latency_ms: float
) -> None:
    print()
    print(
        f"3. dashboard query while the simulator fails {error_rate:.0%} of calls (HTTP 5xx), "
        f"{rounds} rounds per cache state, simulator latency {latency_ms:g} ms/call"
    )
    # Fill the cache without faults, to count the fields of a complete answer.
    await bench.flush_cache()
    await bench.refill_rate_limits()
    _, answer = await bench.query(DASHBOARD)
    _require_complete(answer, "dashboard filling the cache")
    field_count = _provider_fields(answer)

    results: dict[str, Rounds] = {}
    await bench.set_faults(error_rate=error_rate)
    async with counting_stale() as stale:
        # Warm, fresh: the cache just filled, every value within its TTL.
        results["warm, fresh"] = fresh = Rounds(field_count)
        for _ in range(rounds):
            await _round(bench, fresh, stale)

        # Warm, expired: before every round the cache's clock moves past every TTL the dashboard
        # depends on, so every value is fetched again; the fetches that fail are answered stale.
        step = max(kind.ttl for kind in DASHBOARD_KINDS) + timedelta(minutes=1)
        cache = bench.cache
        clock = ShiftedClock()
        real_clock: Callable[[], datetime] = cache._clock
        cache._clock = clock
        results["warm, expired"] = expired = Rounds(field_count)
        try:
            for _ in range(rounds):
                clock.offset += step
                await bench.refill_rate_limits()
                await _round(bench, expired, stale)
        finally:
            cache._clock = real_clock

        # Cold: both cache layers emptied before every round.
        results["cold"] = cold = Rounds(field_count)
        for _ in range(rounds):
            await bench.flush_cache()
            await bench.refill_rate_limits()
            await _round(bench, cold, stale)
    await bench.set_faults(error_rate=0.0)

    print(
        f"{'cache':<13} {'complete':>8} {'partial':>8} {'failed':>7} {'nulled':>11} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'CAPIQ':>6} {'lost':>5} {'stale':>6}"
    )
    for name in ("cold", "warm, fresh", "warm, expired"):
        print(results[name].line(name))
    print(
        "complete: no `errors`; partial: data with some fields nulled; failed: no data. "
        f"nulled: mean share of the {field_count} provider-backed fields (market data, multiples, "
        "peers) per round / most in one round. CAPIQ: calls (attempts) per round; lost: "
        "Capital IQ requests that failed after every attempt, per round; stale: values served "
        f"stale per round. p95: nearest rank of {rounds} rounds."
    )
    policy = bench.live.clients["CAPIQ"].policy
    per_request = error_rate**policy.max_attempts
    requests_per_round = results["cold"].capiq_requests / rounds
    expected = (1 - per_request) ** requests_per_round
    print(
        f"limit: {policy.max_attempts} attempts per upstream request (backoff "
        f"{policy.backoff_base:g} s base, full jitter), so a request fails for good with p = "
        f"{error_rate:g}^{policy.max_attempts} = {per_request:.2%}; "
        f"{requests_per_round:.0f} Capital IQ requests per cold dashboard give {expected:.0%} "
        "expected complete. Retries take rate-limit tokens too, so cold rounds are slower than "
        "without faults. Warm and fresh, nothing reaches the upstream; expired, a request that "
        "fails is answered with the expired values (marked stale) instead of an error."
    )
    cold = results["cold"]
    if cold.capiq_failures:
        per_failure = sum(cold.nulled) / cold.capiq_failures
        financials = CHUNK_SIZE // (YEARS * len(FINANCIAL_MNEMONICS))
        market = CHUNK_SIZE // len(MARKET_MNEMONICS)
        print(
            f"cold: {per_failure:.0f} fields nulled per lost Capital IQ request, which carries the "
            f"financials of {financials} tickers or the market data of {market}: multiples are "
            "computed per batch from `load_many` of market data and financials "
            "(MultiplesByTickerLoader, dataloaders/providers.py), and one failed key fails the "
            "multiples of the whole batch."
        )


async def _round(bench: Bench, rounds: Rounds, stale: StaleCounter) -> None:
    await bench.reset_stats()
    served_before = stale.served
    capiq = bench.live.clients["CAPIQ"].stats
    requests_before, failures_before = capiq.requests, capiq.failures
    seconds, answer = await bench.query(DASHBOARD)
    rounds.add(seconds, answer, await bench.calls())
    rounds.stale += stale.served - served_before
    rounds.capiq_requests += capiq.requests - requests_before
    rounds.capiq_failures += capiq.failures - failures_before


def _provider_fields(answer: dict[str, Any]) -> int:
    """Provider-backed fields of a dashboard answer: each company's market data, multiples and
    peers, and each peer's market data and multiples."""
    edges = answer["data"]["companies"]["edges"]
    peers = sum(len(edge["node"]["peers"] or ()) for edge in edges)
    return 3 * len(edges) + 2 * peers


# -- helpers ----------------------------------------------------------------------------------


def _classify(answer: dict[str, Any]) -> str:
    if not answer.get("errors"):
        return "complete"
    return "partial" if answer.get("data") else "failed"


def _require_complete(answer: dict[str, Any], what: str) -> None:
    if answer.get("errors"):
        raise SystemExit(f"{what} answered with errors: {answer['errors'][:3]}")


def _median_calls(runs: Sequence[dict[str, int]]) -> dict[str, int]:
    return {name: round(statistics.median(run[name] for run in runs)) for name in UPSTREAMS}


def _by_upstream(calls: dict[str, int]) -> str:
    return ", ".join(f"{name.upper()} {calls[name]}" for name in UPSTREAMS)


def _ratio(cold: int, warm: int) -> str:
    return f"{cold / warm:.0f}x" if warm else f"{cold} vs 0"


def _spread(values: Sequence[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}"


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


async def main(latency_ms: float, runs: int, rounds: int, error_rate: float) -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        async with running_bench(latency_ms, Path(data_dir)) as bench:
            await dashboard_cold_and_warm(bench, runs, latency_ms)
            await concurrent_identical(bench)
            await dashboard_under_errors(bench, rounds, error_rate, latency_ms)
    print()
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3, help="runs of figure 1, cold and warm")
    parser.add_argument("--rounds", type=int, default=6, help="rounds per cache state, figure 3")
    parser.add_argument("--error-rate", type=float, default=0.2)
    args = parser.parse_args()
    asyncio.run(main(args.latency_ms, args.runs, args.rounds, args.error_rate))
