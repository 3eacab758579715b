"""Loaders over the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from core.db import SessionFactory
from repositories.companies import (
    CompanySearch,
    DirectoryEntry,
    companies_by_tickers,
    count_companies,
    page_companies,
)


class CompanyByTickerLoader(DataLoader[str, DirectoryEntry | None]):
    """Directory rows by upper-case ticker; `None` for an unknown ticker."""

    def __init__(self, sessions: SessionFactory, **options: Any) -> None:
        self._sessions = sessions
        super().__init__(load_fn=self._load, **options)

    async def _load(self, tickers: Sequence[str]) -> list[DirectoryEntry | None]:
        async with self._sessions() as session:
            found = await companies_by_tickers(session, tickers)
        return [found.get(ticker) for ticker in tickers]


@dataclass(frozen=True, slots=True)
class CompanyPageRequest:
    search: CompanySearch
    first: int
    after_ticker: str | None


@dataclass(frozen=True, slots=True)
class CompanyPage:
    records: list[DirectoryEntry]
    has_next_page: bool
    total_count: int


class CompanyPageByRequestLoader(DataLoader[CompanyPageRequest, CompanyPage]):
    """Directory pages; every page requested in a tick shares one database session."""

    def __init__(self, sessions: SessionFactory, **options: Any) -> None:
        self._sessions = sessions
        super().__init__(load_fn=self._load, **options)

    async def _load(self, requests: Sequence[CompanyPageRequest]) -> list[CompanyPage]:
        pages = []
        async with self._sessions() as session:
            for request in requests:
                records, has_next = await page_companies(
                    session, request.search, request.first, request.after_ticker
                )
                total = await count_companies(session, request.search)
                pages.append(CompanyPage(records, has_next, total))
        return pages
