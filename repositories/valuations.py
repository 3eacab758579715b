"""SQL for valuation jobs. Reads by the API go through repositories/owned.py.

Every status, stage and percentage written here is a step of contracts/valuation_job.py."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import valuation_job as steps
from contracts.valuation_input import ValuationJobInput
from contracts.valuation_job import JobErrorCode, JobStatus, Step
from models.valuation import ValuationJob

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]


async def job_by_idempotency_key(
    session: AsyncSession, organisation_id: uuid.UUID, key: str
) -> ValuationJob | None:
    return await session.scalar(
        select(ValuationJob).where(
            TABLE.c.organisation_id == organisation_id, TABLE.c.idempotency_key == key
        )
    )


async def page_jobs(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    first: int,
    after: ValuationJob | None,
    status: str | None,
) -> list[ValuationJob]:
    """An organisation's jobs, newest first, keyset-paged after the job `after`."""
    statement = select(ValuationJob).where(TABLE.c.organisation_id == organisation_id)
    if status is not None:
        statement = statement.where(TABLE.c.status == status)
    if after is not None:
        statement = statement.where(
            tuple_(TABLE.c.created_at, TABLE.c.id) < tuple_(after.created_at, after.id)
        )
    statement = statement.order_by(TABLE.c.created_at.desc(), TABLE.c.id.desc()).limit(first)
    return list((await session.scalars(statement)).all())


async def add_job(session: AsyncSession, inputs: ValuationJobInput, **fields: Any) -> ValuationJob:
    job = ValuationJob(
        status=steps.QUEUED.status.value,
        stage=steps.QUEUED.stage.value,
        progress=steps.QUEUED.percent,
        progress_message=steps.QUEUED_MESSAGE,
        created_at=datetime.now(UTC),
        company_name=inputs.valuation.company_name,
        input_digest=inputs.digest(),
        inputs=inputs.stored(),
        **fields,
    )
    session.add(job)
    await session.flush()
    return job


async def start_job(
    session: AsyncSession,
    job_id: uuid.UUID,
    takeover_before: datetime,
    max_starts: int,
    messages: tuple[str, str] = (steps.GATHERING_MESSAGE, steps.RESUMING_MESSAGE),
) -> ValuationJob | None:
    """Mark a job RUNNING for this delivery and return it. A QUEUED job starts; a RUNNING one is
    taken over only when its heartbeat is older than `takeover_before` (its worker died). None when
    the job is finished, cancelled or alive elsewhere. A job started `max_starts` times without
    finishing is recorded FAILED instead (and returned so), rather than retried for ever.

    The started event's message is the first of `messages` for a fresh job, the second for one
    that had gathered its data (it will resume from them)."""
    now = datetime.now(UTC)
    startable = (TABLE.c.status == JobStatus.QUEUED.value) | (
        (TABLE.c.status == JobStatus.RUNNING.value)
        & ((TABLE.c.heartbeat_at.is_(None)) | (TABLE.c.heartbeat_at < takeover_before))
    )
    started = (
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == job_id, startable, TABLE.c.attempts < max_starts)
            .values(
                status=steps.GATHERING.status.value,
                stage=steps.GATHERING.stage.value,
                progress=steps.GATHERING.percent,
                attempts=TABLE.c.attempts + 1,
                started_at=now,
                heartbeat_at=now,
                event_seq=TABLE.c.event_seq + 1,  # numbers the "started" event
            )
            .returning(TABLE.c.id)
        )
    ).first()
    if started is None:
        gave_up = (
            await session.execute(
                update(TABLE)
                .where(TABLE.c.id == job_id, startable, TABLE.c.attempts >= max_starts)
                .values(
                    status=steps.FAILED.status.value,
                    stage=steps.FAILED.stage.value,
                    progress=steps.FAILED.percent,
                    error_code=JobErrorCode.WORKER_LOST.value,
                    error_message=f"Started {max_starts} times without finishing.",
                    progress_message=f"Started {max_starts} times without finishing.",
                    completed_at=now,
                    event_seq=TABLE.c.event_seq + 1,
                )
                .returning(TABLE.c.id)
            )
        ).first()
        if gave_up is None:
            return None
    job = await session.get(ValuationJob, job_id)
    if job is None:
        return None
    await session.refresh(job)
    if job.status == JobStatus.RUNNING.value:
        # Same transaction as the start, so no reader sees the started row without its message.
        message = messages[0] if job.gathered is None else messages[1]
        await session.execute(
            update(TABLE).where(TABLE.c.id == job_id).values(progress_message=message)
        )
        await session.refresh(job)
    return job


async def set_stage(
    session: AsyncSession,
    job_id: uuid.UUID,
    step: Step,
    message: str,
    gathered: dict[str, Any] | None = None,
) -> int | None:
    """Record a step of a RUNNING job (and the data it gathered, once); returns the number of its
    progress event, or None when the job is no longer running (cancelled)."""
    values: dict[str, Any] = {
        "stage": step.stage.value,
        "progress": step.percent,
        "progress_message": message,
        "heartbeat_at": datetime.now(UTC),
        "event_seq": TABLE.c.event_seq + 1,
    }
    if gathered is not None:
        values["gathered"] = gathered
    moved = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == job_id, TABLE.c.status == JobStatus.RUNNING.value)
        .values(**values)
        .returning(TABLE.c.event_seq)
    )
    seq: int | None = moved.scalar()
    return seq


async def back_to_queue(session: AsyncSession, job_id: uuid.UUID, message: str) -> None:
    await session.execute(
        update(TABLE)
        .where(TABLE.c.id == job_id, TABLE.c.status == JobStatus.RUNNING.value)
        .values(
            status=JobStatus.QUEUED.value,
            stage=steps.RETRYING_STAGE.value,
            progress_message=message,
        )
    )


async def beat(session: AsyncSession, job_id: uuid.UUID) -> bool:
    """Freshen a RUNNING job's heartbeat; False when it is no longer running."""
    beaten = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == job_id, TABLE.c.status == JobStatus.RUNNING.value)
        .values(heartbeat_at=datetime.now(UTC))
        .returning(TABLE.c.id)
    )
    return beaten.first() is not None


async def finish_job(
    session: AsyncSession,
    job_id: uuid.UUID,
    step: Step,
    *,
    message: str,
    result: dict[str, Any] | None = None,
    error_code: str | None = None,
    error_message: str | None = None,
) -> int | None:
    """Record the outcome of a running job and return the number of its final event; None when it
    is no longer running (cancelled, or finished by another delivery of the same job), so each job
    has exactly one result."""
    finished = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == job_id, TABLE.c.status == JobStatus.RUNNING.value)
        .values(
            status=step.status.value,
            stage=step.stage.value,
            progress=step.percent,
            result=result,
            error_code=error_code,
            error_message=error_message,
            progress_message=message,
            completed_at=datetime.now(UTC),
            event_seq=TABLE.c.event_seq + 1,
        )
        .returning(TABLE.c.event_seq)
    )
    seq: int | None = finished.scalar()
    return seq


async def cancel_job(
    session: AsyncSession, job_id: uuid.UUID, message: str
) -> tuple[str, int] | None:
    """Cancel a queued or running job; returns the status it had and the number of the
    cancellation's event, or None if it had finished."""
    # Locked, so that a worker starting the job cannot slip between this read and the update.
    status = await session.scalar(
        select(TABLE.c.status).where(TABLE.c.id == job_id).with_for_update()
    )
    cancelled = await session.execute(
        update(TABLE)
        .where(
            TABLE.c.id == job_id,
            TABLE.c.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]),
        )
        .values(
            status=steps.CANCELLED.status.value,
            stage=steps.CANCELLED.stage.value,
            progress_message=message,
            completed_at=datetime.now(UTC),
            event_seq=TABLE.c.event_seq + 1,
        )
        .returning(TABLE.c.event_seq)
    )
    seq = cancelled.scalar()
    return (str(status), seq) if seq is not None else None


async def stalled_jobs(session: AsyncSession, older_than: datetime) -> list[uuid.UUID]:
    """Running jobs whose worker stopped beating, and queued jobs no worker has taken."""
    rows = await session.execute(
        select(TABLE.c.id).where(
            ((TABLE.c.status == JobStatus.RUNNING.value) & (TABLE.c.heartbeat_at < older_than))
            | ((TABLE.c.status == JobStatus.QUEUED.value) & (TABLE.c.created_at < older_than))
        )
    )
    return [row.id for row in rows]


@dataclass(frozen=True, slots=True)
class ProgressState:
    id: uuid.UUID
    event_seq: int
    status: str
    stage: str
    progress: int
    progress_message: str


async def progress_state(session: AsyncSession, job_id: uuid.UUID) -> ProgressState | None:
    """A job's progress columns without its result and gathered data, which can be large:
    subscribers re-read these while they wait."""
    columns = [TABLE.c[name] for name in ProgressState.__slots__]
    row = (await session.execute(select(*columns).where(TABLE.c.id == job_id))).first()
    return ProgressState(*row) if row is not None else None
