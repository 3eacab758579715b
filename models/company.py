"""The company directory: every listed company the platform knows, refreshed from providers.

Market capitalisation is copied here from the market-data provider so that the `companies`
connection can filter and page in SQL; the authoritative figure is still read through the
market-data loader.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class CompanyRecord(SQLModel, table=True):
    __tablename__ = "company"

    id: int | None = Field(default=None, primary_key=True)
    ticker: str = Field(max_length=12, unique=True, index=True)
    name: str = Field(max_length=200)
    gics_industry_group: str | None = Field(default=None, max_length=80, index=True)
    acn: str | None = Field(default=None, max_length=9)
    abn: str | None = Field(default=None, max_length=11)
    listing_source: str = Field(max_length=16)
    listing_as_of: date
    market_cap: float | None = Field(default=None, index=True)
    market_cap_as_of: date | None = None
    market_cap_synthetic: bool = False
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
