"""The arq job that extracts one document: read it again, count its pages, extract, check, store.

Delivery is at least once, so the job is idempotent, as the valuation job is: a finished document
is left alone, one found RUNNING with a stale heartbeat (its worker died) is extracted again from
its stored file, and only the delivery whose write moves the row from RUNNING records an outcome.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry
from redis.exceptions import RedisError

from contracts import document_job as steps
from contracts.document_extraction import StoredExtraction, StoredIssue
from contracts.document_job import (
    RUN_DOCUMENT,
    STREAM,
    DocumentErrorCode,
    DocumentStage,
    DocumentStatus,
    Step,
    continuation_suffix,
)
from documents.model import PageText
from documents.pipeline import MorePagesToRead, ScanReading, count_pages, extract_document
from documents.sniff import Refused, sniff
from models.document import Document
from repositories import document_pages
from repositories import documents as repo
from runtime.document_store import StorageUnavailable
from runtime.services import Services
from workers.sweeper import enqueue_again

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5
HEARTBEAT_GRACE_SECONDS = 20
MAX_STARTS = 5
MAX_TRIES = 4  # tries of one delivery while the document store is unavailable
# A figure beyond A$10tn is a misread (a year, a page number, a merged column), not a figure.
MAX_FIGURE = 1e13


class _NoLongerRunning(Exception):
    pass


class _HandedOver(Exception):
    """This delivery's OCR budget is spent; the next delivery reads on."""


class _Failed(Exception):
    def __init__(self, code: DocumentErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


async def _publish(
    services: Services, document_id: uuid.UUID, seq: int, step: Step, message: str
) -> None:
    await STREAM.publish(
        services.redis, document_id, seq, step.status.value, step.stage.value, step.percent, message
    )


async def run_document(
    services: Services, document_id: uuid.UUID, attempt: int = 1, max_attempts: int = 1
) -> str:
    takeover_before = datetime.now(UTC) - timedelta(seconds=HEARTBEAT_GRACE_SECONDS)
    async with services.sessions.begin() as session:
        document = await repo.start_document(session, document_id, takeover_before, MAX_STARTS)
    if document is None:
        return "not started: finished, or running elsewhere"
    if document.status == DocumentStatus.FAILED.value:  # started too often
        await _publish(
            services, document_id, document.event_seq, steps.FAILED, document.error_message or ""
        )
        return DocumentStatus.FAILED.value
    # READING, or where a delivery that handed the document over left it.
    started = Step(
        DocumentStatus(document.status), DocumentStage(document.stage), document.progress
    )
    await _publish(services, document_id, document.event_seq, started, document.progress_message)
    try:
        extraction = await _while_running(services, document)
    except _NoLongerRunning:
        return "no longer running"
    except _HandedOver:
        return "handed over to the next delivery"
    except _Failed as failed:
        return await _fail(services, document_id, failed.code, failed.message)
    except StorageUnavailable as error:
        if attempt < max_attempts:
            async with services.sessions.begin() as session:
                await repo.back_to_queue(session, document_id, f"Retrying: {error}")
            raise Retry(defer=random.uniform(0, min(60.0, 2.0**attempt))) from error
        return await _fail(services, document_id, DocumentErrorCode.STORAGE_UNAVAILABLE, str(error))
    except Exception:
        log.exception("document %s failed unexpectedly", document_id)
        return await _fail(
            services, document_id, DocumentErrorCode.INTERNAL_ERROR, "The extraction failed."
        )
    async with services.sessions.begin() as session:
        seq = await repo.finish_document(
            session,
            document_id,
            steps.COMPLETED,
            message=steps.COMPLETED_MESSAGE,
            extraction=extraction.stored(),
        )
        if seq is not None:
            await document_pages.forget_pages(session, document_id)
    if seq is None:
        return "no longer running"
    await _publish(services, document_id, seq, steps.COMPLETED, steps.COMPLETED_MESSAGE)
    return DocumentStatus.COMPLETED.value


async def _extract(services: Services, document: Document) -> StoredExtraction:
    try:
        data = await services.documents.get(document.organisation_id, document.sha256)
    except KeyError as error:
        raise _Failed(DocumentErrorCode.UNREADABLE, "The stored file is missing.") from error
    # Read again rather than trusted from the row: the row's type was decided by the same code,
    # but a file replaced under its digest, or a sniffer tightened since, must not slip through.
    sniffed = await asyncio.to_thread(sniff, data)
    if isinstance(sniffed, Refused):
        raise _Failed(DocumentErrorCode(sniffed.code.value), sniffed.message)
    try:
        pages = await asyncio.to_thread(count_pages, data, sniffed.media_type)
    except Exception as error:  # a parser's own exceptions: the file is malformed
        log.info("document %s: pages could not be counted: %r", document.id, error)
        raise _Failed(DocumentErrorCode.UNREADABLE, "The file could not be read.") from error
    limit = services.settings.max_document_pages
    if pages > limit:
        raise _Failed(
            DocumentErrorCode.TOO_MANY_PAGES, f"The document has {pages} pages; at most {limit}."
        )
    if document.stage != DocumentStage.EXTRACTING.value:  # not handed over mid-way
        await _stage(
            services, document.id, steps.extracting(0, pages), f"Extracting {pages} page(s)", pages
        )
    extraction = await _extract_with_progress(services, document, data, sniffed.media_type, pages)
    await _stage(services, document.id, steps.VALIDATING, "Checking the figures")
    return validated(StoredExtraction.of(extraction))


async def _extract_with_progress(
    services: Services, document: Document, data: bytes, media_type: str, pages: int
) -> Any:
    """The extraction in a thread. Each page OCR reads is kept as it is read, and pages done
    become EXTRACTING events (one per per cent); when this delivery's OCR budget is spent, the
    pages left are handed to the next delivery (`_hand_over`)."""
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[PageText | tuple[int, int] | None] = asyncio.Queue()
    async with services.sessions() as session:
        known = await document_pages.pages_read(session, document.id)

    def on_page(finished: int, total: int) -> None:
        loop.call_soon_threadsafe(events.put_nowait, (finished, total))

    def on_read(page: PageText) -> None:
        loop.call_soon_threadsafe(events.put_nowait, page)

    async def record() -> None:
        shown = document.progress
        while (item := await events.get()) is not None:
            if isinstance(item, PageText):
                async with services.sessions.begin() as session:
                    await document_pages.keep_page(session, document.id, item)
                continue
            finished, total = item
            step = steps.extracting(finished, total)
            if step.percent > shown:
                shown = step.percent
                await _stage(services, document.id, step, _pages_read(finished, total))

    recorder = asyncio.create_task(record())
    budget = services.settings.document_ocr_budget_seconds
    scans = ScanReading(known=known, on_read=on_read, deadline=time.monotonic() + budget)
    try:
        extraction = await asyncio.to_thread(
            extract_document, data, media_type, document.fiscal_year_end, on_page, scans
        )
    except MorePagesToRead as more:
        await _drain(loop, events, recorder)
        await _hand_over(services, document.id, more)
        raise _HandedOver from more
    except Exception as error:
        recorder.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await recorder
        log.info("document %s could not be extracted: %r", document.id, error, exc_info=True)
        raise _Failed(DocumentErrorCode.UNREADABLE, "The file could not be read.") from error
    except BaseException:
        recorder.cancel()
        raise
    # Every page reported before the thread ended is recorded, in order, before VALIDATING.
    await _drain(loop, events, recorder)
    return extraction


async def _drain(
    loop: asyncio.AbstractEventLoop, events: asyncio.Queue[Any], recorder: asyncio.Task[None]
) -> None:
    # Queued after the thread's own call_soon_threadsafe calls, so it comes last.
    loop.call_soon(events.put_nowait, None)
    await recorder


def _pages_read(done: int, total: int) -> str:
    return f"Read {done} of {total} pages"


async def _hand_over(services: Services, document_id: uuid.UUID, more: MorePagesToRead) -> None:
    """Leave the pages not yet read to a next delivery, enqueued now (or, if Redis cannot take
    it, by the sweeper, which finds the document handed over and waiting)."""
    step = steps.extracting(more.done, more.total)
    message = f"{_pages_read(more.done, more.total)}; reading on"
    async with services.sessions.begin() as session:
        seq = await repo.hand_over(session, document_id, step, message)
    if seq is None:
        raise _NoLongerRunning
    await _publish(services, document_id, seq, step, message)
    try:
        await enqueue_again(
            services, "document", RUN_DOCUMENT, document_id, continuation_suffix(more.done)
        )
    except (RedisError, OSError):
        log.warning("document %s: its next delivery waits for the sweeper", document_id)


def validated(extraction: StoredExtraction) -> StoredExtraction:
    """The extraction with what cannot be figures removed and said: a non-finite value or one
    beyond A$10tn becomes absent with an issue, an undated column is reported (a valuation
    cannot place it), and an extraction without a single figure says so."""
    issues = list(extraction.issues)
    periods = []
    for period in extraction.periods:
        fields = []
        for field in period.fields:
            value = field.value
            if value is not None and (not math.isfinite(value) or abs(value) > MAX_FIGURE):
                issues.append(
                    StoredIssue(
                        code="FIGURE_OUT_OF_RANGE",
                        message=f"{field.name} of '{period.column_label}' read as {value}: "
                        "dropped.",
                        page=field.source.page if field.source else None,
                    )
                )
                field = field.model_copy(update={"value": None})
            fields.append(field)
        if period.fiscal_year_end is None:
            issues.append(
                StoredIssue(
                    code="UNDATED_PERIOD",
                    message=f"The column '{period.column_label}' has no fiscal year end; upload "
                    "with fiscalYearEnd to date it.",
                )
            )
        periods.append(period.model_copy(update={"fields": fields}))
    if not any(f.value is not None for p in periods for f in p.fields):
        issues.append(StoredIssue(code="NO_FIGURES", message="No financial figure was found."))
    return extraction.model_copy(update={"periods": periods, "issues": issues})


async def _stage(
    services: Services, document_id: uuid.UUID, step: Step, message: str, pages: int | None = None
) -> None:
    async with services.sessions.begin() as session:
        seq = await repo.set_stage(session, document_id, step, message, pages)
    if seq is None:
        raise _NoLongerRunning
    await _publish(services, document_id, seq, step, message)


async def _fail(
    services: Services, document_id: uuid.UUID, code: DocumentErrorCode, message: str
) -> str:
    async with services.sessions.begin() as session:
        seq = await repo.finish_document(
            session,
            document_id,
            steps.FAILED,
            message=message,
            error_code=code.value,
            error_message=message,
        )
        if seq is not None:
            await document_pages.forget_pages(session, document_id)
    if seq is None:
        return "no longer running"
    await _publish(services, document_id, seq, steps.FAILED, message)
    return DocumentStatus.FAILED.value


async def _while_running(services: Services, document: Document) -> StoredExtraction:
    """Extract while a heartbeat runs beside it; if the row leaves RUNNING, stop."""
    working = asyncio.create_task(_extract(services, document))
    heartbeat = asyncio.create_task(_beat(services, document.id))
    try:
        await asyncio.wait({working, heartbeat}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (working, heartbeat):
            task.cancel()
    if not working.done() or working.cancelled():
        with contextlib.suppress(asyncio.CancelledError):
            await working
        raise _NoLongerRunning
    return working.result()


async def _beat(services: Services, document_id: uuid.UUID) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        async with services.sessions.begin() as session:
            if not await repo.beat(session, document_id):
                return


async def run_document_job(ctx: dict[str, Any], document_id: str) -> str:
    """arq entry point."""
    services: Services = ctx["services"]
    return await run_document(
        services, uuid.UUID(document_id), attempt=ctx.get("job_try", 1), max_attempts=MAX_TRIES
    )
