"""The request-rate windows themselves: rounding, eviction, and the Lua window on real Redis."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest
from redis.asyncio import Redis

from accounts.principal import anonymous
from core.settings import Settings
from limits.rate_window import (
    KEY_PREFIX,
    WINDOW_SECONDS,
    InProcessWindow,
    RedisWindow,
    RequestRateLimiter,
)


def clock_at(now: float) -> SimpleNamespace:
    return SimpleNamespace(now=now)


async def test_reset_is_rounded_up_never_early() -> None:
    clock = clock_at(1_000_000.4)
    limiter = RequestRateLimiter(InProcessWindow(clock=lambda: clock.now))
    decision = await limiter.hit(anonymous("192.0.2.10"))
    # The oldest request leaves the window at 1_003_600.4: a reset of 1_003_600 would be early.
    assert decision.reset_at == 1_003_601
    assert dict(decision.headers())[b"x-ratelimit-reset"] == b"1003601"


async def test_retry_after_is_rounded_up_at_least_one_second_and_at_most_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = clock_at(1_000_000.9)
    limiter = RequestRateLimiter(InProcessWindow(clock=lambda: clock.now))
    decision = await limiter.hit(anonymous("192.0.2.11"))
    # 0.1 s later the oldest request has 3599.9 s left in the window.
    monkeypatch.setattr(time, "time", lambda: 1_000_001.0)
    assert decision.retry_after == 3_600
    # At once, the wait is the whole window, not the window plus the rounding of `reset_at`.
    monkeypatch.setattr(time, "time", lambda: 1_000_000.9)
    assert decision.reset_at == 1_003_601
    assert decision.retry_after == 3_600
    # Past the reset, a refused caller is still told to wait at least a second.
    monkeypatch.setattr(time, "time", lambda: 1_003_601.5)
    assert decision.retry_after == 1


async def test_emptied_window_is_dropped() -> None:
    clock = clock_at(1_000_000.0)
    window = InProcessWindow(clock=lambda: clock.now)
    await window.hit("zero-limit", 0)
    assert window._hits == {}


async def test_sweep_leaves_no_stale_callers() -> None:
    clock = clock_at(1_000_000.0)
    window = InProcessWindow(clock=lambda: clock.now)
    for i in range(50):
        await window.hit(f"ip:192.0.2.{i}", 10)
    assert len(window._hits) == 50
    clock.now += WINDOW_SECONDS + 1
    # One busy caller: within 1,000 hits a sweep runs and forgets everyone else.
    for _ in range(1_000):
        clock.now += 0.001
        await window.hit("ip:198.51.100.1", 5_000)
    assert set(window._hits) == {"ip:198.51.100.1"}


async def test_sweep_keeps_callers_still_in_their_window() -> None:
    clock = clock_at(1_000_000.0)
    window = InProcessWindow(clock=lambda: clock.now)
    await window.hit("ip:192.0.2.1", 10)
    clock.now += WINDOW_SECONDS - 5
    await window.hit("ip:192.0.2.2", 10)
    clock.now += 10  # the first caller's hit has left the window, the second's has not
    for _ in range(1_000):
        await window.hit("ip:198.51.100.1", 5_000)
    assert set(window._hits) == {"ip:192.0.2.2", "ip:198.51.100.1"}
    allowed, remaining, _ = await window.hit("ip:192.0.2.2", 10)
    assert (allowed, remaining) == (True, 8)


# The Lua window, against the real Redis.


@pytest.fixture
async def redis(services_settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(services_settings.redis_url or "")
    yield client
    await client.aclose()


def unique_key() -> str:
    return f"test-window:{uuid.uuid4().hex}"


async def test_redis_window_admits_exactly_the_limit(redis: Redis) -> None:
    window, key = RedisWindow(redis), unique_key()
    results = [await window.hit(key, 5) for _ in range(8)]
    assert [allowed for allowed, _, _ in results] == [True] * 5 + [False] * 3
    assert [remaining for _, remaining, _ in results] == [4, 3, 2, 1, 0, 0, 0, 0]
    assert await redis.zcard(KEY_PREFIX + key) == 5


async def test_redis_window_reset_is_within_the_hour_and_the_key_expires(redis: Redis) -> None:
    window, key = RedisWindow(redis), unique_key()
    before = time.time()
    _, _, first_reset = await window.hit(key, 3)
    _, _, later_reset = await window.hit(key, 3)
    after = time.time()
    assert before < first_reset <= after + WINDOW_SECONDS
    # Both count down to the oldest request leaving the window (a few ms apart at most).
    assert abs(later_reset - first_reset) < 0.5
    ttl = await redis.pttl(KEY_PREFIX + key)
    assert 0 < ttl <= WINDOW_SECONDS * 1000


async def test_redis_window_decisions_carry_a_rounded_up_reset(redis: Redis) -> None:
    limiter = RequestRateLimiter(RedisWindow(redis))
    caller = anonymous(f"test-{uuid.uuid4().hex}")
    before = time.time()
    decision = await limiter.hit(caller)
    after = time.time()
    assert decision.allowed
    assert decision.remaining == decision.limit - 1
    assert before < decision.reset_at <= math.ceil(after + WINDOW_SECONDS)
    assert 1 <= decision.retry_after <= WINDOW_SECONDS + 1
