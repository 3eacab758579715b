"""Request-rate limits per caller: a moving one-hour window, shared by every API replica.

Authenticated callers count against their tier's requests per hour (per user or per API key);
anonymous callers against a small allowance per IP address. The window lives in Redis (in memory
for the embedded single-process mode), through the `limits` library's exact moving window.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from limits import RateLimitItemPerHour
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from core.principal import Principal
from core.settings import Settings


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: int  # Unix time when the oldest counted request leaves the window

    @property
    def retry_after(self) -> int:
        return max(1, self.reset_at - int(time.time()))

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset_at).encode()),
        ]


class RequestRateLimiter:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)

    @classmethod
    def for_settings(cls, settings: Settings) -> RequestRateLimiter:
        if settings.redis_url:
            url = settings.redis_url.replace("redis://", "async+redis://", 1).replace(
                "rediss://", "async+rediss://", 1
            )
            return cls(RedisStorage(url, implementation="redispy", key_prefix="ipoval-rate"))
        return cls(MemoryStorage())

    async def hit(self, principal: Principal) -> RateDecision:
        item = RateLimitItemPerHour(principal.requests_per_hour)
        allowed = await self._limiter.hit(item, principal.limit_key)
        stats = await self._limiter.get_window_stats(item, principal.limit_key)
        return RateDecision(allowed, item.amount, stats.remaining, int(stats.reset_time))
