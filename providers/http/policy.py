"""How hard the HTTP layer may push each upstream, and how long it waits for one.

One `UpstreamPolicy` per upstream configures its `ResilientUpstream`: timeouts, retries, circuit
breaker and client-side rate. The rate limit is per process: N API processes together may send N
times the rate, so the defaults stay well under what each upstream tolerates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UpstreamPolicy:
    name: str  # "ASX", "ABR", "RBA", "CAPIQ": names errors, metrics and cache keys
    base_url: str
    connect_timeout: float = (
        5.0  # seconds; a healthy upstream accepts a connection in well under 1 s
    )
    read_timeout: float = 15.0  # seconds between bytes received, not for the whole response
    max_attempts: int = 3  # the first attempt included
    backoff_base: float = 0.5  # seconds; full jitter draws from [0, min(cap, base * 2**n))
    backoff_cap: float = 8.0
    # Longest `Retry-After` we sleep through. A longer one means "not in this request's lifetime":
    # the request fails at once with the time the upstream named instead of holding a caller.
    retry_after_cap: float = 30.0
    breaker_failure_threshold: int = 5  # consecutive failed requests that open the circuit
    breaker_reset_seconds: float = 30.0  # how long the circuit stays open before one probe
    rate_per_second: float = 5.0  # client-side, per process
    burst: int = 5  # requests that may go at once after a quiet spell
    max_connections: int = 10

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.breaker_failure_threshold < 1:
            raise ValueError("breaker_failure_threshold must be at least 1")
        if self.rate_per_second <= 0 or self.burst < 1:
            raise ValueError("rate_per_second must be positive and burst at least 1")
        if self.max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        timings = (
            self.connect_timeout,
            self.read_timeout,
            self.backoff_base,
            self.backoff_cap,
            self.retry_after_cap,
            self.breaker_reset_seconds,
        )
        if any(value < 0 for value in timings):
            raise ValueError("timeouts, backoff and reset periods cannot be negative")


def default_policy(name: str, base_url: str) -> UpstreamPolicy:
    """The policy for a known upstream ("ABR", "RBA", "ASX" or "CAPIQ", any case)."""
    key = name.upper()
    if key == "ABR":
        # ABN Lookup publishes no rate limit but is a free government service keyed by a GUID that
        # can be revoked for abuse: 10 requests a second is polite and ample, since registry
        # look-ups happen once per entity and are cached for an hour.
        return UpstreamPolicy(
            name=key,
            base_url=base_url,
            read_timeout=10.0,
            rate_per_second=10.0,
            burst=10,
            max_connections=5,
        )
    if key == "RBA":
        # The RBA serves static CSV files from its website: a handful of tables, each fetched
        # rarely (economic data is cached for two hours). 2 requests a second with two connections
        # never looks like a crawler. Some tables are large, hence the longer read timeout; when
        # the site is down it tends to stay down for a while, hence the longer reset period.
        return UpstreamPolicy(
            name=key,
            base_url=base_url,
            read_timeout=30.0,
            breaker_failure_threshold=3,
            breaker_reset_seconds=60.0,
            rate_per_second=2.0,
            burst=2,
            max_connections=2,
        )
    if key == "ASX":
        # The markitdigital API behind the ASX website is unpublished and unmetered as far as is
        # known; it serves the ASX's own pages, so stay at a browser-like 5 requests a second and
        # rely on batching and the market-data cache (5 minutes) for throughput.
        return UpstreamPolicy(
            name=key,
            base_url=base_url,
            read_timeout=10.0,
            rate_per_second=5.0,
            burst=5,
            max_connections=5,
        )
    if key == "CAPIQ":
        # Capital IQ's limit is a daily quota of 10,000 requests, not a rate: at 10 requests a
        # second it would be spent in under 17 minutes. The per-second rate here only smooths
        # bursts; the daily budget is kept by batching (one clientservice request carries many
        # identifiers and mnemonics), by the cache TTLs, and must be counted across processes by a
        # shared quota, which this in-process limiter cannot do. Batched requests are slow to
        # compute, hence the longer read timeout.
        return UpstreamPolicy(
            name=key,
            base_url=base_url,
            read_timeout=30.0,
            rate_per_second=10.0,
            burst=10,
            max_connections=10,
        )
    if key == "SALESFORCE":
        # A partner org's REST API: its allowance is per org per day (REQUEST_LIMIT_EXCEEDED, not
        # retried here). Outbox deliveries and syncs are few; 5 a second stays far inside it.
        # `base_url` is the login URL; calls to the org's instance are absolute URLs.
        return UpstreamPolicy(name=key, base_url=base_url, read_timeout=20.0, max_connections=5)
    raise ValueError(f"no default policy for upstream {name!r}; build an UpstreamPolicy")
