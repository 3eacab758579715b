"""Progress events of a valuation job: their shape, their Redis names, and how one is published.

Each event is numbered by the job's row, stored as the job's snapshot, then published. A subscriber
subscribes first and reads the snapshot second, so it misses nothing (Redis pub/sub delivers at
most once, and only to those already listening).

Numbers come from the database (the system of record): each row write that changes a job's progress
increments its `event_seq` in the same statement, so numbers keep rising after Redis is flushed.
The snapshot and the publish are one Lua script, and the snapshot only moves forward: two racing
publishers cannot leave an older event as the job's current state.
"""

from __future__ import annotations

import time
import uuid

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

from contracts.valuation_job import TERMINAL_STATUSES, Step

SNAPSHOT_SECONDS = 86_400
# One pattern subscription per API process hears every job's events.
PROGRESS_PATTERN = "valuation:*:events"

# KEYS: seq, snapshot, channel. ARGV: seq, payload, ttl. The snapshot moves only forward.
_PUBLISH_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
end
return redis.call('PUBLISH', KEYS[3], ARGV[2])
"""


class ProgressEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    job_id: str
    seq: int
    status: str
    stage: str
    percent: int
    message: str
    published_at: float = 0.0  # Unix time; 0 for a state read from the database

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


def channel(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:events"


def snapshot_key(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:snapshot"


def _seq_key(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:seq"


async def publish(
    redis: Redis, job_id: uuid.UUID, seq: int, step: Step, message: str
) -> ProgressEvent:
    """Send the event the row write numbered `seq` (every write that changes a job's progress
    increments its `event_seq` in the same statement)."""
    event = ProgressEvent(
        job_id=str(job_id),
        seq=seq,
        status=step.status.value,
        stage=step.stage.value,
        percent=step.percent,
        message=message,
        published_at=time.time(),
    )
    await store_and_send(redis, event)
    return event


async def store_and_send(redis: Redis, event: ProgressEvent) -> None:
    job_id = uuid.UUID(event.job_id)
    # EVALSHA, like the rate limiter and the cost bucket: the script's text is not sent with
    # every event (redis-py reloads it on NOSCRIPT).
    await redis.register_script(_PUBLISH_SCRIPT)(
        keys=[_seq_key(job_id), snapshot_key(job_id), channel(job_id)],
        args=[event.seq, event.model_dump_json(), SNAPSHOT_SECONDS],
    )


def parse(payload: bytes | str) -> ProgressEvent:
    """An event as published; pydantic's ValidationError (a ValueError) for anything else."""
    return ProgressEvent.model_validate_json(payload)
