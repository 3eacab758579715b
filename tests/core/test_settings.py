"""Runtime mode and URL handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Environment, RuntimeMode, Settings


def test_no_service_urls_means_embedded_mode_on_a_sqlite_file(tmp_path: Path) -> None:
    settings = Settings(database_url=None, redis_url=None, data_dir=tmp_path)
    assert settings.mode is RuntimeMode.EMBEDDED
    assert settings.effective_database_url == f"sqlite+aiosqlite:///{tmp_path}/ipoval.db"


def test_service_urls_select_services_mode() -> None:
    settings = Settings(database_url="postgresql://u@h/db", redis_url="redis://h:6379/0")
    assert settings.mode is RuntimeMode.SERVICES


@pytest.mark.parametrize("url", ["postgres://u:p@h:5432/db", "postgresql://u:p@h:5432/db"])
def test_plain_postgres_urls_get_the_asyncpg_driver(url: str) -> None:
    settings = Settings(database_url=url, redis_url=None)
    assert settings.effective_database_url == "postgresql+asyncpg://u:p@h:5432/db"


def test_graphiql_follows_the_environment_unless_set() -> None:
    assert Settings(env=Environment.DEVELOPMENT).graphiql_enabled is True
    assert Settings(env=Environment.PRODUCTION).graphiql_enabled is False
    assert Settings(env=Environment.PRODUCTION, graphiql=True).graphiql_enabled is True


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("IPOVAL_MAX_QUERY_DEPTH", "7")
    settings = Settings()
    assert settings.database_url == "postgresql://u@h/db"
    assert settings.max_query_depth == 7
