"""A token bucket per caller for query cost, kept in Redis.

Each caller (a `Principal.limit_key`) has a bucket of `maximum` points that refills continuously at
`restore_rate` points per second, up to `maximum`. A query takes its requested cost before it runs,
or is refused when the bucket holds less; after it ran, the difference between requested and actual
cost is refunded (never past `maximum`).

One Lua script does the refill and the take (or the refund) atomically, so concurrent requests of
one caller on any number of API processes never spend the same points twice. It runs through
redis-py's `register_script` (EVALSHA, reloaded on NOSCRIPT) on a real Redis and on the in-process
stand-in alike: fakeredis runs Lua through `lupa`, a dependency of the project.

A bucket is a hash `{tokens, ts}` (points as a float, last update in milliseconds). The clock is
Redis's own `TIME` unless the caller passes one (tests do), so API processes with skewed clocks
agree. A bucket expires once it would have refilled completely: an absent bucket is a full one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from redis.asyncio import Redis

KEY_PREFIX = "cost-bucket:"

# KEYS[1] the bucket; ARGV: maximum, restore rate (points/s), amount, now in ms ("" = Redis TIME),
# operation ("take" or "refund"). Returns {allowed (0/1), whole points available, maximum}.
_SCRIPT = """
local maximum = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
local now
if ARGV[4] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
else
  now = tonumber(ARGV[4])
end

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = maximum
  ts = now
end
if now > ts then
  tokens = tokens + (now - ts) / 1000 * rate
  ts = now
end
if tokens > maximum then
  tokens = maximum
end

local allowed = 1
if ARGV[5] == 'refund' then
  tokens = math.min(maximum, tokens + amount)
elseif amount <= tokens then
  tokens = tokens - amount
else
  allowed = 0
end

redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
  'ts', string.format('%.17g', ts))
local idle_ms = math.max(1, math.ceil((maximum - tokens) / rate * 1000))
redis.call('PEXPIRE', KEYS[1], string.format('%d', idle_ms))
return {allowed, string.format('%d', math.floor(tokens)), string.format('%d', maximum)}
"""


@dataclass(frozen=True, slots=True)
class BucketStatus:
    allowed: bool
    currently_available: int  # whole points, after this take or refund
    maximum: int


class CostBucket:
    """Takes and refunds query-cost points of one caller's bucket."""

    def __init__(
        self,
        redis: Redis,
        *,
        clock: Callable[[], float] | None = None,
        key_prefix: str = KEY_PREFIX,
    ) -> None:
        self._script = redis.register_script(_SCRIPT)
        self._clock = clock  # seconds; None means Redis's clock
        self._key_prefix = key_prefix

    async def take(self, key: str, cost: int, maximum: int, restore_rate: float) -> BucketStatus:
        """Take `cost` points if the bucket holds them (after refilling); else take nothing and
        refuse. `cost` 0 reads the bucket."""
        return await self._run("take", key, cost, maximum, restore_rate)

    async def refund(
        self, key: str, points: int, maximum: int, restore_rate: float
    ) -> BucketStatus:
        """Give back `points` (requested minus actual cost), never past `maximum`."""
        return await self._run("refund", key, points, maximum, restore_rate)

    async def _run(
        self, operation: str, key: str, amount: int, maximum: int, restore_rate: float
    ) -> BucketStatus:
        if amount < 0:
            raise ValueError(f"amount must not be negative, got {amount}")
        if maximum <= 0 or restore_rate <= 0:
            raise ValueError("a bucket needs a positive size and restore rate")
        now = "" if self._clock is None else repr(self._clock() * 1000)
        allowed, available, size = await self._script(
            keys=[self._key_prefix + key],
            args=[maximum, repr(float(restore_rate)), amount, now, operation],
        )
        return BucketStatus(bool(allowed), int(available), int(size))
