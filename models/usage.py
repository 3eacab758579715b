"""Metered usage per organisation and calendar month (UTC), for tier quotas."""

from __future__ import annotations

import uuid

from sqlmodel import Field, SQLModel


class UsageCounter(SQLModel, table=True):
    __tablename__ = "usage_counter"

    organisation_id: uuid.UUID = Field(foreign_key="organisation.id", primary_key=True)
    metric: str = Field(max_length=40, primary_key=True)  # e.g. "valuations"
    period: str = Field(max_length=7, primary_key=True)  # "YYYY-MM"
    used: int = 0
