"""The ASIC company register, imported from ASIC's weekly company dataset as a snapshot.

ABN Lookup answers one entity per request and needs a GUID; the snapshot answers registry questions
offline (sample mode) and without an upstream call. One row per ACN, under the company's current
name; re-importing a newer file replaces the rows it carries.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class RegistryEntityRecord(SQLModel, table=True):
    __tablename__ = "registry_entity"

    acn: str = Field(primary_key=True, max_length=9)
    abn: str | None = Field(default=None, max_length=11, index=True)
    entity_name: str = Field(max_length=200, index=True)
    entity_type: str | None = Field(default=None, max_length=80)
    status: str | None = Field(default=None, max_length=20)
    status_from: date | None = None
    as_of: date  # the dataset's date
