"""SQL for documents and their corrections. Reads by the API go through repositories/owned.py
(a correction is read only through its document).

Every status, stage and percentage written here is a step of contracts/document_job.py; the
lifecycle is the valuation job's (repositories/valuations.py): event numbers from the row, a
heartbeat, a takeover only of a stale one, one outcome however often a job is delivered."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import case, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import document_job as steps
from contracts.document_job import DocumentErrorCode, DocumentStatus, Step
from models.document import Document, DocumentCorrection

TABLE = Document.__table__  # type: ignore[attr-defined]
CORRECTIONS = DocumentCorrection.__table__  # type: ignore[attr-defined]


async def add_document(session: AsyncSession, **fields: Any) -> Document:
    document = Document(
        status=steps.QUEUED.status.value,
        stage=steps.QUEUED.stage.value,
        progress=steps.QUEUED.percent,
        progress_message=steps.QUEUED_MESSAGE,
        created_at=datetime.now(UTC),
        **fields,
    )
    session.add(document)
    await session.flush()
    return document


async def page_documents(
    session: AsyncSession, organisation_id: uuid.UUID, first: int, after: Document | None
) -> list[Document]:
    """An organisation's documents, newest first, keyset-paged after the document `after`."""
    statement = select(Document).where(TABLE.c.organisation_id == organisation_id)
    if after is not None:
        statement = statement.where(
            tuple_(TABLE.c.created_at, TABLE.c.id) < tuple_(after.created_at, after.id)
        )
    statement = statement.order_by(TABLE.c.created_at.desc(), TABLE.c.id.desc()).limit(first)
    return list((await session.scalars(statement)).all())


async def owned_documents(
    session: AsyncSession, organisation_id: uuid.UUID, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Document]:
    """The organisation's documents among `ids` (others' and unknown ones are simply absent)."""
    if not ids:
        return {}
    rows = await session.scalars(
        select(Document).where(TABLE.c.organisation_id == organisation_id, TABLE.c.id.in_(ids))
    )
    return {row.id: row for row in rows}


async def start_document(
    session: AsyncSession, document_id: uuid.UUID, takeover_before: datetime, max_starts: int
) -> Document | None:
    """Mark a document RUNNING at READING for this delivery and return it; None when it is
    finished or alive elsewhere. One started `max_starts` times is recorded FAILED instead."""
    now = datetime.now(UTC)
    startable = (TABLE.c.status == DocumentStatus.QUEUED.value) | (
        (TABLE.c.status == DocumentStatus.RUNNING.value)
        & ((TABLE.c.heartbeat_at.is_(None)) | (TABLE.c.heartbeat_at < takeover_before))
    )
    # A document handed over to its next delivery (`hand_over`) keeps the progress it made.
    handed_over = (TABLE.c.status == DocumentStatus.RUNNING.value) & TABLE.c.heartbeat_at.is_(None)
    started = (
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == document_id, startable, TABLE.c.attempts < max_starts)
            .values(
                status=steps.READING.status.value,
                stage=case((handed_over, TABLE.c.stage), else_=steps.READING.stage.value),
                progress=case((handed_over, TABLE.c.progress), else_=steps.READING.percent),
                progress_message=case(
                    (handed_over, TABLE.c.progress_message), else_=steps.READING_MESSAGE
                ),
                attempts=TABLE.c.attempts + 1,
                started_at=now,
                heartbeat_at=now,
                event_seq=TABLE.c.event_seq + 1,
            )
            .returning(TABLE.c.id)
        )
    ).first()
    if started is None:
        message = f"Started {max_starts} times without finishing."
        gave_up = (
            await session.execute(
                update(TABLE)
                .where(TABLE.c.id == document_id, startable, TABLE.c.attempts >= max_starts)
                .values(
                    status=steps.FAILED.status.value,
                    stage=steps.FAILED.stage.value,
                    progress=steps.FAILED.percent,
                    error_code=DocumentErrorCode.WORKER_LOST.value,
                    error_message=message,
                    progress_message=message,
                    completed_at=now,
                    event_seq=TABLE.c.event_seq + 1,
                )
                .returning(TABLE.c.id)
            )
        ).first()
        if gave_up is None:
            return None
    document = await session.get(Document, document_id)
    if document is not None:
        await session.refresh(document)
    return document


async def set_stage(
    session: AsyncSession,
    document_id: uuid.UUID,
    step: Step,
    message: str,
    pages: int | None = None,
) -> int | None:
    """Record a step of a RUNNING document; the number of its event, or None when it is no
    longer running."""
    values: dict[str, Any] = {
        "stage": step.stage.value,
        "progress": step.percent,
        "progress_message": message,
        "heartbeat_at": datetime.now(UTC),
        "event_seq": TABLE.c.event_seq + 1,
    }
    if pages is not None:
        values["pages"] = pages
    moved = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == document_id, TABLE.c.status == DocumentStatus.RUNNING.value)
        .values(**values)
        .returning(TABLE.c.event_seq)
    )
    seq: int | None = moved.scalar()
    return seq


async def beat(session: AsyncSession, document_id: uuid.UUID) -> bool:
    beaten = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == document_id, TABLE.c.status == DocumentStatus.RUNNING.value)
        .values(heartbeat_at=datetime.now(UTC))
        .returning(TABLE.c.id)
    )
    return beaten.first() is not None


async def finish_document(
    session: AsyncSession,
    document_id: uuid.UUID,
    step: Step,
    *,
    message: str,
    extraction: dict[str, Any] | None = None,
    error_code: str | None = None,
    error_message: str | None = None,
) -> int | None:
    """Record the outcome of a RUNNING document; None when another delivery recorded one."""
    finished = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == document_id, TABLE.c.status == DocumentStatus.RUNNING.value)
        .values(
            status=step.status.value,
            stage=step.stage.value,
            progress=step.percent,
            extraction=extraction,
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


async def stalled_documents(session: AsyncSession, older_than: datetime) -> list[uuid.UUID]:
    rows = await session.execute(
        select(TABLE.c.id).where(
            ((TABLE.c.status == DocumentStatus.RUNNING.value) & (TABLE.c.heartbeat_at < older_than))
            # handed over to a next delivery that has not started
            | (
                (TABLE.c.status == DocumentStatus.RUNNING.value)
                & TABLE.c.heartbeat_at.is_(None)
                & (TABLE.c.started_at < older_than)
            )
            | ((TABLE.c.status == DocumentStatus.QUEUED.value) & (TABLE.c.created_at < older_than))
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


async def progress_state(session: AsyncSession, document_id: uuid.UUID) -> ProgressState | None:
    """The progress columns alone (the extraction can be large)."""
    columns = [TABLE.c[name] for name in ProgressState.__slots__]
    row = (await session.execute(select(*columns).where(TABLE.c.id == document_id))).first()
    return ProgressState(*row) if row is not None else None


async def corrections_of(
    session: AsyncSession, document_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[DocumentCorrection]]:
    """Each document's corrections, oldest first (callers have checked the documents' owner)."""
    found: dict[uuid.UUID, list[DocumentCorrection]] = {i: [] for i in document_ids}
    if not document_ids:
        return found
    rows = await session.scalars(
        select(DocumentCorrection)
        .where(CORRECTIONS.c.document_id.in_(list(document_ids)))
        .order_by(CORRECTIONS.c.corrected_at, CORRECTIONS.c.id)
    )
    for row in rows:
        found[row.document_id].append(row)
    return found


async def add_correction(
    session: AsyncSession,
    document_id: uuid.UUID,
    fiscal_year_end: date,
    field: str,
    old_value: float | None,
    new_value: float,
    reason: str,
    **who: Any,
) -> DocumentCorrection:
    correction = DocumentCorrection(
        document_id=document_id,
        fiscal_year_end=fiscal_year_end,
        field=field,
        old_value=old_value,
        new_value=new_value,
        reason=reason,
        corrected_at=datetime.now(UTC),
        **who,
    )
    session.add(correction)
    await session.flush()
    return correction


async def lock_document(session: AsyncSession, document_id: uuid.UUID) -> None:
    """Serialise corrections of one document (PostgreSQL; SQLite writes one at a time anyway),
    so that each records the value it really replaced."""
    await session.execute(select(TABLE.c.id).where(TABLE.c.id == document_id).with_for_update())


async def back_to_queue(session: AsyncSession, document_id: uuid.UUID, message: str) -> None:
    """A RUNNING document back in the queue for a retry (its store was unavailable)."""
    await session.execute(
        update(TABLE)
        .where(TABLE.c.id == document_id, TABLE.c.status == DocumentStatus.RUNNING.value)
        .values(
            status=DocumentStatus.QUEUED.value,
            stage=steps.QUEUED.stage.value,
            progress_message=message,
        )
    )


async def hand_over(
    session: AsyncSession, document_id: uuid.UUID, step: Step, message: str
) -> int | None:
    """A RUNNING document left for its next delivery to go on with: still RUNNING, at `step`,
    without a heartbeat (so the next delivery starts it at once) and with its starts reset, since
    this delivery made progress; the number of its event, or None when it is no longer running."""
    moved = await session.execute(
        update(TABLE)
        .where(TABLE.c.id == document_id, TABLE.c.status == DocumentStatus.RUNNING.value)
        .values(
            stage=step.stage.value,
            progress=step.percent,
            progress_message=message,
            heartbeat_at=None,
            attempts=0,
            event_seq=TABLE.c.event_seq + 1,
        )
        .returning(TABLE.c.event_seq)
    )
    seq: int | None = moved.scalar()
    return seq
