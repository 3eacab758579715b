"""Reads of organisation-owned rows. Every query here filters by the caller's organisation, so
another organisation's row reads exactly like a missing one."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from models.ownership import OWNED_TABLES

M = TypeVar("M", bound=SQLModel)


def _check_owned(model: type[SQLModel]) -> None:
    if model.__tablename__ not in OWNED_TABLES:
        raise TypeError(f"{model.__name__} is not declared @owned_by_organisation")


async def get_owned(
    session: AsyncSession, model: type[M], id_: uuid.UUID, organisation_id: uuid.UUID | None
) -> M | None:
    _check_owned(model)
    if organisation_id is None:
        return None
    table = model.__table__  # type: ignore[attr-defined]
    return await session.scalar(
        select(model).where(table.c.id == id_, table.c.organisation_id == organisation_id)
    )


async def list_owned(
    session: AsyncSession, model: type[M], organisation_id: uuid.UUID | None, limit: int = 100
) -> Sequence[M]:
    _check_owned(model)
    if organisation_id is None:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    rows = await session.scalars(
        select(model)
        .where(table.c.organisation_id == organisation_id)
        .order_by(table.c.id)
        .limit(limit)
    )
    return rows.all()
