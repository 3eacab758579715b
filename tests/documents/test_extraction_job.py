"""The extraction job: its stages and events, one outcome however often it is delivered, a dead
worker's document taken over, and failures recorded with their codes.

The extractor itself is replaced here by a stand-in that returns known figures: these tests are
about the job around it (documents/ has its own tests of the reading)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from starlette.applications import Starlette

from contracts.document_job import STREAM
from documents.model import Extraction
from models.document import Document
from repositories import documents as repo
from runtime.services import Services
from tests.fixtures.servers import graphql_socket, serve_in_background
from tests.fixtures.uploads import CSV_BYTES, FULL_YEAR, statements, upload, year
from workers import document_job
from workers.document_job import run_document
from workers.sweeper import sweep_stalled_jobs

TABLE = Document.__table__  # type: ignore[attr-defined]
EXTRACTED = statements(year(date(2025, 6, 30), **FULL_YEAR))


def _extractor(pages: int = 4, fail: Exception | None = None) -> Callable[..., Extraction]:
    def extract(
        data: bytes,
        media_type: str,
        fiscal_year_end: date | None,
        on_page: Any = None,
        scans: Any = None,
    ) -> Extraction:
        if fail is not None:
            raise fail
        for done in range(1, pages + 1):
            if on_page is not None:
                on_page(done, pages)
        return EXTRACTED

    return extract


async def _stored_document(
    services: Services, data: bytes = CSV_BYTES, media: str = "text/csv"
) -> uuid.UUID:
    from accounts.operators import create_user
    from accounts.tiers import Tier
    from tests.fixtures.accounts import PASSWORD  # noqa: F401  (same organisation helpers)

    user = await create_user(
        services,
        f"job-{uuid.uuid4().hex[:8]}@example.com",
        "a long password 1",
        "Jobs",
        Tier.PROFESSIONAL,
    )
    sha256 = await services.documents.put(user.organisation_id, data)
    async with services.sessions.begin() as session:
        row = await repo.add_document(
            session,
            organisation_id=user.organisation_id,
            filename="statements.csv",
            media_type=media,
            size_bytes=len(data),
            sha256=sha256,
            kind="AUTO",
        )
    return row.id


async def _events(services: Services, document_id: uuid.UUID, run: Any) -> list[dict[str, Any]]:
    """Every event published while `run` runs, read from the document's channel."""
    pubsub = services.redis.pubsub()
    await pubsub.subscribe(STREAM.channel(document_id))
    try:
        await run
        events: list[dict[str, Any]] = []
        for _ in range(50):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
            if message is not None:
                events.append(json.loads(message["data"]))
            elif events and events[-1]["status"] in ("COMPLETED", "FAILED"):
                break
        return events
    finally:
        await pubsub.aclose()  # type: ignore[no-untyped-call]


async def _row(services: Services, document_id: uuid.UUID) -> Document:
    async with services.sessions() as session:
        row = await session.get(Document, document_id)
    assert row is not None
    return row


async def test_a_document_runs_through_its_stages_with_numbered_events(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_job, "extract_document", _extractor(pages=4))
    document_id = await _stored_document(services)
    events = await _events(services, document_id, run_document(services, document_id))
    stages = [e["stage"] for e in events]
    assert stages[0] == "READING" and stages[-2:] == ["VALIDATING", "DONE"]
    assert stages.count("EXTRACTING") >= 2  # the start and at least one page
    assert [e["seq"] for e in events] == sorted({e["seq"] for e in events})
    percents = [e["percent"] for e in events]
    assert percents == sorted(percents) and percents[-1] == 100
    row = await _row(services, document_id)
    assert (row.status, row.stage, row.pages, row.attempts) == ("COMPLETED", "DONE", 1, 1)
    assert (
        row.extraction is not None
        and row.extraction["periods"][0]["fiscal_year_end"] == "2025-06-30"
    )


async def test_a_second_delivery_records_nothing_more(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_job, "extract_document", _extractor())
    document_id = await _stored_document(services)
    assert await run_document(services, document_id) == "COMPLETED"
    before = await _row(services, document_id)
    assert (await run_document(services, document_id)).startswith("not started")
    after = await _row(services, document_id)
    assert (after.event_seq, after.attempts, after.completed_at) == (
        before.event_seq,
        before.attempts,
        before.completed_at,
    )


async def test_a_dead_workers_document_is_requeued_and_taken_over(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_job, "extract_document", _extractor())
    document_id = await _stored_document(services)
    stale = datetime.now(UTC) - timedelta(minutes=5)
    async with services.sessions.begin() as session:
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == document_id)
            .values(status="RUNNING", stage="EXTRACTING", heartbeat_at=stale, attempts=1)
        )
    assert await sweep_stalled_jobs(services) >= 1
    requeued = await services.redis.get(f"document:{document_id}:requeued-as")
    assert requeued is not None and requeued.decode().startswith(f"document:{document_id}")
    assert await run_document(services, document_id) == "COMPLETED"
    assert (await _row(services, document_id)).attempts == 2


async def test_too_many_pages_fails_with_its_code(services: Services) -> None:
    import struct

    tiff = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for index in range(3):
        tiff += struct.pack("<H", 0) + struct.pack("<I", len(tiff) + 6 if index < 2 else 0)
    document_id = await _stored_document(services, bytes(tiff), "image/tiff")
    limited = dataclasses.replace(
        services, settings=services.settings.model_copy(update={"max_document_pages": 2})
    )
    assert await run_document(limited, document_id) == "FAILED"
    row = await _row(services, document_id)
    assert (row.error_code, row.pages) == ("TOO_MANY_PAGES", None)
    assert "3 pages" in (row.error_message or "")


async def test_an_unreadable_file_fails_with_its_code(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_job, "extract_document", _extractor(fail=ValueError("bad xref")))
    document_id = await _stored_document(services)
    assert await run_document(services, document_id) == "FAILED"
    assert (await _row(services, document_id)).error_code == "UNREADABLE"


PROGRESS = """subscription ($id: ID!) { documentProgress(id: $id) {
  documentId seq status stage percent message } }"""


async def test_document_progress_follows_an_upload_to_its_end(
    app: Starlette, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    from core.redis import is_embedded
    from tests.fixtures.valuations import run_worker

    monkeypatch.setattr(document_job, "extract_document", _extractor())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        uploaded = await upload(client, CSV_BYTES, "statements.csv")
    document = uploaded.json()["data"]["uploadDocument"]["document"]["id"]
    events: list[dict[str, Any]] = []
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        subscribe = {"query": PROGRESS, "variables": {"id": document}}
        await socket.send(json.dumps({"id": "d", "type": "subscribe", "payload": subscribe}))
        worker = None if is_embedded(services.redis) else asyncio.create_task(run_worker(services))
        while True:
            message = json.loads(await asyncio.wait_for(socket.recv(), 20))
            if message["type"] == "complete":
                break
            events.append(message["payload"]["data"]["documentProgress"])
        if worker is not None:
            await worker
    assert events[-1]["status"] == "COMPLETED" and events[-1]["stage"] == "DONE"
    assert all(e["documentId"] == document for e in events)
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)


async def test_a_rendered_annual_report_is_extracted_by_the_real_readers(
    services: Services,
) -> None:
    """No stand-in: the Australian fixture report (tests/fixtures/statements/australian.py)
    through the job; every stated figure equals tests/fixtures/statements/truth.py's."""
    from contracts.document_extraction import StoredExtraction
    from tests.fixtures.statements.australian import report
    from tests.fixtures.statements.truth import AUSTRALIAN

    document_id = await _stored_document(services, report(), "application/pdf")
    await run_document(services, document_id)
    row = await _row(services, document_id)
    assert row.status == "COMPLETED", (row.error_code, row.error_message)
    stored = StoredExtraction.model_validate(row.extraction)
    found = {(p.fiscal_year_end, f.name): f.value for p in stored.periods for f in p.fields}
    for year_end, figures in AUSTRALIAN.items():
        for name, value in figures.items():
            assert found[(year_end, name.value)] == value, (year_end, name)
