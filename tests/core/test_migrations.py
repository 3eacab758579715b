"""Migrations run on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import models  # noqa: F401  (registers the tables)
from core.db import create_engine
from core.migrate import alembic_config, upgrade_to_head
from core.settings import Settings
from tests.fixtures.settings import embedded_settings


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


async def _schema_drift(engine: AsyncEngine) -> list[object]:
    async with engine.connect() as connection:
        return await connection.run_sync(_differences)


async def test_sqlite_database_at_head_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(embedded_settings(tmp_path))
    await upgrade_to_head(engine)
    assert await _schema_drift(engine) == []
    await engine.dispose()


async def test_postgres_database_at_head_matches_the_models(services_settings: Settings) -> None:
    engine = create_engine(services_settings)
    assert await _schema_drift(engine) == []
    await engine.dispose()


async def test_sqlite_migrations_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    engine = create_engine(embedded_settings(tmp_path))
    await upgrade_to_head(engine)

    def downgrade(connection: Connection) -> list[str]:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        return inspect(connection).get_table_names()

    async with engine.begin() as connection:
        tables = await connection.run_sync(downgrade)
    assert tables == ["alembic_version"]
    await upgrade_to_head(engine)
    assert await _schema_drift(engine) == []
    await engine.dispose()


async def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    engine = create_engine(embedded_settings(tmp_path))
    await upgrade_to_head(engine)
    await upgrade_to_head(engine)
    assert await _schema_drift(engine) == []
    await engine.dispose()
