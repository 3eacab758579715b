"""Progress events of a valuation job: their Redis names and how one is published (the shape and
the guarantees are contracts/progress.py's, shared with document extraction)."""

from __future__ import annotations

import uuid

from redis.asyncio import Redis

from contracts.progress import ProgressEvent, ProgressStream, parse
from contracts.valuation_job import Step

__all__ = [
    "PROGRESS_PATTERN",
    "STREAM",
    "ProgressEvent",
    "channel",
    "parse",
    "publish",
    "snapshot_key",
    "store_and_send",
]

STREAM = ProgressStream("valuation")
# One pattern subscription per API process hears every job's events.
PROGRESS_PATTERN = STREAM.pattern


def channel(job_id: uuid.UUID) -> str:
    return STREAM.channel(job_id)


def snapshot_key(job_id: uuid.UUID) -> str:
    return STREAM.snapshot_key(job_id)


async def publish(
    redis: Redis, job_id: uuid.UUID, seq: int, step: Step, message: str
) -> ProgressEvent:
    """Send the event the row write numbered `seq` (every write that changes a job's progress
    increments its `event_seq` in the same statement)."""
    return await STREAM.publish(
        redis, job_id, seq, step.status.value, step.stage.value, step.percent, message
    )


async def store_and_send(redis: Redis, event: ProgressEvent) -> None:
    await STREAM.store_and_send(redis, event)
