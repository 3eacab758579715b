"""PostgreSQL out of reach (restarting): every request that needs it is answered 503
`SERVICE_UNAVAILABLE` with `Retry-After` in the GraphQL error shape, never a 500, and the API
recovers by itself when the database is back."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy.engine import make_url

from accounts.operators import create_api_key, ensure_organisation
from accounts.tiers import Tier
from app import create_app
from core.settings import Settings
from runtime.services import open_services
from tests.fixtures.outages import fresh_database
from tests.fixtures.tcp_proxy import CuttableProxy
from workers.directory_sync import sync_company_directory

QUERY = {"query": "{ companies(first: 1) { totalCount } }"}
PARTLY = {"query": '{ company(ticker: "BHP") { name } economicIndicators { __typename } }'}


@dataclass
class Outage:
    http: httpx.AsyncClient
    proxy: CuttableProxy
    api_key: str


@pytest.fixture
async def outage() -> AsyncIterator[Outage]:
    database_url = make_url(await fresh_database("db_outage"))
    proxy = CuttableProxy(database_url.host or "127.0.0.1", database_url.port or 5432)
    await proxy.restore()
    settings = Settings(
        database_url=database_url.set(port=proxy.port).render_as_string(hide_password=False),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        env="development",
    )
    async with open_services(settings) as services:
        await sync_company_directory(services)
        await ensure_organisation(services, "partner", Tier.ENTERPRISE)
        _, api_key = await create_api_key(services, "partner", "outage")
    app = create_app(settings)
    try:
        async with LifespanManager(app, startup_timeout=60):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
                yield Outage(http, proxy, api_key)
    finally:
        await proxy.cut()


def assert_service_unavailable(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"].startswith("application/json")
    assert "x-request-id" in response.headers
    body: dict[str, object] = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]  # type: ignore[attr-defined]
    return body


async def test_an_api_key_request_gets_503_service_unavailable_while_the_database_is_away(
    outage: Outage,
) -> None:
    headers = {"X-API-Key": outage.api_key}
    assert (await outage.http.post("/graphql", json=QUERY, headers=headers)).status_code == 200
    await outage.proxy.cut()
    assert_service_unavailable(await outage.http.post("/graphql", json=QUERY, headers=headers))


async def test_a_query_that_needs_the_database_gets_503_and_partial_data_keeps_200(
    outage: Outage,
) -> None:
    await outage.proxy.cut()
    assert_service_unavailable(await outage.http.post("/graphql", json=QUERY))
    partly = await outage.http.post("/graphql", json=PARTLY)
    assert partly.status_code == 200, partly.text
    body = partly.json()
    assert body["data"]["company"] is None and body["data"]["economicIndicators"] is not None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]


async def test_refused_credentials_stay_401_while_the_database_is_away(outage: Outage) -> None:
    await outage.proxy.cut()
    response = await outage.http.post(
        "/graphql", json=QUERY, headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 401, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_readiness_is_503_with_retry_after_and_the_api_recovers_by_itself(
    outage: Outage,
) -> None:
    await outage.proxy.cut()
    ready = await outage.http.get("/readyz")
    assert ready.status_code == 503 and ready.headers["retry-after"] == "5"
    assert ready.json()["database"] != "ok" and ready.json()["redis"] == "ok"

    await outage.proxy.restore()
    headers = {"X-API-Key": outage.api_key}
    deadline = time.monotonic() + 10
    while (
        response := await outage.http.post("/graphql", json=QUERY, headers=headers)
    ).status_code != 200:
        assert time.monotonic() < deadline, response.text
        await asyncio.sleep(0.2)
    assert (await outage.http.get("/readyz")).status_code == 200
