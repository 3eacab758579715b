"""When to try an upstream again: full-jitter backoff and the `Retry-After` header.

Full jitter (a uniform draw from zero up to the exponential ceiling) spreads the retries of many
callers that failed together, so they do not return to a recovering upstream in lockstep.
"""

from __future__ import annotations

import random as _random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# RFC 9110 allows only whole seconds; a fraction is accepted because some servers send one.
_DELAY_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


def backoff_delay(
    attempt: int,
    *,
    base: float,
    cap: float,
    random: Callable[[], float] = _random.random,
) -> float:
    """Seconds to wait after failed attempt number `attempt` (1 for the first attempt): a uniform
    draw from [0, min(cap, base * 2 ** (attempt - 1))). `random` returns a float in [0, 1)."""
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    # Clamp the exponent so a long run of attempts cannot overflow the float.
    ceiling = min(cap, base * 2.0 ** min(attempt - 1, 62))
    return ceiling * random()


@dataclass(frozen=True, slots=True)
class RetryAfter:
    """What an upstream asked for in `Retry-After`, against the longest wait we accept."""

    seconds: float  # from now; never negative (a date in the past means "now")
    cap: float

    @property
    def exceeds_cap(self) -> bool:
        return self.seconds > self.cap

    @property
    def delay(self) -> float:
        return min(self.seconds, self.cap)


def parse_retry_after(
    value: str | None, *, cap: float, now: datetime | None = None
) -> RetryAfter | None:
    """`Retry-After` as delay-seconds or an HTTP date; None when absent or unreadable, so that a
    malformed header falls back to the ordinary backoff rather than failing the request."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _DELAY_SECONDS.fullmatch(text):
        return RetryAfter(seconds=float(text), cap=cap)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # HTTP dates are always GMT; "-0000" parses as naive
        when = when.replace(tzinfo=UTC)
    reference = now or datetime.now(UTC)
    return RetryAfter(seconds=max(0.0, (when - reference).total_seconds()), cap=cap)
