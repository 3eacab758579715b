"""Fixtures for the two runtime modes.

`services` mode talks to the real PostgreSQL and Redis named by DATABASE_URL and REDIS_URL (local
defaults below). When they cannot be reached the tests that need them fail under CI (CI=true or
IPOVAL_REQUIRE_SERVICES=1) and are skipped, loudly, elsewhere. `embedded` mode needs nothing.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from app import create_app
from core.db import create_engine
from core.migrate import upgrade_to_head
from core.settings import Settings
from edge.state import app_state
from runtime.services import Services, open_services
from tests.support import service_unavailable
from workers.directory_sync import sync_company_directory

DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/ipoval_test"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def _refuse_to_wipe_anything_but_test_stores() -> None:
    # The suite drops the database schema and flushes the Redis database it is given.
    database = make_url(DATABASE_URL).database or ""
    redis_db = REDIS_URL.rstrip("/").rsplit("/", 1)[-1]
    if not database.endswith("_test") or not redis_db.isdigit() or redis_db == "0":
        pytest.fail(
            f"refusing to wipe {DATABASE_URL} / {REDIS_URL}: tests need a database whose name "
            "ends in _test and a Redis URL naming a database other than 0",
            pytrace=False,
        )


async def _create_database_if_missing(url: str) -> None:
    parsed = make_url(url)
    admin = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database="postgres",
    )
    try:
        exists = await admin.fetchval(
            "SELECT 1 FROM pg_database WHERE datname = $1", parsed.database
        )
        if not exists:
            await admin.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def services_settings() -> Settings:
    """Settings for real PostgreSQL and Redis, with a freshly migrated, empty test database."""
    _refuse_to_wipe_anything_but_test_stores()
    settings = Settings(database_url=DATABASE_URL, redis_url=REDIS_URL, env="development")
    try:
        await _create_database_if_missing(settings.effective_database_url)
    except (OSError, asyncpg.PostgresError) as error:
        service_unavailable("PostgreSQL", error)
    try:
        redis = Redis.from_url(REDIS_URL)
        await redis.flushdb()
        await redis.aclose()
    except Exception as error:
        service_unavailable("Redis", error)
    engine = create_engine(settings)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await upgrade_to_head(engine)
    await engine.dispose()
    return settings


@pytest.fixture(scope="session")
async def services_app(services_settings: Settings) -> AsyncIterator[Starlette]:
    async with open_services(services_settings) as services:
        await sync_company_directory(services)
    app = create_app(services_settings)
    async with LifespanManager(app, startup_timeout=60):
        yield app


@pytest.fixture(scope="session")
async def embedded_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Starlette]:
    app = create_app(embedded_settings(tmp_path_factory.mktemp("embedded")))
    async with LifespanManager(app, startup_timeout=60):
        yield app


def embedded_settings(data_dir: Path) -> Settings:
    return Settings(database_url=None, redis_url=None, data_dir=data_dir, env="development")


@pytest.fixture(params=["services", "embedded"])
def app(request: pytest.FixtureRequest) -> Starlette:
    """The running application, once per runtime mode."""
    return request.getfixturevalue(f"{request.param}_app")


@pytest.fixture
def services(app: Starlette) -> Services:
    return app_state(app).services


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def execute(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


def production_settings(data_dir: Path) -> Settings:
    """Production environment on embedded storage, with its own (non-default) secrets."""
    return Settings(
        database_url=None,
        redis_url=None,
        data_dir=data_dir,
        env="production",
        jwt_keys="prod-1:" + "p" * 48,
        encryption_keys="cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1sb24=",
    )
