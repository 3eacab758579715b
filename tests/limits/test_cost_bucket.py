"""The query-cost token bucket, on a real Redis and on the in-process stand-in (fakeredis, lupa)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from core.redis import embedded_redis
from limits.cost_bucket import KEY_PREFIX, BucketStatus, CostBucket
from tests.fixtures.services import REDIS_URL, service_unavailable


class FakeClock:
    def __init__(self) -> None:
        self.seconds = 1_000_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture(params=["redis", "stand-in"])
async def redis(request: pytest.FixtureRequest) -> AsyncIterator[Redis]:
    if request.param == "stand-in":
        client: Redis = embedded_redis()
    else:
        client = Redis.from_url(REDIS_URL)
        try:
            await client.ping()
        except Exception as error:
            await client.aclose()
            service_unavailable("Redis", error)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
def key() -> str:
    return f"test:{uuid.uuid4()}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def bucket(redis: Redis, clock: FakeClock) -> CostBucket:
    return CostBucket(redis, clock=clock)


async def test_takes_until_empty_then_refuses_without_taking(bucket: CostBucket, key: str) -> None:
    assert await bucket.take(key, 60, 100, 10.0) == BucketStatus(True, 40, 100)
    assert await bucket.take(key, 40, 100, 10.0) == BucketStatus(True, 0, 100)
    assert await bucket.take(key, 1, 100, 10.0) == BucketStatus(False, 0, 100)
    # a refusal takes nothing, and a query of cost 0 always passes
    assert await bucket.take(key, 0, 100, 10.0) == BucketStatus(True, 0, 100)


async def test_a_query_bigger_than_the_bucket_is_always_refused(
    bucket: CostBucket, key: str
) -> None:
    assert await bucket.take(key, 101, 100, 10.0) == BucketStatus(False, 100, 100)


async def test_refills_continuously_up_to_the_maximum(
    bucket: CostBucket, key: str, clock: FakeClock
) -> None:
    await bucket.take(key, 100, 100, 10.0)
    clock.advance(0.25)  # 2.5 points: whole points are reported
    assert await bucket.take(key, 0, 100, 10.0) == BucketStatus(True, 2, 100)
    assert await bucket.take(key, 3, 100, 10.0) == BucketStatus(False, 2, 100)
    clock.advance(0.05)  # 3 points
    assert await bucket.take(key, 3, 100, 10.0) == BucketStatus(True, 0, 100)
    clock.advance(3_600)
    assert await bucket.take(key, 0, 100, 10.0) == BucketStatus(True, 100, 100)


async def test_refund_gives_points_back_but_never_past_the_maximum(
    bucket: CostBucket, key: str
) -> None:
    await bucket.take(key, 61, 100, 10.0)
    assert await bucket.refund(key, 40, 100, 10.0) == BucketStatus(True, 79, 100)
    assert await bucket.refund(key, 40, 100, 10.0) == BucketStatus(True, 100, 100)


async def test_a_clock_going_backwards_neither_refills_nor_drains(
    bucket: CostBucket, key: str, clock: FakeClock
) -> None:
    await bucket.take(key, 50, 100, 10.0)
    clock.advance(-10)
    assert await bucket.take(key, 0, 100, 10.0) == BucketStatus(True, 50, 100)


async def test_a_smaller_maximum_caps_a_fuller_bucket(bucket: CostBucket, key: str) -> None:
    await bucket.take(key, 10, 1_000, 10.0)  # 990 left
    assert await bucket.take(key, 0, 100, 10.0) == BucketStatus(True, 100, 100)


async def test_bucket_expires_once_it_would_be_full_again(
    redis: Redis, bucket: CostBucket, key: str
) -> None:
    await bucket.take(key, 30, 100, 10.0)  # 3 s to refill
    ttl_ms = await redis.pttl(KEY_PREFIX + key)
    assert 2_900 <= ttl_ms <= 3_000
    await bucket.refund(key, 30, 100, 10.0)
    assert await redis.pttl(KEY_PREFIX + key) <= 1  # full: nothing worth keeping


async def test_concurrent_takes_never_spend_the_same_points_twice(
    bucket: CostBucket, key: str
) -> None:
    results = await asyncio.gather(*(bucket.take(key, 1, 20, 10.0) for _ in range(50)))
    assert sum(result.allowed for result in results) == 20


async def test_uses_the_servers_clock_by_default(redis: Redis, key: str) -> None:
    bucket = CostBucket(redis)
    assert (await bucket.take(key, 50, 100, 0.001)).currently_available == 50
    assert (await bucket.take(key, 0, 100, 0.001)).currently_available == 50
    await asyncio.sleep(0.05)
    fast = await bucket.take(key, 0, 100, 1_000.0)  # 50 ms at 1,000 points/s: full again
    assert fast == BucketStatus(True, 100, 100)


async def test_survives_a_script_cache_flush(redis: Redis, bucket: CostBucket, key: str) -> None:
    await bucket.take(key, 10, 100, 10.0)
    await redis.script_flush()
    assert await bucket.take(key, 10, 100, 10.0) == BucketStatus(True, 80, 100)


async def test_refuses_nonsense(bucket: CostBucket, key: str) -> None:
    with pytest.raises(ValueError):
        await bucket.take(key, -1, 100, 10.0)
    with pytest.raises(ValueError):
        await bucket.take(key, 1, 100, 0.0)
