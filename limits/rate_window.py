"""Request-rate limits per caller: a moving one-hour window, shared by every API replica.

Authenticated callers count against their tier's requests per hour (per user or per API key);
anonymous callers against a small allowance per IP address. The window is exact: a sorted set of
request times per caller in Redis, trimmed, counted and extended by one Lua script, so a request
costs one round trip and returns the figures the `X-RateLimit-*` headers need. (The `limits`
library's moving window needs a second round trip for those figures: 106 + 108 µs against one
call of about 110 µs, measured on this machine.) The embedded single process keeps the same window
in memory.

Times handed out are rounded up to the second, so neither `X-RateLimit-Reset` nor `Retry-After`
is early. The Lua window measures the time to reset on the Redis clock and hands it back as a
duration, which is added to this host's clock: `Retry-After` is then computed on the clock the
reset was expressed in.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from accounts.principal import Principal
from core.errors import RateLimited

log = logging.getLogger("ipoval.rate_limit")

WINDOW_SECONDS = 3_600
KEY_PREFIX = "rate-window:"

# KEYS[1] the caller's window; ARGV: limit, window in ms, a unique member for this request.
# Returns {allowed (0/1), remaining, ms until the oldest counted request leaves the window}.
_WINDOW_SCRIPT = """
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  count = count + 1
  allowed = 1
end
local reset = now + window
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then
  reset = tonumber(oldest[2]) + window
end
redis.call('PEXPIRE', KEYS[1], window)
return {allowed, limit - count, reset - now}
"""


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: int  # Unix time when the oldest counted request leaves the window

    @property
    def retry_after(self) -> int:
        """Whole seconds until `reset_at`, rounded up: at least 1, and at most the window (the
        oldest counted request is no older than now, so no wait is longer; `reset_at` itself is
        already rounded up, which alone could make it one more)."""
        return max(1, min(WINDOW_SECONDS, math.ceil(self.reset_at - time.time())))

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset_at).encode()),
        ]

    def refused_headers(self) -> list[tuple[bytes, bytes]]:
        return [*self.headers(), (b"retry-after", str(self.retry_after).encode())]

    def refusal(self) -> RateLimited:
        """The error a refused request gets, over HTTP and websocket alike."""
        return RateLimited(
            f"More than {self.limit} requests in an hour; retry after {self.retry_after} s.",
            retryAfter=self.retry_after,
        )


class _Window(Protocol):
    async def hit(self, key: str, limit: int) -> tuple[bool, int, float]:
        """(allowed, remaining, reset as Unix time)"""
        ...


class RedisWindow:
    def __init__(self, redis: Redis) -> None:
        self._script = redis.register_script(_WINDOW_SCRIPT)

    async def hit(self, key: str, limit: int) -> tuple[bool, int, float]:
        allowed, remaining, reset_in_ms = await self._script(
            keys=[KEY_PREFIX + key], args=[limit, WINDOW_SECONDS * 1000, secrets.token_hex(8)]
        )
        # Read after the reply, so the local reset errs late, never early.
        return bool(allowed), int(remaining), time.time() + int(reset_in_ms) / 1000


class InProcessWindow:
    """The same window for the embedded single process, where Redis is an in-memory stand-in
    whose Lua runs 3-4x slower than this.

    Callers whose hits have all left the window are forgotten: at once when a window empties, and
    by a sweep over every caller once per `SWEEP_EVERY` hits, or per as many hits as there are
    callers when that is more, so a sweep costs O(1) per hit however many callers there are."""

    SWEEP_EVERY = 1_000

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._hits_since_sweep = 0

    async def hit(self, key: str, limit: int) -> tuple[bool, int, float]:
        now = self._clock()
        self._hits_since_sweep += 1
        if self._hits_since_sweep >= max(self.SWEEP_EVERY, len(self._hits)):
            self._sweep(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - WINDOW_SECONDS:
            hits.popleft()
        allowed = len(hits) < limit
        if allowed:
            hits.append(now)
        reset = (hits[0] if hits else now) + WINDOW_SECONDS
        remaining = limit - len(hits)
        if not hits:
            del self._hits[key]
        return allowed, remaining, reset

    def _sweep(self, now: float) -> None:
        self._hits_since_sweep = 0
        stale = [key for key, hits in self._hits.items() if hits[-1] <= now - WINDOW_SECONDS]
        for key in stale:
            del self._hits[key]


class RequestRateLimiter:
    def __init__(self, window: _Window) -> None:
        self._window = window

    @classmethod
    def for_redis(cls, redis: Redis, embedded: bool) -> RequestRateLimiter:
        return cls(InProcessWindow() if embedded else RedisWindow(redis))

    async def try_hit(self, principal: Principal) -> RateDecision | None:
        """`hit`, failing open: None when the window cannot be reached. Limits protect
        capacity, they are not authorisation, so an outage of Redis must not refuse everyone."""
        try:
            return await self.hit(principal)
        except (RedisError, OSError):
            log.warning(
                "request-rate limiter unavailable for %s; not limited",
                principal.limit_key,
                exc_info=True,
            )
            return None

    async def hit(self, principal: Principal) -> RateDecision:
        limit = principal.requests_per_hour
        allowed, remaining, reset = await self._window.hit(principal.limit_key, limit)
        return RateDecision(allowed, limit, max(0, remaining), math.ceil(reset))
