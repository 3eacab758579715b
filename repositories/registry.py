"""SQL over the registry snapshot (the imported ASIC company dataset)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.registry import RegistryEntityRecord
from providers.models import DataSource, Provenance, RegistryEntity

TABLE = RegistryEntityRecord.__table__  # type: ignore[attr-defined]


async def replace_entities(session: AsyncSession, entities: Sequence[RegistryEntity]) -> int:
    """Store a batch of the dataset, replacing earlier rows of the same ACNs; returns the rows
    written. The dataset repeats an ACN once per former name, so the last line of an ACN wins."""
    by_acn = {entity.acn: entity for entity in entities if entity.acn}
    if not by_acn:
        return 0
    await session.execute(delete(TABLE).where(TABLE.c.acn.in_(list(by_acn))))
    await session.execute(
        TABLE.insert(),
        [
            {
                "acn": acn,
                "abn": entity.abn,
                "entity_name": entity.entity_name[:200],
                "entity_type": entity.entity_type,
                "status": entity.status,
                "status_from": entity.status_from,
                "as_of": entity.provenance.as_of,
            }
            for acn, entity in by_acn.items()
        ],
    )
    return len(by_acn)


async def entities_by_identifiers(
    session: AsyncSession, identifiers: Iterable[str]
) -> dict[str, RegistryEntity]:
    """Entities by 9-digit ACN or 11-digit ABN, keyed by the identifier asked for."""
    wanted = list(identifiers)
    if not wanted:
        return {}
    rows = await session.execute(
        select(TABLE).where(or_(TABLE.c.acn.in_(wanted), TABLE.c.abn.in_(wanted)))
    )
    found: dict[str, RegistryEntity] = {}
    for row in rows:
        entity = _entity(row)
        for key in (row.acn, row.abn):
            if key in wanted:
                found[key] = entity
    return found


async def search_names(session: AsyncSession, name: str, limit: int) -> list[RegistryEntity]:
    """Registered companies whose name starts with `name` (case-insensitive), then those that
    contain it, alphabetically."""
    pattern = name.strip().upper()
    starts = func.upper(TABLE.c.entity_name).like(f"{_escape(pattern)}%", escape="\\")
    contains = func.upper(TABLE.c.entity_name).like(f"%{_escape(pattern)}%", escape="\\")
    rows = await session.execute(
        select(TABLE).where(contains).order_by(starts.desc(), TABLE.c.entity_name).limit(limit)
    )
    return [_entity(row) for row in rows]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity(row: Row[Any]) -> RegistryEntity:
    return RegistryEntity(
        abn=row.abn,
        acn=row.acn,
        entity_name=row.entity_name,
        entity_type=row.entity_type,
        status=row.status,
        status_from=row.status_from,
        gst_registered_from=None,
        state=None,
        postcode=None,
        business_names=(),
        provenance=Provenance(DataSource.ASIC, row.as_of),
    )
