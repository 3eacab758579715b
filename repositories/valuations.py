"""SQL for valuation jobs. Reads by the API go through repositories/owned.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.valuation import JobStatus, ValuationJob

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]


async def job_by_idempotency_key(
    session: AsyncSession, organisation_id: uuid.UUID, key: str
) -> ValuationJob | None:
    return await session.scalar(
        select(ValuationJob).where(
            TABLE.c.organisation_id == organisation_id, TABLE.c.idempotency_key == key
        )
    )


async def add_job(session: AsyncSession, **fields: Any) -> ValuationJob:
    job = ValuationJob(
        status=JobStatus.QUEUED.value,
        stage="queued",
        created_at=datetime.now(UTC),
        **fields,
    )
    session.add(job)
    await session.flush()
    return job


async def start_job(session: AsyncSession, job_id: uuid.UUID) -> ValuationJob | None:
    """Mark a queued (or interrupted running) job running; None when it is already finished."""
    row = (
        await session.execute(
            update(TABLE)
            .where(
                TABLE.c.id == job_id,
                TABLE.c.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]),
            )
            .values(
                status=JobStatus.RUNNING.value,
                stage="gathering data",
                progress=5,
                attempts=TABLE.c.attempts + 1,
                started_at=datetime.now(UTC),
            )
            .returning(TABLE.c.id)
        )
    ).first()
    return await session.get(ValuationJob, job_id) if row else None


async def set_stage(session: AsyncSession, job_id: uuid.UUID, stage: str, progress: int) -> None:
    await session.execute(
        update(TABLE).where(TABLE.c.id == job_id).values(stage=stage, progress=progress)
    )


async def finish_job(
    session: AsyncSession,
    job_id: uuid.UUID,
    status: JobStatus,
    *,
    result: dict[str, Any] | None = None,
    error_code: str | None = None,
    error_message: str | None = None,
) -> None:
    await session.execute(
        update(TABLE)
        .where(TABLE.c.id == job_id)
        .values(
            status=status.value,
            stage="done" if status is JobStatus.COMPLETED else status.value.lower(),
            progress=100,
            result=result,
            error_code=error_code,
            error_message=error_message,
            completed_at=datetime.now(UTC),
        )
    )
