"""SQL for metered usage: one counter per (organisation, metric, period "YYYY-MM").

Consuming is atomic on PostgreSQL and SQLite alike, without reading first:

1. `INSERT ... ON CONFLICT DO NOTHING` makes sure the counter row exists (used = 0);
2. `UPDATE ... SET used = used + 1 WHERE ... AND used < :limit RETURNING used` takes one unit.

On PostgreSQL a concurrent `UPDATE` waits for the row lock and re-checks `used < :limit` against
the committed row (READ COMMITTED re-evaluation), and a concurrent `INSERT` waits for the other
transaction before deciding there is a conflict; on SQLite the first statement takes the database
write lock, so transactions run one after the other. Either way no limit can be overshot.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from models.usage import UsageCounter

TABLE = UsageCounter.__table__  # type: ignore[attr-defined]
T = TABLE.c


@dataclass(frozen=True, slots=True)
class Consumption:
    granted: bool
    used: int  # units used in the period after this attempt (unchanged when refused)


def _key(organisation_id: uuid.UUID, metric: str, period: str) -> list[ColumnElement[bool]]:
    return [T.organisation_id == organisation_id, T.metric == metric, T.period == period]


async def consume(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    metric: str,
    period: str,
    limit: int | None,
) -> Consumption:
    """Take one unit if fewer than `limit` are used (`None`: no limit). Run it in its own
    transaction and commit promptly: on PostgreSQL the row stays locked until then."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(TABLE)
        .values(organisation_id=organisation_id, metric=metric, period=period, used=0)
        .on_conflict_do_nothing(index_elements=["organisation_id", "metric", "period"])
    )
    statement = update(TABLE).where(*_key(organisation_id, metric, period))
    if limit is not None:
        statement = statement.where(T.used < limit)
    used = await session.scalar(statement.values(used=T.used + 1).returning(T.used))
    if used is not None:
        return Consumption(granted=True, used=int(used))
    return Consumption(granted=False, used=await usage(session, organisation_id, metric, period))


async def release(
    session: AsyncSession, organisation_id: uuid.UUID, metric: str, period: str
) -> int:
    """Give one unit back, never going below zero. Returns the units used afterwards."""
    used = await session.scalar(
        update(TABLE)
        .where(*_key(organisation_id, metric, period), T.used > 0)
        .values(used=T.used - 1)
        .returning(T.used)
    )
    if used is not None:
        return int(used)
    return await usage(session, organisation_id, metric, period)


async def usage(session: AsyncSession, organisation_id: uuid.UUID, metric: str, period: str) -> int:
    """Units used in the period; 0 when nothing was consumed yet."""
    used = await session.scalar(select(T.used).where(*_key(organisation_id, metric, period)))
    return int(used or 0)
