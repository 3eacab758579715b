"""SQL for reports and organisations' branding. A report is read by the API through its
valuation or repositories/owned.py; its lifecycle is the document job's, simpler: a report takes
seconds, so a start older than `takeover_before` is taken over instead of tracked by heartbeat."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import report_job as steps
from contracts.report_job import ReportErrorCode, ReportFormat, ReportStatus, Step
from models.report import OrganisationBranding, Report

TABLE = Report.__table__  # type: ignore[attr-defined]
BRANDING = OrganisationBranding.__table__  # type: ignore[attr-defined]


async def report_for(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    valuation_id: uuid.UUID,
    format: ReportFormat,
    digest: str,
) -> Report:
    """The report of this valuation, format and digest, created QUEUED if there is none yet (two
    callers asking at once get the same row)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(TABLE)
        .values(
            id=uuid.uuid4(),
            organisation_id=organisation_id,
            valuation_id=valuation_id,
            format=format.value,
            digest=digest,
            status=steps.QUEUED.status.value,
            stage=steps.QUEUED.stage.value,
            progress=0,
            progress_message="Waiting for a worker",
            event_seq=0,
            attempts=0,
            created_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing(index_elements=["valuation_id", "format", "digest"])
    )
    row = await session.scalar(
        select(Report).where(
            TABLE.c.valuation_id == valuation_id,
            TABLE.c.format == format.value,
            TABLE.c.digest == digest,
        )
    )
    assert row is not None and row.organisation_id == organisation_id
    await session.refresh(row)
    return row


async def start_report(
    session: AsyncSession, report_id: uuid.UUID, takeover_before: datetime, max_starts: int
) -> Report | None:
    """Mark a report RUNNING for this delivery; None when it is finished or running elsewhere
    (started after `takeover_before`). One started `max_starts` times is recorded FAILED."""
    now = datetime.now(UTC)
    startable = (TABLE.c.status == ReportStatus.QUEUED.value) | (
        (TABLE.c.status == ReportStatus.RUNNING.value) & (TABLE.c.started_at < takeover_before)
    )
    started = (
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == report_id, startable, TABLE.c.attempts < max_starts)
            .values(**_step(steps.RENDERING, "Rendering"), attempts=TABLE.c.attempts + 1)
            .values(started_at=now)
            .returning(TABLE.c.id)
        )
    ).first()
    if started is None:
        message = f"Started {max_starts} times without finishing."
        gave_up = (
            await session.execute(
                update(TABLE)
                .where(TABLE.c.id == report_id, startable, TABLE.c.attempts >= max_starts)
                .values(**_step(steps.FAILED, message), completed_at=now)
                .values(error_code=ReportErrorCode.WORKER_LOST.value, error_message=message)
                .returning(TABLE.c.id)
            )
        ).first()
        if gave_up is None:
            return None
    row = await session.get(Report, report_id)
    if row is not None:
        await session.refresh(row)
    return row


async def set_step(
    session: AsyncSession, report_id: uuid.UUID, step: Step, message: str, **values: Any
) -> int | None:
    """Record a step of a RUNNING report (its outcome too); its event's number, or None when
    it is no longer running."""
    if step.status in (ReportStatus.COMPLETED, ReportStatus.FAILED):
        values["completed_at"] = datetime.now(UTC)
    moved = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == report_id, TABLE.c.status == ReportStatus.RUNNING.value)
        .values(**_step(step, message), **values)
        .returning(TABLE.c.event_seq)
    )
    seq: int | None = moved.scalar()
    return seq


def _step(step: Step, message: str) -> dict[str, Any]:
    return {
        "status": step.status.value,
        "stage": step.stage.value,
        "progress": step.percent,
        "progress_message": message,
        "event_seq": TABLE.c.event_seq + 1,
    }


async def branding_of(
    session: AsyncSession, organisation_id: uuid.UUID
) -> OrganisationBranding | None:
    return await session.get(OrganisationBranding, organisation_id)


async def save_branding(session: AsyncSession, branding: OrganisationBranding) -> None:
    await session.merge(branding)
