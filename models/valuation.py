"""Valuation jobs: the system of record for each valuation a caller asks for."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.ownership import owned_by_organisation


def _timestamp(nullable: bool) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


@owned_by_organisation
class ValuationJob(SQLModel, table=True):
    __tablename__ = "valuation_job"
    __table_args__ = (UniqueConstraint("organisation_id", "idempotency_key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", index=True)
    created_by: uuid.UUID | None = None  # the user, or None for a partner's API key
    company_name: str = Field(max_length=200)
    # A contracts.valuation_job.JobStatus and JobStage, stored as their values.
    status: str = Field(max_length=12, index=True)
    stage: str = Field(max_length=40)
    progress: int = 0
    idempotency_key: str | None = Field(default=None, max_length=100)
    input_digest: str = Field(max_length=64)
    inputs: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    result: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # The provider data the valuation used (peers' figures, transactions, RBA series, with their
    # provenance), stored before the engine runs: a re-run values from it, never from newer data.
    gathered: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    error_code: str | None = Field(default=None, max_length=40)
    error_message: str | None = None
    attempts: int = 0
    # The number of the job's last progress event. Numbered here, not in Redis, so that numbers
    # keep rising for live subscribers even after Redis is flushed or restarted.
    event_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The message of that event, written with it: a late subscriber reading the row gets the words
    # the live subscribers got.
    progress_message: str = Field(
        default="", sa_column=Column(Text, nullable=False, server_default="")
    )
    created_at: datetime = _timestamp(nullable=False)
    started_at: datetime | None = _timestamp(nullable=True)
    completed_at: datetime | None = _timestamp(nullable=True)
    # Written when a worker starts the job and at each stage; the sweeper re-queues RUNNING jobs
    # whose heartbeat is older than its grace period (their worker died).
    heartbeat_at: datetime | None = _timestamp(nullable=True)
