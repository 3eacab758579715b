"""A circuit breaker per upstream, so that a dead upstream costs callers nothing but an error.

    closed ──N consecutive failed requests──▶ open ──reset period elapsed──▶ half-open
      ▲                                        ▲                                │
      └───────────── the probe succeeds ───────┼──────── the probe fails ───────┘
                                               (a fresh reset period starts)

In half-open exactly one request, the probe, goes through; every other caller is refused at once
with `CircuitOpen` (a `ProviderUnavailable`) rather than queued behind it, because a queue would
hold GraphQL requests for the probe's full timeout and then release them all on an upstream that
may still be down.

This is a small breaker of our own rather than aiobreaker 1.2.0 (the asyncio port of pybreaker,
last released in 2021), whose measured behaviour (tests/providers/http/test_aiobreaker_findings.py)
disqualifies it:
- in half-open it lets every concurrent call through (20 of 20), not one probe;
- it times the open period with naive wall-clock datetimes and reports the reopen time by mixing
  `utcnow()` with local `now()`: east of UTC it reports no reopen time at all, west of UTC it
  reports one off by the UTC offset (seven or eight hours in Los Angeles).
Wrapping it would mean re-implementing the half-open gate and the timing around it, which is most
of a breaker, while still inheriting its synchronous listeners and wall-clock dependence.

Timing uses a monotonic clock (injectable), immune to wall-clock steps; only the reported
`opens_until` / `retry_at` are timezone-aware UTC datetimes, derived from the remaining monotonic
time. All state changes are synchronous, so they are atomic under asyncio without a lock.

Outcomes are tied to the state they were admitted under (a generation number): a request admitted
while closed that fails after the circuit already opened does not restart the reset period, and
only the probe's outcome decides a half-open circuit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from core.errors import ProviderUnavailable

log = logging.getLogger("ipoval.upstream")


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpen(ProviderUnavailable):
    """Refused without contacting the upstream. `retry_at` (UTC) is when the next probe may go,
    or None when a probe is in flight and its outcome will decide."""

    def __init__(self, upstream: str, message: str, retry_at: datetime | None) -> None:
        details: dict[str, Any] = {"upstream": upstream}
        if retry_at is not None:
            details["retryAt"] = retry_at.isoformat(timespec="seconds")
        super().__init__(message, **details)
        self.upstream = upstream
        self.retry_at = retry_at


@dataclass(frozen=True, slots=True)
class Admission:
    """A pass for one request; hand it back with its outcome."""

    generation: int
    probe: bool


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int,
        reset_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        utc_now: Callable[[], datetime] = _utc_now,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._utc_now = utc_now
        self._state = BreakerState.CLOSED
        self._consecutive_failures = 0
        self._opened_at = 0.0  # monotonic; meaningful while open
        self._generation = 0
        self._probe_in_flight = False

    @property
    def state(self) -> BreakerState:
        """Open turns half-open as soon as the reset period has elapsed, before any call."""
        if self._state is BreakerState.OPEN and self._remaining_open() <= 0:
            return BreakerState.HALF_OPEN
        return self._state

    @property
    def is_open(self) -> bool:
        """Whether a call made now would be refused: open and still waiting, or half-open with its
        probe in flight. Scheduled refresh jobs skip the upstream while this is true."""
        state = self.state
        return state is BreakerState.OPEN or (
            state is BreakerState.HALF_OPEN and self._probe_in_flight
        )

    @property
    def consecutive_failures(self) -> int:
        return self._consecutive_failures

    @property
    def opens_until(self) -> datetime | None:
        """When (UTC) the open period ends and a probe may go; None unless open and waiting."""
        if self.state is not BreakerState.OPEN:
            return None
        return self._utc_now() + timedelta(seconds=self._remaining_open())

    def refusal(self) -> CircuitOpen:
        """The error for a request refused while the circuit is open (and waiting)."""
        retry_at = self._utc_now() + timedelta(seconds=max(0.0, self._remaining_open()))
        return CircuitOpen(
            self.name,
            f"{self.name} is unavailable: too many failed requests; the next attempt "
            f"will be made after {retry_at.isoformat(timespec='seconds')}",
            retry_at,
        )

    def admit(self) -> Admission:
        """Let one request through or raise `CircuitOpen`."""
        if self._state is BreakerState.OPEN:
            remaining = self._remaining_open()
            if remaining > 0:
                raise self.refusal()
            self._enter(BreakerState.HALF_OPEN)
        if self._state is BreakerState.HALF_OPEN:
            if self._probe_in_flight:
                raise CircuitOpen(
                    self.name,
                    f"{self.name} is unavailable: checking whether it has recovered",
                    None,
                )
            self._probe_in_flight = True
            return Admission(self._generation, probe=True)
        return Admission(self._generation, probe=False)

    def record_success(self, admission: Admission) -> None:
        if admission.generation != self._generation:
            return  # admitted under an earlier state; the current one has its own evidence
        if admission.probe:
            self._probe_in_flight = False
            self._enter(BreakerState.CLOSED)
            log.info("%s: probe succeeded, circuit closed", self.name)
        else:
            self._consecutive_failures = 0

    def record_failure(self, admission: Admission) -> None:
        if admission.generation != self._generation:
            return
        if admission.probe:
            self._probe_in_flight = False
            self._open("probe failed")
            return
        self._consecutive_failures += 1
        if self._consecutive_failures >= self.failure_threshold:
            self._open(f"{self._consecutive_failures} consecutive failed requests")

    def abandon(self, admission: Admission) -> None:
        """The request ended without a verdict (cancelled, or a local error): free the probe slot
        so that the next caller probes instead of the circuit staying half-open for ever."""
        if admission.probe and admission.generation == self._generation:
            self._probe_in_flight = False

    def _remaining_open(self) -> float:
        return self.reset_seconds - (self._clock() - self._opened_at)

    def _open(self, reason: str) -> None:
        self._enter(BreakerState.OPEN)
        self._opened_at = self._clock()
        log.warning("%s: circuit opened (%s) for %.0f s", self.name, reason, self.reset_seconds)

    def _enter(self, state: BreakerState) -> None:
        self._state = state
        self._generation += 1
        self._consecutive_failures = 0
        self._probe_in_flight = False
