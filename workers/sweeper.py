"""Re-queue valuation jobs that lost their worker or their queue entry.

A worker killed mid-job leaves its row RUNNING with a heartbeat that stops; a Redis that restarted
or was flushed loses queued entries. PostgreSQL is the system of record, so a cron job (every 10 s)
finds such rows and enqueues them again: a job is picked up again within about 30 s, well before
arq's own retry (the longest job timeout plus 10 s, 310 s by default). Jobs are idempotent, so a
job that was only slow, not dead, still ends with exactly one result.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from arq.jobs import Job, JobStatus

from core.services import Services
from repositories.valuations import stalled_jobs
from workers.valuation_job import RUN_VALUATION, job_id_for

log = logging.getLogger(__name__)
GRACE_SECONDS = 20


async def sweep_stalled_jobs(services: Services, grace_seconds: float = GRACE_SECONDS) -> int:
    cutoff = datetime.now(UTC) - timedelta(seconds=grace_seconds)
    async with services.sessions() as session:
        candidates = await stalled_jobs(session, cutoff)
    requeued = 0
    for job_id in candidates:
        queued = Job(job_id_for(job_id), services.redis)
        if await queued.status() in (JobStatus.queued, JobStatus.deferred):
            continue  # still waiting in the queue: nothing was lost
        # One re-queue per grace period, however many sweepers run.
        if not await services.redis.set(
            f"valuation:{job_id}:swept", 1, nx=True, ex=int(grace_seconds)
        ):
            continue
        stamp = int(datetime.now(UTC).timestamp())
        await services.redis.enqueue_job(
            RUN_VALUATION, str(job_id), _job_id=f"{job_id_for(job_id)}:requeued:{stamp}"
        )
        requeued += 1
    if requeued:
        log.warning("re-queued %d stalled valuation job(s)", requeued)
    return requeued


async def sweep_stalled_jobs_job(ctx: dict[str, Any]) -> int:
    """arq cron entry point."""
    services: Services = ctx["services"]
    return await sweep_stalled_jobs(services)
