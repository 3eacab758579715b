"""SQL for the company directory. Handlers and loaders call these; nothing else writes SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from models.company import CompanyRecord

TABLE = CompanyRecord.__table__  # type: ignore[attr-defined]
T = TABLE.c


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """A read-only directory row. Reads build these from plain rows rather than ORM instances:
    identity-map bookkeeping cost more than the rest of a page's SQL."""

    ticker: str
    name: str
    gics_industry_group: str | None
    acn: str | None
    abn: str | None
    listing_source: str
    listing_as_of: date
    market_cap: float | None


_ENTRY_COLUMNS = [T[name] for name in DirectoryEntry.__slots__]


@dataclass(frozen=True, slots=True)
class CompanySearch:
    industry_group: str | None = None
    text: str | None = None
    min_market_cap: float | None = None
    max_market_cap: float | None = None


def _conditions(search: CompanySearch) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if search.industry_group is not None:
        conditions.append(T.gics_industry_group == search.industry_group)
    if search.text:
        pattern = "%" + _escape_like(search.text.lower()) + "%"
        conditions.append(
            or_(
                func.lower(T.name).like(pattern, escape="\\"),
                func.lower(T.ticker).like(pattern, escape="\\"),
            )
        )
    if search.min_market_cap is not None:
        conditions.append(T.market_cap >= search.min_market_cap)
    if search.max_market_cap is not None:
        conditions.append(T.market_cap <= search.max_market_cap)
    return conditions


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def companies_by_tickers(
    session: AsyncSession, tickers: Sequence[str]
) -> dict[str, DirectoryEntry]:
    rows = await session.execute(select(*_ENTRY_COLUMNS).where(T.ticker.in_(tickers)))
    return {row.ticker: DirectoryEntry(*row) for row in rows}


async def page_companies(
    session: AsyncSession, search: CompanySearch, first: int, after_ticker: str | None
) -> tuple[list[DirectoryEntry], bool]:
    """Keyset page ordered by ticker; fetches one extra row to know whether another page exists."""
    statement = select(*_ENTRY_COLUMNS).where(*_conditions(search)).order_by(T.ticker)
    if after_ticker is not None:
        statement = statement.where(T.ticker > after_ticker)
    rows = [DirectoryEntry(*row) for row in await session.execute(statement.limit(first + 1))]
    return rows[:first], len(rows) > first


async def count_companies(session: AsyncSession, search: CompanySearch) -> int:
    statement = select(func.count()).select_from(CompanyRecord).where(*_conditions(search))
    return int(await session.scalar(statement) or 0)


async def capitalisation_dates(session: AsyncSession) -> dict[str, date | None]:
    """Every company's ticker and the date of its stored market capitalisation (None: none)."""
    rows = await session.execute(select(T.ticker, T.market_cap_as_of))
    return {row.ticker: row.market_cap_as_of for row in rows}


async def replace_directory(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> int:
    """Make the directory exactly `rows` (a complete listing): insert or refresh each row by
    ticker, then delete the companies the listing no longer has. Returns how many were delisted.
    A row without `market_cap` leaves the stored capitalisation columns as they are."""
    synced_at = datetime.now(UTC)
    with_caps = [row for row in rows if "market_cap" in row]
    without_caps = [row for row in rows if "market_cap" not in row]
    for group in (with_caps, without_caps):
        await _upsert(session, group, synced_at)
    delisted = await session.execute(delete(TABLE).where(T.updated_at < synced_at))
    return int(delisted.rowcount or 0)  # type: ignore[attr-defined]


async def _upsert(
    session: AsyncSession, rows: Sequence[dict[str, Any]], synced_at: datetime
) -> None:
    """Rows with the same columns, inserted or updated (those columns only) by ticker."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Old SQLite builds allow 999 bound parameters per statement.
    per_chunk = 999 // (len(rows[0]) + 1)
    for start in range(0, len(rows), per_chunk):
        chunk = [{**row, "updated_at": synced_at} for row in rows[start : start + per_chunk]]
        statement = insert(TABLE).values(chunk)
        updated = {column: statement.excluded[column] for column in chunk[0] if column != "ticker"}
        await session.execute(
            statement.on_conflict_do_update(index_elements=["ticker"], set_=updated)
        )


async def candidate_tickers(
    session: AsyncSession, industry_group: str, named: Sequence[str], excluded: Sequence[str]
) -> list[str]:
    """A valuation's candidate peers: the caller's named peers, or every listed company of the
    industry group (its ASX label) but the excluded ones, in ticker order."""
    if named:
        return [t.upper() for t in named]
    column = CompanyRecord.__table__.c  # type: ignore[attr-defined]
    rows = await session.scalars(
        select(column.ticker)
        .where(column.gics_industry_group == industry_group)
        .order_by(column.ticker)
    )
    left_out = {e.upper() for e in excluded}
    return [t for t in rows if t not in left_out]
