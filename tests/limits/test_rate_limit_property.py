"""Property: whatever the arrival pattern, no one-hour window admits more than the limit."""

from __future__ import annotations

import asyncio
import bisect
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.principal import anonymous
from accounts.tiers import ANONYMOUS_REQUESTS_PER_HOUR
from limits.rate_window import InProcessWindow, RequestRateLimiter

HOUR = 3600.0


@settings(max_examples=60, deadline=None)
@given(gaps=st.lists(st.floats(min_value=0, max_value=HOUR / 120), min_size=80, max_size=250))
def test_no_window_admits_more_than_the_limit(gaps: list[float]) -> None:
    clock = SimpleNamespace(now=1_000_000.0)
    limiter = RequestRateLimiter(InProcessWindow(clock=lambda: clock.now))
    caller = anonymous("192.0.2.1")

    async def replay() -> list[float]:
        admitted = []
        for gap in gaps:
            clock.now += gap
            if (await limiter.hit(caller)).allowed:
                admitted.append(clock.now)
        return admitted

    admitted = asyncio.run(replay())
    for i, start in enumerate(admitted):
        in_window = bisect.bisect_left(admitted, start + HOUR) - i
        assert in_window <= ANONYMOUS_REQUESTS_PER_HOUR
