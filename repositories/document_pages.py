"""SQL for the pages OCR has read of documents whose extraction has not finished
(models/document.py DocumentPage). Only the extraction job reads and writes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.document_pages import decode_page, encode_page
from documents.model import PageText
from models.document import DocumentPage

PAGES = DocumentPage.__table__  # type: ignore[attr-defined]


async def pages_read(session: AsyncSession, document_id: uuid.UUID) -> dict[int, PageText]:
    rows = await session.execute(
        select(PAGES.c.number, PAGES.c.words).where(PAGES.c.document_id == document_id)
    )
    read = {}
    for number, words in rows:
        page = decode_page(number, words)
        if page is not None:
            read[number] = page
    return read


async def keep_page(session: AsyncSession, document_id: uuid.UUID, page: PageText) -> None:
    """Keep a page read; a page read twice (two deliveries overlapping) keeps the later read."""
    values = {
        "document_id": document_id,
        "number": page.number,
        "words": encode_page(page),
        "read_at": datetime.now(UTC),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(PAGES).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[PAGES.c.document_id, PAGES.c.number],
            set_={"words": statement.excluded.words, "read_at": statement.excluded.read_at},
        )
    )


async def forget_pages(session: AsyncSession, document_id: uuid.UUID) -> None:
    await session.execute(delete(PAGES).where(PAGES.c.document_id == document_id))
