"""Documents an organisation uploads for extraction, and the corrections its users make to the
figures extracted from them.

The file itself is not here: it is stored by content (its SHA-256) in the document store
(runtime/document_store.py); the row is the system of record for everything else, the extraction
job's progress included (as for valuation jobs).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Float, Text
from sqlmodel import Field, SQLModel

from models.ownership import owned_by_organisation

MAX_FILENAME_LENGTH = 255


def _timestamp(nullable: bool) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


@owned_by_organisation
class Document(SQLModel, table=True):
    __tablename__ = "document"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    created_by: uuid.UUID | None = None  # the user, or None for a partner's API key
    # As the sender named it, cleaned (no path, no control characters) and bounded. Shown back
    # to the organisation; never used to name anything on disk or in a bucket.
    filename: str = Field(max_length=MAX_FILENAME_LENGTH)
    media_type: str = Field(max_length=100)  # sniffed from the content, never the sender's claim
    size_bytes: int
    sha256: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=40)  # a schema DocumentKind's value
    fiscal_year_end: date | None = None  # the caller's, to date columns the document leaves undated
    pages: int | None = None  # counted by the job's READING stage
    # A contracts.document_job DocumentStatus and DocumentStage, stored as their values.
    status: str = Field(max_length=12, index=True)
    stage: str = Field(max_length=20)
    progress: int = 0
    progress_message: str = Field(
        default="", sa_column=Column(Text, nullable=False, server_default="")
    )
    event_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    attempts: int = 0
    error_code: str | None = Field(default=None, max_length=40)
    error_message: str | None = None
    # contracts.document_extraction.StoredExtraction as JSON: the figures as extracted, never
    # edited (corrections live in document_correction and are applied when read).
    extraction: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _timestamp(nullable=False)
    started_at: datetime | None = _timestamp(nullable=True)
    completed_at: datetime | None = _timestamp(nullable=True)
    heartbeat_at: datetime | None = _timestamp(nullable=True)


class DocumentCorrection(SQLModel, table=True):
    """One correction of one extracted figure: who, when, why, the value before and after.

    Read only through its document, which is read through repositories/owned.py; it carries no
    organisation of its own, so it can never be read apart from one."""

    __tablename__ = "document_correction"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    document_id: uuid.UUID = Field(foreign_key="document.id", index=True)
    fiscal_year_end: date
    field: str = Field(max_length=60)  # a documents.model.Field value
    # The figure before this correction (the extraction's or an earlier correction's); None when
    # the document did not give it.
    old_value: float | None = Field(default=None, sa_column=Column(Float, nullable=True))
    new_value: float = Field(sa_column=Column(Float, nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    corrected_by_user_id: uuid.UUID | None = None
    corrected_by_api_key_id: uuid.UUID | None = None
    corrected_by: str = Field(max_length=320)  # the user's e-mail, or "API key <prefix>"
    corrected_at: datetime = _timestamp(nullable=False)


class DocumentPage(SQLModel, table=True):
    """One page of a document that OCR has read, kept until its extraction finishes.

    OCR takes seconds a page, so a long scan is read over several deliveries of its job, each
    within the job's timeout (workers/document_job.py): each page read is kept here as it is read,
    and the next delivery, or a delivery after a worker died, reads on from the first page not
    kept. Read only through its document, like a correction; deleted when the extraction is
    stored."""

    __tablename__ = "document_page"

    document_id: uuid.UUID = Field(foreign_key="document.id", primary_key=True)
    number: int = Field(primary_key=True)  # 1-based, as documents.model.PageText counts
    # contracts.document_pages's encoding of a documents.model.PageText.
    words: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    read_at: datetime = _timestamp(nullable=False)
