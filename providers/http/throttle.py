"""Client-side rate limiting: a token bucket per upstream, per process.

The bucket holds up to `burst` tokens and refills at `rate` tokens a second; each request takes
one. A caller that finds the bucket empty reserves the next token (the balance goes negative) and
sleeps until it is due, so waiters are served in arrival order and nobody polls. A cancelled
waiter hands its reservation back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class TokenBucket:
    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(burst)  # negative while callers are waiting for reserved tokens
        self._updated = clock()

    async def acquire(self) -> float:
        """Wait for a token; returns the seconds waited (0 when one was available)."""
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        self._tokens -= 1.0
        if self._tokens >= 0:
            return 0.0
        wait = -self._tokens / self.rate
        try:
            await self._sleep(wait)
        except asyncio.CancelledError:
            self._tokens += 1.0
            raise
        return wait
