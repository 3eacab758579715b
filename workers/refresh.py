"""Keep the upstream data that active valuations and recent queries use fresh, on a schedule.

arq cron jobs (registered in workers/worker.py, in both runtime modes; times in UTC):

| job | every | kind | upstreams | keys used within | at most, per upstream and run |
|---|---|---|---|---|---|
| `refresh_market_data` | 5 minutes | market | Capital IQ, ASX | 1 hour | 200 |
| `refresh_peers` | 30 minutes | peers | Capital IQ | 24 hours | 200 |
| `refresh_economic_indicators` | hour | economic | RBA | 24 hours | 100 |
| `refresh_filings` | day (19:30) | filings | ASX | 24 hours | 500 |

1. What is used. `CachedProvider` records every key its batched methods are asked for, cache hit or
   not, in the Redis sorted set `ipoval:recent:<upstream>:<kind>` scored by the Unix time of its
   latest use (see providers/cache/provider.py): requests never wait for it and its errors are
   swallowed. Valuations read their peers' market data, statements, peers and rates through the
   same providers, so what a running valuation needs is recorded as it is read.
2. What is refreshed. For each live upstream serving the job's kind (sample ones have nothing to
   refresh), the job flushes this process's pending usage, trims the set to the window above and
   reads the most recently used keys, up to the cap. Keys nobody asked for within the window are
   left to expire. `CachedProvider.refresh` fetches them whatever the cache holds, in batches of
   50, and stores the answers with a new fetch time.
3. Upstream limits. Refreshes go through the adapters, so through the upstream's
   `ResilientUpstream`: its per-process rate limit, retries and circuit breaker apply as to any
   request. The caps bound the spend: of Capital IQ's daily quota (10,000 requests), 200
   market-data tickers every 5 minutes take 12 requests a run (4 batches of 250 input requests,
   in chunks of 100), about 3,500 a day, and 200 peer lists every 30 minutes about 200 a day,
   leaving most of it to requests. An upstream whose breaker is
   open is skipped with one log line, without a call; a run stops as soon as the breaker opens
   mid-way, and stops starting batches when its time budget (2 minutes) is spent, a minute before
   its arq timeout (3 minutes: shorter than the interval, so runs of one job never overlap, and
   short enough that arq re-runs a run whose worker died within minutes).
4. Jobs are `unique` (one run per scheduled time however many workers), tried once, and return a
   summary: `{"kind": "market", "refreshed": 12, "upstreams": {"CAPIQ": {"keys": 12,
   "refreshed": 12}, "ASX": {"skipped": "breaker open"}}}`; an upstream that started may also
   report `"failed"` (keys of failed batches) and `"stopped"` ("breaker open", "time budget").
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.errors import ProviderError, ProviderUnavailable
from providers.cache.kinds import DataKind
from providers.cache.provider import CachedProvider
from providers.http.client import ResilientUpstream
from runtime.services import Services

log = logging.getLogger(__name__)

BATCH_SIZE = 50


@dataclass(frozen=True, slots=True)
class RefreshPlan:
    kind: DataKind
    upstreams: tuple[str, ...]  # upstreams that may serve the kind, as named in cache keys
    window: timedelta  # keys used within this long are refreshed
    max_keys: int  # per upstream and run, the most recently used first
    budget: timedelta  # no batch starts after this long into a run
    timeout: timedelta  # the arq job timeout: the budget plus room for the batch in progress


# Every plan's timeout is at most the worker's MAX_JOB_TIMEOUT (3 minutes; workers/worker.py), so
# that arq re-runs a run whose worker died within minutes. The budgets leave a minute for the
# batch in progress (retries honour Retry-After up to 30 s).
MARKET = RefreshPlan(
    DataKind.MARKET,
    ("CAPIQ", "ASX"),
    window=timedelta(hours=1),
    max_keys=200,
    budget=timedelta(minutes=2),
    timeout=timedelta(minutes=3),
)
PEERS = RefreshPlan(
    DataKind.PEERS,
    ("CAPIQ",),
    window=timedelta(hours=24),
    max_keys=200,
    budget=timedelta(minutes=2),
    timeout=timedelta(minutes=3),
)
ECONOMIC = RefreshPlan(
    DataKind.ECONOMIC,
    ("RBA",),
    window=timedelta(hours=24),
    max_keys=100,
    budget=timedelta(minutes=2),
    timeout=timedelta(minutes=3),
)
# One request per ticker at ASX's 5 requests a second: 500 keys are about 100 s of calls, inside
# the budget.
FILINGS = RefreshPlan(
    DataKind.FILINGS,
    ("ASX",),
    window=timedelta(hours=24),
    max_keys=500,
    budget=timedelta(minutes=2),
    timeout=timedelta(minutes=3),
)


async def refresh(
    services: Services, plan: RefreshPlan, *, batch_size: int = BATCH_SIZE
) -> dict[str, Any]:
    """One run of `plan` over the live upstreams of `services`; returns its summary."""
    live = services.providers.live
    deadline = time.monotonic() + plan.budget.total_seconds()
    upstreams: dict[str, dict[str, Any]] = {}
    for name in plan.upstreams:
        provider: CachedProvider | None = getattr(live, name.lower(), None)
        if provider is None:
            upstreams[name] = {"skipped": "sample"}
            continue
        if not provider.serves(plan.kind):
            upstreams[name] = {"skipped": "not served"}
            continue
        client = live.clients.get(name)
        if client is not None and client.breaker.is_open:
            log.info("%s refresh: skipping %s, its circuit is open", plan.kind.value, name)
            upstreams[name] = {"skipped": "breaker open"}
            continue
        upstreams[name] = await _refresh_upstream(
            provider, client, plan, batch_size=batch_size, deadline=deadline
        )
    refreshed = sum(result.get("refreshed", 0) for result in upstreams.values())
    if refreshed:
        log.info("%s refresh: %d key(s) refreshed", plan.kind.value, refreshed)
    return {"kind": plan.kind.value, "refreshed": refreshed, "upstreams": upstreams}


async def _refresh_upstream(
    provider: CachedProvider,
    client: ResilientUpstream | None,
    plan: RefreshPlan,
    *,
    batch_size: int,
    deadline: float,
) -> dict[str, Any]:
    name = provider.namespace
    await provider.usage.flush()
    keys = await provider.usage.recent(plan.kind, plan.window, plan.max_keys)
    result: dict[str, Any] = {"keys": len(keys), "refreshed": 0}
    failed = 0
    for start in range(0, len(keys), max(1, batch_size)):
        if client is not None and client.breaker.is_open:
            result["stopped"] = "breaker open"
            break
        if time.monotonic() >= deadline:
            result["stopped"] = "time budget"
            break
        batch = keys[start : start + batch_size]
        try:
            result["refreshed"] += await provider.refresh(plan.kind, batch)
        except (ProviderUnavailable, ProviderError) as error:
            failed += len(batch)
            log.warning(
                "%s refresh: a batch of %d %s key(s) failed: %s",
                plan.kind.value,
                len(batch),
                name,
                error.message,
            )
    if failed:
        result["failed"] = failed
    if "stopped" in result:
        log.warning(
            "%s refresh: stopped on %s (%s) after %d of %d key(s)",
            plan.kind.value,
            name,
            result["stopped"],
            result["refreshed"] + failed,
            len(keys),
        )
    return result


async def refresh_market_data(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron entry point: every 5 minutes."""
    return await refresh(ctx["services"], MARKET)


async def refresh_peers(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron entry point: every 30 minutes."""
    return await refresh(ctx["services"], PEERS)


async def refresh_economic_indicators(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron entry point: hourly."""
    return await refresh(ctx["services"], ECONOMIC)


async def refresh_filings(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron entry point: daily."""
    return await refresh(ctx["services"], FILINGS)
