"""Re-queue valuation jobs and document extractions that lost their worker or their queue entry.

A worker killed mid-job leaves its row RUNNING with a heartbeat that stops; a Redis that restarted
or was flushed loses queued entries. PostgreSQL is the system of record, so a cron job (every 10 s)
finds such rows and enqueues them again: a job is picked up again within about 30 s, before
arq's own retry (the longest job timeout plus 10 s: 190 s, see workers/worker.py). Jobs are
idempotent, so a job that was only slow, not dead, still ends with exactly one result.

After Redis comes back from an outage, empty or not, this is what finds the queued jobs whose
entries it lost.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from arq.jobs import Job, JobStatus

from contracts import document_job
from contracts.valuation_job import RUN_VALUATION
from repositories.documents import stalled_documents
from repositories.valuations import stalled_jobs
from runtime.services import Services
from workers.valuation_job import HEARTBEAT_GRACE_SECONDS

log = logging.getLogger(__name__)
GRACE_SECONDS = HEARTBEAT_GRACE_SECONDS
# A sweep reads a few rows and keys; longer means Redis or the database is not answering, and
# the next sweep (10 s later) starts afresh.
SWEEP_TIMEOUT = timedelta(seconds=30)


async def sweep_stalled_jobs(services: Services, grace_seconds: float = GRACE_SECONDS) -> int:
    """Valuation jobs and document extractions that lost their worker or their queue entry."""
    cutoff = datetime.now(UTC) - timedelta(seconds=grace_seconds)
    async with services.sessions() as session:
        valuations = await stalled_jobs(session, cutoff)
        documents = await stalled_documents(session, cutoff)
    requeued = await _requeue(services, valuations, "valuation", RUN_VALUATION, grace_seconds)
    requeued += await _requeue(
        services, documents, "document", document_job.RUN_DOCUMENT, grace_seconds
    )
    if requeued:
        log.warning("re-queued %d stalled job(s)", requeued)
    return requeued


async def _requeue(
    services: Services,
    candidates: list[uuid.UUID],
    prefix: str,
    function: str,
    grace_seconds: float,
) -> int:
    requeued = 0
    for job_id in candidates:
        latest = await services.redis.get(f"{prefix}:{job_id}:requeued-as")
        arq_ids = [f"{prefix}:{job_id}", *([latest.decode()] if latest else [])]
        # In progress does not count: a killed worker's job stays "in progress" in arq until its
        # timeout, and the stale heartbeat that made it a candidate already says it died.
        waiting = (JobStatus.queued, JobStatus.deferred)
        statuses = [await Job(arq_id, services.redis).status() for arq_id in arq_ids]
        if any(status in waiting for status in statuses):
            continue  # still queued, or deferred for a retry: nothing was lost
        # One re-queue per grace period, however many sweepers run.
        if not await services.redis.set(
            f"{prefix}:{job_id}:swept", 1, nx=True, ex=int(grace_seconds)
        ):
            continue
        stamp = int(datetime.now(UTC).timestamp())
        await enqueue_again(services, prefix, function, job_id, f"requeued:{stamp}")
        requeued += 1
    return requeued


async def enqueue_again(
    services: Services, prefix: str, function: str, job_id: uuid.UUID, suffix: str
) -> None:
    """Enqueue another delivery of a job under a new arq ID, `<prefix>:<id>:<suffix>`, and
    remember it as the job's latest, so that sweeps see the job waiting and leave it alone."""
    arq_id = f"{prefix}:{job_id}:{suffix}"
    await services.redis.enqueue_job(function, str(job_id), _job_id=arq_id)
    await services.redis.set(f"{prefix}:{job_id}:requeued-as", arq_id, ex=86_400)


async def sweep_stalled_jobs_job(ctx: dict[str, Any]) -> int:
    """arq cron entry point."""
    services: Services = ctx["services"]
    return await sweep_stalled_jobs(services)
