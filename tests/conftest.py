"""Fixtures for the two runtime modes.

`services` mode talks to the real PostgreSQL and Redis named by DATABASE_URL and REDIS_URL
(tests/fixtures/services.py). When they cannot be reached the tests that need them fail under CI
(CI=true or IPOVAL_REQUIRE_SERVICES=1) and are skipped, loudly, elsewhere. `embedded` mode needs
nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from redis.asyncio import Redis
from sqlalchemy import text
from starlette.applications import Starlette

from app import create_app
from core.db import create_engine
from core.migrate import upgrade_to_head
from core.settings import Settings
from edge.state import app_state
from runtime.services import Services, open_services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.s3 import s3_endpoint  # noqa: F401  (a fixture, shared)
from tests.fixtures.services import (
    DATABASE_URL,
    REDIS_URL,
    create_database_if_missing,
    refuse_to_wipe_anything_but_test_stores,
    service_unavailable,
)
from tests.fixtures.settings import embedded_settings
from workers.directory_sync import sync_company_directory


@pytest.fixture(scope="session")
async def services_settings() -> Settings:
    """Settings for real PostgreSQL and Redis, with a freshly migrated, empty test database."""
    refuse_to_wipe_anything_but_test_stores()
    settings = Settings(database_url=DATABASE_URL, redis_url=REDIS_URL, env="development")
    try:
        await create_database_if_missing(settings.effective_database_url)
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


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)
