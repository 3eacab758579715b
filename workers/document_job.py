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
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry

from contracts import document_job as steps
from contracts.document_extraction import StoredExtraction, StoredIssue
from contracts.document_job import STREAM, DocumentErrorCode, DocumentStatus, Step
from documents.pipeline import count_pages, extract_document
from documents.sniff import Refused, sniff
from models.document import Document
from repositories import documents as repo
from runtime.document_store import StorageUnavailable
from runtime.services import Services

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5
HEARTBEAT_GRACE_SECONDS = 20
MAX_STARTS = 5
MAX_TRIES = 4  # tries of one delivery while the document store is unavailable
# A figure beyond A$10tn is a misread (a year, a page number, a merged column), not a figure.
MAX_FIGURE = 1e13


class _NoLongerRunning(Exception):
    pass


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
    await _publish(services, document_id, document.event_seq, steps.READING, steps.READING_MESSAGE)
    try:
        extraction = await _while_running(services, document)
    except _NoLongerRunning:
        return "no longer running"
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
    await _stage(
        services, document.id, steps.extracting(0, pages), f"Extracting {pages} page(s)", pages
    )
    extraction = await _extract_with_progress(services, document, data, sniffed.media_type, pages)
    await _stage(services, document.id, steps.VALIDATING, "Checking the figures")
    return validated(StoredExtraction.of(extraction))


async def _extract_with_progress(
    services: Services, document: Document, data: bytes, media_type: str, pages: int
) -> Any:
    """The extraction in a thread; pages done (OCR) become EXTRACTING events, one per per cent."""
    loop = asyncio.get_running_loop()
    done: asyncio.Queue[tuple[int, int] | None] = asyncio.Queue()

    def on_page(finished: int, total: int) -> None:
        loop.call_soon_threadsafe(done.put_nowait, (finished, total))

    async def report() -> None:
        shown = steps.extracting(0, pages).percent
        while (item := await done.get()) is not None:
            finished, total = item
            step = steps.extracting(finished, total)
            if step.percent > shown:
                shown = step.percent
                await _stage(services, document.id, step, f"Read {finished} of {total} pages")

    reporter = asyncio.create_task(report())
    try:
        extraction = await asyncio.to_thread(
            extract_document, data, media_type, document.fiscal_year_end, on_page
        )
    except Exception as error:
        reporter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reporter
        log.info("document %s could not be extracted: %r", document.id, error, exc_info=True)
        raise _Failed(DocumentErrorCode.UNREADABLE, "The file could not be read.") from error
    except BaseException:
        reporter.cancel()
        raise
    # Every page reported before the thread ended is published, in order, before VALIDATING.
    loop.call_soon(done.put_nowait, None)
    await reporter
    return extraction


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
