from __future__ import annotations

import asyncio
import time

import pytest

from providers.http.throttle import TokenBucket


class FakeTime:
    """A clock that sleeping advances."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_burst_then_spaced_at_the_rate() -> None:
    fake = FakeTime()
    bucket = TokenBucket(rate=2, burst=3, clock=fake.clock, sleep=fake.sleep)
    waits = [await bucket.acquire() for _ in range(6)]
    assert waits == [0, 0, 0, 0.5, 0.5, 0.5]
    assert fake.now == pytest.approx(1.5)


async def test_refills_while_idle_but_not_past_burst() -> None:
    fake = FakeTime()
    bucket = TokenBucket(rate=2, burst=2, clock=fake.clock, sleep=fake.sleep)
    for _ in range(2):
        await bucket.acquire()
    fake.now += 100  # a long quiet spell refills to the burst, no further
    waits = [await bucket.acquire() for _ in range(3)]
    assert waits == [0, 0, 0.5]


async def test_concurrent_callers_are_queued_in_arrival_order() -> None:
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    bucket = TokenBucket(rate=4, burst=1, clock=lambda: 0.0, sleep=record)
    await asyncio.gather(*(bucket.acquire() for _ in range(5)))
    # all five arrive at t=0: the first goes, the others reserve the next tokens in turn
    assert sleeps == [0.25, 0.5, 0.75, 1.0]


async def test_real_time_spacing() -> None:
    bucket = TokenBucket(rate=50, burst=1)
    stamps: list[float] = []

    async def one() -> None:
        await bucket.acquire()
        stamps.append(time.monotonic())

    started = time.monotonic()
    await asyncio.gather(*(one() for _ in range(6)))
    # the k-th caller cannot start before k/50 s: sleeps end late under load, never early
    for k, stamp in enumerate(sorted(stamps)):
        assert stamp - started >= k / 50 - 0.001, (k, stamp - started)


async def test_cancelled_waiter_returns_its_token() -> None:
    bucket = TokenBucket(rate=10, burst=1)
    await bucket.acquire()
    waiter = asyncio.create_task(bucket.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    started = time.monotonic()
    await bucket.acquire()  # the cancelled reservation is not charged to the next caller
    assert time.monotonic() - started < 0.15


def test_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate=0, burst=1)
    with pytest.raises(ValueError):
        TokenBucket(rate=1, burst=0)
