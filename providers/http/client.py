"""`ResilientUpstream`: the one way a live adapter reaches its upstream.

Every request goes: circuit breaker -> rate limiter -> send -> classify.

- 2xx-4xx except 429: returned to the adapter, which interprets a 4xx (the ASX answers an unknown
  code with 400). A 4xx proves the upstream is up, so it counts as a success for the breaker.
- timeouts, connection and protocol errors, 5xx and 429: retried with full-jitter exponential
  backoff, up to `max_attempts`. On 429 and 503 a readable `Retry-After` replaces the backoff; one
  beyond `retry_after_cap` ends the request at once with the time the upstream named.
- when the attempts are used up: `ProviderUnavailable` naming the upstream and the last reason.

The breaker counts one failure per request that finally failed, not one per attempt: its threshold
then reads "N requests in a row that retrying could not save", and one slow request cannot open the
circuit on its own. The half-open probe gets a single attempt, since every other caller is refused
until it settles. A request still retrying when the circuit opens (other requests proved the
upstream down) stops retrying.
"""

from __future__ import annotations

import asyncio
import random as _random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from core.errors import ProviderUnavailable
from providers.http.breaker import Admission, BreakerState, CircuitBreaker, CircuitOpen
from providers.http.policy import UpstreamPolicy
from providers.http.retry import RetryAfter, backoff_delay, parse_retry_after
from providers.http.throttle import TokenBucket
from providers.http.upstream import RequestVerbs

# Errors that say nothing about the request itself, so sending it again may work. Others
# (an unsupported URL scheme, a malformed request) are our bugs and propagate unchanged.
_RETRYABLE_ERRORS: tuple[type[httpx.HTTPError], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)
_HONOURS_RETRY_AFTER = frozenset({429, 503})


@dataclass(slots=True)
class UpstreamStats:
    """Counters for one upstream since start; benchmarks and metrics read them."""

    requests: int = 0  # requests admitted by the breaker (each sent at least once)
    attempts: int = 0  # sends, retries included
    retries: int = 0
    failures: int = 0  # requests that ended in ProviderUnavailable after being sent
    breaker_rejections: int = 0  # requests refused by the open circuit without a send

    def snapshot(self) -> dict[str, int]:
        return asdict(self)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _OpenedWhileQueued(Exception):
    """Internal: the circuit opened while the request waited for the rate limit."""


class _GiveUp(Exception):
    """Internal: the request failed for good, for the reason given."""

    def __init__(self, reason: str, retry_at: datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_at = retry_at


class ResilientUpstream(RequestVerbs):
    """Implements `providers.http.upstream.Upstream` with one pooled client per upstream."""

    def __init__(
        self,
        policy: UpstreamPolicy,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        breaker: CircuitBreaker | None = None,
        throttle: TokenBucket | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        random: Callable[[], float] = _random.random,
        utc_now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.name = policy.name
        self.policy = policy
        self.stats = UpstreamStats()
        self.breaker = breaker or CircuitBreaker(
            policy.name,
            failure_threshold=policy.breaker_failure_threshold,
            reset_seconds=policy.breaker_reset_seconds,
        )
        self.throttle = throttle or TokenBucket(policy.rate_per_second, policy.burst)
        self._sleep = sleep
        self._random = random
        self._utc_now = utc_now
        self._client = httpx.AsyncClient(
            base_url=policy.base_url,
            headers=headers,
            # Sending a request body gets as long as reading a response. Waiting for a pooled
            # connection is bounded like connecting, so a saturated pool surfaces as a retryable
            # timeout instead of an unbounded queue.
            timeout=httpx.Timeout(
                connect=policy.connect_timeout,
                read=policy.read_timeout,
                write=policy.read_timeout,
                pool=policy.connect_timeout,
            ),
            limits=httpx.Limits(
                max_connections=policy.max_connections,
                max_keepalive_connections=policy.max_connections,
            ),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            admission = self.breaker.admit()
        except CircuitOpen:
            self.stats.breaker_rejections += 1
            raise
        self.stats.requests += 1
        settled = False
        try:
            response = await self._attempts(admission, method, path, options)
        except _OpenedWhileQueued:
            self.stats.breaker_rejections += 1
            raise self.breaker.refusal() from None
        except _GiveUp as failure:
            settled = True
            self.breaker.record_failure(admission)
            self.stats.failures += 1
            details: dict[str, Any] = {"upstream": self.name}
            if failure.retry_at is not None:
                details["retryAt"] = failure.retry_at.isoformat(timespec="seconds")
            raise ProviderUnavailable(
                f"{self.name} is unavailable: {failure.reason}", **details
            ) from failure.__cause__
        else:
            settled = True
            self.breaker.record_success(admission)
            return response
        finally:
            if not settled:  # cancelled, or one of our own bugs: no verdict on the upstream
                self.breaker.abandon(admission)

    async def _attempts(
        self, admission: Admission, method: str, path: str, options: Mapping[str, Any]
    ) -> httpx.Response:
        max_attempts = 1 if admission.probe else self.policy.max_attempts
        attempt = 0
        while True:
            attempt += 1
            await self.throttle.acquire()
            if attempt == 1 and not admission.probe and self.breaker.state is BreakerState.OPEN:
                # Admitted while closed, then queued behind the rate limit while other requests
                # proved the upstream down: refuse now instead of sending into the outage.
                raise _OpenedWhileQueued
            self.stats.attempts += 1
            retry_after: RetryAfter | None = None
            try:
                response = await self._client.request(method, path, **options)
            except _RETRYABLE_ERRORS as error:
                reason = _describe_error(error)
                if attempt >= max_attempts:
                    raise _GiveUp(_after(reason, attempt)) from error
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                reason = f"HTTP {response.status_code}"
                if response.status_code in _HONOURS_RETRY_AFTER:
                    retry_after = parse_retry_after(
                        response.headers.get("Retry-After"),
                        cap=self.policy.retry_after_cap,
                        now=self._utc_now(),
                    )
                if retry_after is not None and retry_after.exceeds_cap:
                    retry_at = self._utc_now() + timedelta(seconds=retry_after.seconds)
                    raise _GiveUp(
                        f"{reason}, asked to retry after {retry_at.isoformat(timespec='seconds')}",
                        retry_at,
                    )
                if attempt >= max_attempts:
                    raise _GiveUp(_after(reason, attempt))
            if self.breaker.is_open:
                raise _GiveUp(f"{reason}; the circuit opened while retrying")
            if retry_after is not None:
                delay = retry_after.delay
            else:
                delay = backoff_delay(
                    attempt,
                    base=self.policy.backoff_base,
                    cap=self.policy.backoff_cap,
                    random=self._random,
                )
            self.stats.retries += 1
            await self._sleep(delay)


def _after(reason: str, attempts: int) -> str:
    return f"{reason} after {attempts} attempt{'s' if attempts != 1 else ''}"


def _describe_error(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return "connection timed out"
    if isinstance(error, httpx.PoolTimeout):
        return "no free connection in time"
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.ConnectError):
        return "connection failed"
    return f"connection error ({type(error).__name__})"
