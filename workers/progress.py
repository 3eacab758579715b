"""Progress of a valuation job: each event is numbered, stored as the job's snapshot, then
published. A subscriber subscribes first and reads the snapshot second, so it misses nothing
(Redis pub/sub delivers at most once, and only to those already listening)."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from redis.asyncio import Redis

SNAPSHOT_SECONDS = 86_400
TERMINAL = frozenset({"COMPLETED", "FAILED", "CANCELLED"})


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    job_id: str
    seq: int
    status: str
    stage: str
    percent: int
    message: str

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL


def channel(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:events"


def snapshot_key(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:snapshot"


def _seq_key(job_id: uuid.UUID) -> str:
    return f"valuation:{job_id}:seq"


async def publish(
    redis: Redis, job_id: uuid.UUID, status: str, stage: str, percent: int, message: str
) -> ProgressEvent:
    seq = int(await redis.incr(_seq_key(job_id)))
    await redis.expire(_seq_key(job_id), SNAPSHOT_SECONDS)
    event = ProgressEvent(str(job_id), seq, status, stage, percent, message)
    payload = json.dumps(asdict(event))
    await redis.set(snapshot_key(job_id), payload, ex=SNAPSHOT_SECONDS)
    await redis.publish(channel(job_id), payload)
    return event


def parse(payload: bytes | str) -> ProgressEvent:
    data: dict[str, Any] = json.loads(payload)
    return ProgressEvent(**data)
