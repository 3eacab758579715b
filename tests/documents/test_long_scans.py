"""A scan longer than one delivery of its job can read: OCR'd page by page, each page kept as it
is read, the rest handed to a next delivery, until the extraction is whole.

OCR here is a stand-in that gives each rendered page the words of the text PDF it was scanned
from (so that these tests take a second, not 2.6 s a page); tests/documents/test_ocr.py and
test_pipeline.py read scans with the real engine. Everything else is real: rasterising, the
statement reading, PostgreSQL, Redis and an arq worker."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.applications import Starlette

from contracts.document_extraction import StoredExtraction
from contracts.document_job import STREAM
from documents import ocr, pdf_text
from documents.model import Extraction, PageText
from documents.pipeline import MorePagesToRead, ScanReading, extract_document
from documents.rasterise import PagePicture
from edge.state import app_state
from models.document import Document, DocumentPage
from repositories import document_pages
from runtime.services import Services
from tests.fixtures.scans import scan_of
from tests.fixtures.statements.australian import report
from tests.fixtures.statements.truth import AUSTRALIAN
from tests.fixtures.valuations import run_worker
from workers.document_job import run_document
from workers.sweeper import sweep_stalled_jobs

PDF = "application/pdf"
TEXT_REPORT = report()
SCANNED_REPORT = scan_of(TEXT_REPORT)  # six pages, none with a text layer
TEXT_PAGES = {page.number: page for page in pdf_text.pdf_pages(TEXT_REPORT)}
TABLE = Document.__table__  # type: ignore[attr-defined]
PAGES = DocumentPage.__table__  # type: ignore[attr-defined]


@pytest.fixture
def ocr_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The numbers of the pages OCR was asked to read, in order."""
    reads: list[int] = []

    def read(picture: PagePicture) -> PageText:
        reads.append(picture.number)
        return dataclasses.replace(TEXT_PAGES[picture.number], ocr=True)

    monkeypatch.setattr(ocr, "ocr_picture", read)
    return reads


def _figures(extraction: Extraction | StoredExtraction) -> dict[tuple[str, str], float | None]:
    return {
        (str(period.fiscal_year_end), str(getattr(f.name, "value", f.name))): f.value
        for period in extraction.periods
        for f in period.fields
    }


def _truth() -> dict[tuple[str, str], float | None]:
    return {
        (str(year_end), name.value): value
        for year_end, figures in AUSTRALIAN.items()
        for name, value in figures.items()
    }


def test_a_scan_read_a_page_per_call_gives_the_figures_of_one_read(ocr_reads: list[int]) -> None:
    whole = extract_document(SCANNED_REPORT, PDF, None)
    assert ocr_reads == [1, 2, 3, 4, 5, 6]
    ocr_reads.clear()
    kept: dict[int, PageText] = {}
    calls = 0
    while True:
        calls += 1
        # A deadline already past: each call reads one page, keeps it and stops.
        scans = ScanReading(known=dict(kept), on_read=lambda p: kept.update({p.number: p}))
        scans = dataclasses.replace(scans, deadline=0.0)
        try:
            pieced = extract_document(SCANNED_REPORT, PDF, None, scans=scans)
            break
        except MorePagesToRead as more:
            assert (more.done, more.total) == (calls, 6)
    assert calls == 6 and ocr_reads == [1, 2, 3, 4, 5, 6]  # no page read twice
    assert _figures(pieced) == _figures(whole)
    found = _figures(pieced)
    assert {key: found.get(key) for key in _truth()} == _truth()


def test_progress_counts_the_pages_read_by_earlier_calls(ocr_reads: list[int]) -> None:
    known = {n: dataclasses.replace(TEXT_PAGES[n], ocr=True) for n in (1, 2, 3, 4)}
    progress: list[tuple[int, int]] = []
    extract_document(
        SCANNED_REPORT, PDF, None, lambda d, t: progress.append((d, t)), ScanReading(known=known)
    )
    assert ocr_reads == [5, 6]
    assert progress == [(4, 6), (5, 6), (6, 6)]


async def _stored_scan(services: Services) -> uuid.UUID:
    from tests.documents.test_extraction_job import _stored_document

    return await _stored_document(services, SCANNED_REPORT, PDF)


async def _row(services: Services, document_id: uuid.UUID) -> Document:
    async with services.sessions() as session:
        row = await session.get(Document, document_id)
        assert row is not None
        await session.refresh(row)
        return row


async def _kept_pages(services: Services, document_id: uuid.UUID) -> int:
    async with services.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(PAGES).where(PAGES.c.document_id == document_id)
        )
    return int(count or 0)


def _budget(services: Services, seconds: float) -> Services:
    settings = services.settings.model_copy(update={"document_ocr_budget_seconds": seconds})
    return dataclasses.replace(services, settings=settings)


async def test_a_long_scan_is_read_over_several_deliveries_by_a_real_worker(
    services_app: Starlette, ocr_reads: list[int]
) -> None:
    services = _budget(app_state(services_app).services, 0.0)  # one page per delivery
    document_id = await _stored_scan(services)
    await services.redis.enqueue_job("run_document_extraction", str(document_id))
    pubsub = services.redis.pubsub()
    await pubsub.subscribe(STREAM.channel(document_id))
    try:
        await run_worker(services)  # burst: runs each delivery the one before enqueued
        events: list[dict[str, Any]] = []
        for _ in range(200):  # None also stands for the subscription's own confirmation
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
            if message is not None:
                events.append(json.loads(message["data"]))
            elif events and events[-1]["status"] == "COMPLETED":
                break
    finally:
        await pubsub.aclose()  # type: ignore[no-untyped-call]
    row = await _row(services, document_id)
    assert row.status == "COMPLETED", (row.error_code, row.error_message)
    assert ocr_reads == [1, 2, 3, 4, 5, 6]
    stored = StoredExtraction.model_validate(row.extraction)
    found = _figures(stored)
    assert {key: found.get(key) for key in _truth()} == _truth()
    # Followed live, it never goes back: RUNNING throughout, percentages that only rise.
    statuses = [e["status"] for e in events]
    assert set(statuses[:-1]) == {"RUNNING"} and statuses[-1] == "COMPLETED"
    percents = [e["percent"] for e in events]
    assert percents == sorted(percents)
    # Each hand-over said (and repeated by the delivery that takes the document over).
    handed = {e["message"] for e in events if "reading on" in e["message"]}
    assert handed == {f"Read {n} of 6 pages; reading on" for n in range(1, 6)}
    assert await _kept_pages(services, document_id) == 0  # forgotten once extracted


async def test_the_delivery_after_a_dead_worker_reads_on_from_the_pages_kept(
    services_app: Starlette, ocr_reads: list[int]
) -> None:
    services = app_state(services_app).services
    document_id = await _stored_scan(services)
    async with services.sessions.begin() as session:
        for number in (1, 2, 3):
            page = dataclasses.replace(TEXT_PAGES[number], ocr=True)
            await document_pages.keep_page(session, document_id, page)
        # Its worker died while reading page 4: RUNNING, the heartbeat long stopped.
        stale = datetime.now(UTC) - timedelta(minutes=5)
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == document_id)
            .values(status="RUNNING", stage="EXTRACTING", heartbeat_at=stale, attempts=1)
        )
    assert await run_document(services, document_id) == "COMPLETED"
    assert ocr_reads == [4, 5, 6]
    row = await _row(services, document_id)
    found = _figures(StoredExtraction.model_validate(row.extraction))
    assert {key: found.get(key) for key in _truth()} == _truth()


async def test_a_handed_over_document_whose_next_delivery_was_lost_is_swept(
    services_app: Starlette, ocr_reads: list[int]
) -> None:
    services = _budget(app_state(services_app).services, 0.0)
    document_id = await _stored_scan(services)
    assert await run_document(services, document_id) == "handed over to the next delivery"
    row = await _row(services, document_id)
    assert (row.status, row.stage, row.heartbeat_at, row.attempts) == (
        "RUNNING",
        "EXTRACTING",
        None,
        0,
    )
    assert await _kept_pages(services, document_id) == 1
    # Redis lost the next delivery (restarted empty); the sweeper finds the document waiting.
    await services.redis.delete(f"document:{document_id}:requeued-as")
    async with services.sessions.begin() as session:
        old = datetime.now(UTC) - timedelta(minutes=5)
        await session.execute(update(TABLE).where(TABLE.c.id == document_id).values(started_at=old))
    assert await sweep_stalled_jobs(services) >= 1
    requeued = await services.redis.get(f"document:{document_id}:requeued-as")
    assert requeued is not None and b":requeued:" in requeued


async def test_a_page_kept_twice_keeps_the_later_read(services_app: Starlette) -> None:
    services = app_state(services_app).services
    document_id = await _stored_scan(services)
    first = dataclasses.replace(TEXT_PAGES[1], ocr=True)
    again = dataclasses.replace(first, words=first.words[:3])
    async with services.sessions.begin() as session:
        await document_pages.keep_page(session, document_id, first)
    async with services.sessions.begin() as session:
        await document_pages.keep_page(session, document_id, again)
    async with services.sessions() as session:
        assert await document_pages.pages_read(session, document_id) == {1: again}
