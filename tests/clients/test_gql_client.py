"""Python `gql` 4, over HTTP (httpx) and over websockets (graphql-transport-ws)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport
from starlette.applications import Starlette

from tests.fixtures.reference_clients import jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company

COMPANY = GraphQLRequest('{ company(ticker: "BHP") { ticker name } }')
CREATE = """mutation ($input: ValuationInput!) {
  createValuation(input: $input) { job { id status } userErrors { field code message } } }"""
PROGRESS = """subscription ($id: ID!) {
  valuationProgress(id: $id) { seq status stage percent } }"""
OVER_THE_TOKEN_LIMIT = GraphQLRequest("{ " + "__typename " * 2_100 + "}")


@asynccontextmanager
async def over_http(host: str) -> AsyncIterator[Any]:
    transport = HTTPXAsyncTransport(url=f"http://{host}/graphql")
    async with Client(transport=transport) as session:
        yield session


@asynccontextmanager
async def over_websockets(host: str) -> AsyncIterator[Any]:
    # Without the subprotocol gql offers the legacy `graphql-ws` first, which the server refuses.
    transport = WebsocketsTransport(
        url=f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]
    )
    async with Client(transport=transport) as session:
        yield session


async def create_valuation(session: Any) -> str:
    created = await session.execute(GraphQLRequest(CREATE, variable_values={"input": company()}))
    assert created["createValuation"]["userErrors"] == []
    assert created["createValuation"]["job"]["status"] == "QUEUED"
    job_id: str = created["createValuation"]["job"]["id"]
    return job_id


async def test_gql_over_http_queries_and_creates_a_valuation(app: Starlette) -> None:
    async with serve_in_background(app) as host, over_http(host) as session:
        assert (await session.execute(COMPANY))["company"]["ticker"] == "BHP"
        assert await create_valuation(session)


async def test_gql_over_websockets_follows_a_valuation_to_its_end(app: Starlette) -> None:
    async with serve_in_background(app) as host, over_websockets(host) as session:
        job_id = await create_valuation(session)
        events = []
        async with jobs_running(app):
            # The loop ends only when the server completes the subscription.
            async for result in session.subscribe(
                GraphQLRequest(PROGRESS, variable_values={"id": job_id})
            ):
                events.append(result["valuationProgress"])
    assert events[-1]["status"] == "COMPLETED"
    assert events[-1]["percent"] == 100
    assert all(e["status"] in ("QUEUED", "RUNNING") for e in events[:-1])
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))


async def test_gql_over_websockets_reports_a_refused_document_and_goes_on(
    app: Starlette,
) -> None:
    async with serve_in_background(app) as host, over_websockets(host) as session:
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(OVER_THE_TOKEN_LIMIT)
        assert refused.value.errors is not None
        [error] = refused.value.errors
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert "tokens" in error["message"]
        assert (await session.execute(COMPANY))["company"]["ticker"] == "BHP"
