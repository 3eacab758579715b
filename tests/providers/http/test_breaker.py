from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from core.errors import ProviderUnavailable
from providers.http.breaker import BreakerState, CircuitBreaker, CircuitOpen


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def state_of(breaker: CircuitBreaker) -> BreakerState:
    # Read through a call: mypy would otherwise narrow `breaker.state` across assertions.
    return breaker.state


def make_breaker(clock: FakeClock, threshold: int = 3, reset: float = 30.0) -> CircuitBreaker:
    return CircuitBreaker("ASX", failure_threshold=threshold, reset_seconds=reset, clock=clock)


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.record_failure(breaker.admit())


def test_opens_after_threshold_consecutive_failures() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=3)
    fail(breaker, 2)
    assert state_of(breaker) is BreakerState.CLOSED and not breaker.is_open
    fail(breaker, 1)
    assert state_of(breaker) is BreakerState.OPEN and breaker.is_open
    with pytest.raises(CircuitOpen) as refused:
        breaker.admit()
    assert isinstance(refused.value, ProviderUnavailable)
    assert refused.value.details["upstream"] == "ASX"
    assert refused.value.message.startswith("ASX is unavailable")


def test_a_success_resets_the_consecutive_count() -> None:
    breaker = make_breaker(FakeClock(), threshold=3)
    fail(breaker, 2)
    breaker.record_success(breaker.admit())
    fail(breaker, 2)
    assert state_of(breaker) is BreakerState.CLOSED
    assert breaker.consecutive_failures == 2


def test_half_open_after_reset_period_then_probe_success_closes() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=1, reset=30)
    fail(breaker, 1)
    clock.advance(29.9)
    assert state_of(breaker) is BreakerState.OPEN
    clock.advance(0.1)
    assert state_of(breaker) is BreakerState.HALF_OPEN and not breaker.is_open
    probe = breaker.admit()
    assert probe.probe
    assert breaker.is_open  # the probe is in flight: others would be refused
    breaker.record_success(probe)
    assert state_of(breaker) is BreakerState.CLOSED
    assert not breaker.admit().probe


def test_probe_failure_reopens_with_a_fresh_reset_period() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=1, reset=30)
    fail(breaker, 1)
    clock.advance(45)  # well past the first period
    probe = breaker.admit()
    breaker.record_failure(probe)
    assert state_of(breaker) is BreakerState.OPEN
    clock.advance(29)
    with pytest.raises(CircuitOpen):
        breaker.admit()
    clock.advance(1)
    assert breaker.admit().probe


def test_abandoned_probe_frees_the_slot() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=1, reset=1)
    fail(breaker, 1)
    clock.advance(1)
    probe = breaker.admit()
    with pytest.raises(CircuitOpen):
        breaker.admit()
    breaker.abandon(probe)  # e.g. the probing request was cancelled
    assert state_of(breaker) is BreakerState.HALF_OPEN
    assert breaker.admit().probe


def test_late_failures_from_before_the_opening_do_not_extend_it() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=2, reset=30)
    in_flight = [breaker.admit() for _ in range(5)]
    breaker.record_failure(in_flight[0])
    breaker.record_failure(in_flight[1])  # opens
    clock.advance(20)
    for admission in in_flight[2:]:
        breaker.record_failure(admission)  # admitted while closed: no new evidence
    clock.advance(10)
    assert state_of(breaker) is BreakerState.HALF_OPEN


async def test_half_open_lets_exactly_one_of_20_concurrent_callers_through() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, threshold=1, reset=5)
    fail(breaker, 1)
    clock.advance(5)
    entered = 0
    release = asyncio.Event()

    async def call() -> str:
        nonlocal entered
        admission = breaker.admit()  # raises CircuitOpen for all but the probe
        entered += 1
        await release.wait()
        breaker.record_success(admission)
        return "ok"

    tasks = [asyncio.create_task(call()) for _ in range(20)]
    await asyncio.sleep(0)
    refused = [task for task in tasks if task.done()]
    assert entered == 1
    assert len(refused) == 19  # refused at once, not queued behind the probe
    assert all(isinstance(task.exception(), CircuitOpen) for task in refused)
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert results.count("ok") == 1
    assert state_of(breaker) is BreakerState.CLOSED


@pytest.mark.parametrize(
    "local_timezone", ["UTC", "Australia/Sydney", "America/Los_Angeles"], indirect=True
)
def test_reported_reopen_time_is_utc_in_any_local_timezone(local_timezone: str) -> None:
    breaker = CircuitBreaker("RBA", failure_threshold=1, reset_seconds=60)
    fail(breaker, 1)
    opens_until = breaker.opens_until
    assert opens_until is not None and opens_until.utcoffset() == timedelta(0)
    remaining = (opens_until - datetime.now(UTC)).total_seconds()
    assert 58 < remaining <= 60
    with pytest.raises(CircuitOpen) as refused:
        breaker.admit()
    retry_at = refused.value.retry_at
    assert retry_at is not None and abs((retry_at - opens_until).total_seconds()) < 1
    reported = datetime.fromisoformat(refused.value.details["retryAt"])
    assert reported.utcoffset() == timedelta(0)
    assert abs((reported - opens_until).total_seconds()) <= 1


@pytest.mark.parametrize(
    "local_timezone", ["Australia/Sydney", "America/Los_Angeles"], indirect=True
)
async def test_open_period_is_timed_by_the_monotonic_clock(local_timezone: str) -> None:
    breaker = CircuitBreaker("RBA", failure_threshold=1, reset_seconds=0.1)
    fail(breaker, 1)
    assert breaker.is_open
    await asyncio.sleep(0.15)
    assert state_of(breaker) is BreakerState.HALF_OPEN
    assert breaker.opens_until is None
    assert breaker.admit().probe
