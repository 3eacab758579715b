"""Figure 3 of `python -m bench.upstreams`: the dashboard while the simulator fails a share of
calls, with a cold cache, a warm fresh cache and a warm expired cache."""

from __future__ import annotations

import logging
import math
import statistics
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.queries import DASHBOARD
from bench.upstreams_harness import Bench, classify, require_complete
from providers.cache.kinds import DataKind
from providers.capiq.client import CHUNK_SIZE
from providers.capiq.mnemonics import FINANCIAL_MNEMONICS, MARKET_MNEMONICS, YEARS

# The kinds the dashboard reads: market data, financials (company) and peers.
DASHBOARD_KINDS = (DataKind.MARKET, DataKind.COMPANY, DataKind.PEERS)


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
        self.outcomes[classify(answer)] += 1
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
    require_complete(answer, "dashboard filling the cache")
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


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
