"""Figures 1 and 2 of `python -m bench.upstreams`: the dashboard with a cold cache against a warm
one, and concurrent identical requests with a cold cache."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence

from bench.queries import DASHBOARD
from bench.upstreams_harness import Bench, by_upstream, classify, require_complete
from providers.instrumentation import CountingProvider
from simulator.faults import UPSTREAMS

COMPANY = """query ($ticker: String!) { company(ticker: $ticker) {
  ticker
  marketData { price marketCap }
  financials { periods { revenue } }
} }"""
CONCURRENT_TICKER = "BHP"
CONCURRENT_REQUESTS = 100


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
        require_complete(answer, "cold dashboard")
        cold_ms.append(seconds * 1000)
        cold_calls.append(await bench.calls())
    warm_ms: list[float] = []
    warm_calls: list[dict[str, int]] = []
    for _ in range(runs):
        await bench.reset_stats()
        seconds, answer = await bench.query(DASHBOARD)
        require_complete(answer, "warm dashboard")
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
    complete = sum(classify(answer) == "complete" for _, answer in answers)
    warm_started = time.perf_counter()
    await asyncio.gather(
        *(bench.query(COMPANY, ticker=CONCURRENT_TICKER) for _ in range(CONCURRENT_REQUESTS))
    )
    warm_seconds = time.perf_counter() - warm_started
    print(f"upstream HTTP calls: {by_upstream(calls)}")
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


def _median_calls(runs: Sequence[dict[str, int]]) -> dict[str, int]:
    return {name: round(statistics.median(run[name] for run in runs)) for name in UPSTREAMS}


def _ratio(cold: int, warm: int) -> str:
    return f"{cold / warm:.0f}x" if warm else f"{cold} vs 0"


def _spread(values: Sequence[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}"
