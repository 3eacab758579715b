"""Progress events of a background job (a valuation, a document's extraction): their shape, their
Redis names, and how one is published.

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
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

SNAPSHOT_SECONDS = 86_400
# Statuses after which a job's events end (every kind of job spells them the same).
TERMINAL = frozenset({"COMPLETED", "FAILED", "CANCELLED"})

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
        return self.status in TERMINAL


@dataclass(frozen=True, slots=True)
class ProgressStream:
    """The Redis names of one kind of job's events: `<prefix>:<id>:events` and its snapshot."""

    prefix: str

    @property
    def pattern(self) -> str:
        return f"{self.prefix}:*:events"

    def channel(self, job_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:{job_id}:events"

    def snapshot_key(self, job_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:{job_id}:snapshot"

    def seq_key(self, job_id: uuid.UUID | str) -> str:
        return f"{self.prefix}:{job_id}:seq"

    def job_of(self, channel: str) -> str | None:
        """The job id in one of this stream's channel names; None for another stream's."""
        head, _, rest = channel.partition(":")
        job_id, _, tail = rest.partition(":")
        return job_id if head == self.prefix and tail == "events" else None

    async def publish(
        self,
        redis: Redis,
        job_id: uuid.UUID,
        seq: int,
        status: str,
        stage: str,
        percent: int,
        message: str,
    ) -> ProgressEvent:
        """Send the event the row write numbered `seq`."""
        event = ProgressEvent(
            job_id=str(job_id),
            seq=seq,
            status=status,
            stage=stage,
            percent=percent,
            message=message,
            published_at=time.time(),
        )
        await self.store_and_send(redis, event)
        return event

    async def store_and_send(self, redis: Redis, event: ProgressEvent) -> None:
        # EVALSHA, like the rate limiter and the cost bucket: the script's text is not sent with
        # every event (redis-py reloads it on NOSCRIPT).
        await redis.register_script(_PUBLISH_SCRIPT)(
            keys=[
                self.seq_key(event.job_id),
                self.snapshot_key(event.job_id),
                self.channel(event.job_id),
            ],
            args=[event.seq, event.model_dump_json(), SNAPSHOT_SECONDS],
        )


def parse(payload: bytes | str) -> ProgressEvent:
    """An event as published; pydantic's ValidationError (a ValueError) for anything else."""
    return ProgressEvent.model_validate_json(payload)
