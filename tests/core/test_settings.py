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


def test_environment_defaults_to_development_only_when_embedded() -> None:
    assert Settings(database_url=None, redis_url=None).env is Environment.DEVELOPMENT
    assert Settings(database_url="postgresql://u@h/db", redis_url=None).env is (
        Environment.PRODUCTION
    )
    assert Settings(database_url=None, redis_url="redis://h/1").env is Environment.PRODUCTION


@pytest.mark.parametrize(
    "jwt_keys",
    [
        "dev-1:ipoval-development-signing-key-not-for-production",
        "prod:" + "p" * 40 + ", dev-1:ipoval-development-signing-key-not-for-production",
        "prod:" + "p" * 40 + ",renamed:ipoval-development-signing-key-not-for-production",
    ],
)
def test_the_public_signing_key_is_recognised_however_it_is_listed(jwt_keys: str) -> None:
    assert "IPOVAL_JWT_KEYS" in Settings(jwt_keys=jwt_keys).default_secrets


def test_own_secrets_are_not_mistaken_for_the_defaults() -> None:
    settings = Settings(jwt_keys="prod:" + "p" * 40, encryption_keys=" " + "k" * 43 + "=")
    assert settings.default_secrets == []
