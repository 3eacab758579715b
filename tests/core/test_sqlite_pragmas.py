"""The embedded SQLite database: WAL, and commits that do not wait on the disk."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from core.db import create_engine
from tests.fixtures.settings import embedded_settings


async def test_sqlite_runs_in_wal_with_normal_synchronous(tmp_path: Path) -> None:
    engine = create_engine(embedded_settings(tmp_path))
    try:
        async with engine.connect() as connection:
            journal = (await connection.execute(text("PRAGMA journal_mode"))).scalar()
            synchronous = (await connection.execute(text("PRAGMA synchronous"))).scalar()
    finally:
        await engine.dispose()
    assert journal == "wal"
    assert synchronous == 1  # NORMAL
