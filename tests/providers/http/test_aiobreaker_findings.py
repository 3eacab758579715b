"""Measured behaviour of aiobreaker 1.2.0, the library providers/http/breaker.py does not use.

These tests assert what aiobreaker does, not what a breaker should do: each one documents a reason
for keeping our own breaker. Should a new aiobreaker release fix a behaviour, its test fails and the
decision in breaker.py deserves another look.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from aiobreaker import CircuitBreaker, CircuitBreakerError  # type: ignore[import-untyped]


async def _fail() -> None:
    raise RuntimeError("upstream down")


async def _open(breaker: CircuitBreaker) -> CircuitBreakerError:
    """Trip a breaker with fail_max=1; returns the error its tripping call raised."""
    with pytest.raises(CircuitBreakerError) as tripped:
        await breaker.call_async(_fail)
    return tripped.value


def test_constructor_takes_timeout_duration_not_reset_timeout() -> None:
    with pytest.raises(TypeError, match="reset_timeout"):
        CircuitBreaker(fail_max=1, reset_timeout=timedelta(seconds=1))
    breaker = CircuitBreaker(fail_max=1, timeout_duration=timedelta(seconds=1))
    assert breaker.timeout_duration == timedelta(seconds=1)


async def test_half_open_lets_every_concurrent_call_through() -> None:
    breaker = CircuitBreaker(fail_max=1, timeout_duration=timedelta(milliseconds=50))
    await _open(breaker)
    await asyncio.sleep(0.1)  # the open period is over: the next call is meant to be a lone probe

    entered = 0
    release = asyncio.Event()

    async def slow_success() -> str:
        nonlocal entered
        entered += 1
        await release.wait()
        return "ok"

    calls = [asyncio.create_task(breaker.call_async(slow_success)) for _ in range(20)]
    await asyncio.sleep(0.05)
    assert entered == 20  # a correct half-open state would have let exactly 1 through
    release.set()
    assert await asyncio.gather(*calls) == ["ok"] * 20


@pytest.mark.parametrize("local_timezone", ["UTC"], indirect=True)
async def test_reported_reopen_time_is_right_in_utc(local_timezone: str) -> None:
    error = await _open(CircuitBreaker(fail_max=1, timeout_duration=timedelta(seconds=60)))
    assert error.reopen_time is not None
    assert abs(error.time_remaining.total_seconds() - 60) < 5


@pytest.mark.parametrize("local_timezone", ["Australia/Sydney"], indirect=True)
async def test_reported_reopen_time_is_missing_east_of_utc(local_timezone: str) -> None:
    breaker = CircuitBreaker(fail_max=1, timeout_duration=timedelta(seconds=60))
    error = await _open(breaker)
    # opened_at comes from utcnow(), the comparison from local now(), ten or eleven hours ahead:
    # the reopen time is taken to have passed already.
    assert error.reopen_time is None
    assert breaker.opens_at is None


@pytest.mark.parametrize("local_timezone", ["America/Los_Angeles"], indirect=True)
async def test_reported_reopen_time_is_off_by_the_offset_west_of_utc(local_timezone: str) -> None:
    error = await _open(CircuitBreaker(fail_max=1, timeout_duration=timedelta(seconds=60)))
    offset = datetime.now().astimezone().utcoffset()
    assert offset is not None and offset < timedelta(0)  # seven or eight hours behind UTC
    reported = error.time_remaining.total_seconds()
    assert abs(reported - (60 - offset.total_seconds())) < 5  # 60 s plus the offset


@pytest.mark.parametrize("local_timezone", ["Australia/Sydney"], indirect=True)
async def test_the_open_period_itself_is_timed_correctly(local_timezone: str) -> None:
    # Only the report is wrong: the gate compares utcnow() with utcnow().
    breaker = CircuitBreaker(fail_max=1, timeout_duration=timedelta(milliseconds=100))
    await _open(breaker)
    with pytest.raises(CircuitBreakerError):
        await breaker.call_async(_fail)
    await asyncio.sleep(0.15)

    async def succeed() -> str:
        return "ok"

    assert await breaker.call_async(succeed) == "ok"
