"""arq worker construction, shared by `ipoval worker` and the embedded in-process worker.

A separate worker process opens its own `Services` on start; the embedded worker borrows the API
process's services (and its in-process Redis stand-in) instead.

A worker process rides out a Redis outage of any length: both its Redis clients (arq's and the
jobs') wait for Redis with capped backoff (`core.redis.RetryThroughOutages`), so arq's loop, the
crons and running jobs pause and resume; `OutageTolerantWorker` covers the few places where arq
would otherwise stop or lose a job slot.

Timeouts. arq marks a started job "in progress" for the longest function timeout of the worker
plus 10 s; a job whose worker died is run again by arq only when that mark expires. Every
function therefore has a timeout of at most `MAX_JOB_TIMEOUT` (3 minutes), so arq retries a lost
job within 3 min 10 s; the sweeper (workers/sweeper.py) re-queues a lost valuation sooner.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, timedelta
from typing import Any

from arq import cron
from arq.typing import WorkerCoroutine
from arq.worker import Function, Worker, func
from redis.exceptions import RedisError

from contracts.document_job import RUN_DOCUMENT
from contracts.report_job import RUN_REPORT
from contracts.valuation_job import RUN_VALUATION
from core.redis import RetryThroughOutages, redis_label, redis_settings
from core.settings import Settings
from runtime.services import Services, open_services
from workers.directory_sync import SYNC_TIMEOUT, sync_company_directory_job
from workers.document_job import MAX_TRIES as DOCUMENT_TRIES
from workers.document_job import run_document_job
from workers.refresh import (
    ECONOMIC,
    FILINGS,
    MARKET,
    PEERS,
    refresh_economic_indicators,
    refresh_filings,
    refresh_market_data,
    refresh_peers,
)
from workers.report_job import run_report_job
from workers.sweeper import SWEEP_TIMEOUT, sweep_stalled_jobs_job
from workers.valuation_job import MAX_TRIES, run_valuation_job

log = logging.getLogger(__name__)
SYNC_DIRECTORY = "sync_company_directory"
# The longest any job may run. arq's redelivery of a dead worker's job waits for this plus 10 s,
# so it bounds that wait; each job's own timeout is at most this (a test checks).
MAX_JOB_TIMEOUT = timedelta(minutes=3)
# A valuation takes about a second, slow upstreams included well under this.
VALUATION_TIMEOUT = timedelta(minutes=1)
# Extracting a document: a text PDF or a workbook takes seconds; OCR about a second a page.
DOCUMENT_TIMEOUT = MAX_JOB_TIMEOUT
# A report renders in a few seconds; a lost one is enqueued again when it is next asked for.
REPORT_TIMEOUT = timedelta(minutes=1)
# How often an idle worker looks for queued jobs. arq's default, 0.5 s, made a job wait 0.25 s on
# average before it started (a report's time to first byte was 0.3 s longer with a worker process
# than in embedded mode); a look is one ZRANGEBYSCORE, so ten a second per process cost nothing.
POLL_SECONDS = 0.1
# Seconds a stopping worker gives arq to finish its own Redis writes; past it (Redis is down) the
# worker stops anyway: its health key expires by itself, and the sweeper re-queues its jobs.
_CLOSE_SECONDS = 10.0

FUNCTIONS: list[Function | WorkerCoroutine] = [
    func(sync_company_directory_job, name=SYNC_DIRECTORY, timeout=SYNC_TIMEOUT),
    func(run_valuation_job, name=RUN_VALUATION, max_tries=MAX_TRIES, timeout=VALUATION_TIMEOUT),
    func(run_document_job, name=RUN_DOCUMENT, max_tries=DOCUMENT_TRIES, timeout=DOCUMENT_TIMEOUT),
    func(run_report_job, name=RUN_REPORT, max_tries=1, timeout=REPORT_TIMEOUT),
]


def _cron_jobs() -> list[Any]:
    return [
        cron(
            sync_company_directory_job,
            name=f"cron:{SYNC_DIRECTORY}",
            # 17:00 UTC: 03:00 or 04:00 in Sydney, after the ASX publishes the day's listing changes
            hour={17},
            minute={0},
            unique=True,
            timeout=SYNC_TIMEOUT,
        ),
        cron(
            sweep_stalled_jobs_job,
            name="cron:sweep_stalled_jobs",
            second={0, 10, 20, 30, 40, 50},
            unique=True,
            timeout=SWEEP_TIMEOUT,
        ),
        # Upstream refreshes (workers/refresh.py), each at its own offset in the minute or hour so
        # that they do not start together.
        cron(
            refresh_market_data,
            name="cron:refresh_market_data",
            minute=set(range(0, 60, 5)),
            second={15},
            unique=True,
            timeout=MARKET.timeout,
        ),
        cron(
            refresh_peers,
            name="cron:refresh_peers",
            minute={2, 32},
            second={45},
            unique=True,
            timeout=PEERS.timeout,
        ),
        cron(
            refresh_economic_indicators,
            name="cron:refresh_economic_indicators",
            minute={7},
            second={45},
            unique=True,
            timeout=ECONOMIC.timeout,
        ),
        cron(
            refresh_filings,
            name="cron:refresh_filings",
            # 19:30 UTC: 05:30 or 06:30 in Sydney, the previous day's announcements all in and the
            # market not yet open
            hour={19},
            minute={30},
            second={45},
            unique=True,
            timeout=FILINGS.timeout,
        ),
    ]


class OutageTolerantWorker(Worker):
    """arq's `Worker`, kept alive through Redis outages.

    The clients wait for Redis, but a few failures still reach arq: a connection lost while a
    key is watched is a `WatchError` that retrying cannot fix. arq would let one escape its main
    loop (the process exits), and when it escapes `start_jobs` the job's slot stays taken for
    good. Here each is logged, the slot is given back, and the loop goes on; the job is still in
    the queue (or re-queued by the sweeper if Redis lost it)."""

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except RedisError as error:
            log.warning(
                "worker: a poll failed on Redis (%s: %s); polling on", type(error).__name__, error
            )

    async def start_jobs(self, job_ids: list[bytes]) -> None:
        for job_id in job_ids:
            if self.job_counter >= self.max_jobs:
                return
            try:
                await super().start_jobs([job_id])
            except RedisError as error:
                # arq took the slot before its Redis calls failed, and gives it back only when a
                # started job ends.
                self._release_sem_dec_counter_on_complete()
                log.warning(
                    "worker: could not start job %s (%s); it stays queued", job_id.decode(), error
                )

    async def close(self) -> None:
        try:
            await asyncio.wait_for(super().close(), _CLOSE_SECONDS)
        except TimeoutError:
            log.warning("worker: stopped without reaching Redis")
            if self.on_shutdown is not None:
                await self.on_shutdown(self.ctx)
            if self._pool is not None:
                await self._pool.aclose(close_connection_pool=True)
                self._pool = None


def create_worker(settings: Settings, services: Services | None = None, **options: Any) -> Worker:
    """A worker on `services.redis` when given (embedded, tests), else on `settings.redis_url`,
    with Redis clients that wait out outages."""
    url = settings.redis_url or "redis://127.0.0.1:6379"
    # One retry for both clients of the process: one pair of log lines per outage.
    redis_retry = RetryThroughOutages(redis_label(url)) if services is None else None

    async def on_startup(ctx: dict[str, Any]) -> None:
        if services is not None:
            ctx["services"] = services
            return
        ctx["services_scope"] = scope = open_services(settings, redis_retry=redis_retry)
        ctx["services"] = await scope.__aenter__()

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        scope = ctx.pop("services_scope", None)  # once, even when `close` runs it again
        if scope is not None:
            await scope.__aexit__(None, None, None)

    return OutageTolerantWorker(
        functions=FUNCTIONS,
        cron_jobs=_cron_jobs(),
        redis_pool=services.redis if services is not None else None,
        redis_settings=redis_settings(url, redis_retry),
        on_startup=on_startup,
        on_shutdown=on_shutdown,
        health_check_interval=30,
        job_timeout=MAX_JOB_TIMEOUT,  # for a function registered without its own
        timezone=UTC,  # cron times mean the same on every host, whatever its local zone
        **({"poll_delay": POLL_SECONDS} | options),
    )
