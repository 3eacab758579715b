"""Reports of completed valuations (a PDF, an XLSX model), and each organisation's branding.

A report is generated once per valuation, format and `digest` (of the result, the branding and
the renderer's version: contracts/report_job.py) by an arq job, and kept in the document store by
its SHA-256 in its organisation's space; the row is the system of record for its progress, as for
valuations and documents. Reports are served only through signed links (edge/report_links.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.ownership import owned_by_organisation


def _timestamp(nullable: bool) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


@owned_by_organisation
class Report(SQLModel, table=True):
    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("valuation_id", "format", "digest"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    valuation_id: uuid.UUID = Field(foreign_key="valuation_job.id", index=True)
    format: str = Field(max_length=8)  # a contracts.report_job.ReportFormat value
    digest: str = Field(max_length=64)
    status: str = Field(max_length=12, index=True)
    stage: str = Field(max_length=20)
    progress: int = 0
    progress_message: str = Field(
        default="", sa_column=Column(Text, nullable=False, server_default="")
    )
    event_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    attempts: int = 0
    sha256: str | None = Field(default=None, max_length=64)  # the file, once generated
    size_bytes: int | None = None
    error_code: str | None = Field(default=None, max_length=40)
    error_message: str | None = None
    created_at: datetime = _timestamp(nullable=False)
    started_at: datetime | None = _timestamp(nullable=True)
    completed_at: datetime | None = _timestamp(nullable=True)


class OrganisationBranding(SQLModel, table=True):
    """An organisation's white label: read and written only for the caller's own organisation
    (its key is the organisation), so it has no ID a stranger could ask for."""

    __tablename__ = "organisation_branding"

    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", primary_key=True)
    name: str = Field(max_length=200)
    primary_colour: str = Field(max_length=7)  # "#RRGGBB"
    accent_colour: str = Field(max_length=7)
    disclaimer: str = Field(sa_column=Column(Text, nullable=False))
    logo_sha256: str | None = Field(default=None, max_length=64)  # in the document store
    logo_media_type: str | None = Field(default=None, max_length=40)
    updated_at: datetime = _timestamp(nullable=False)
