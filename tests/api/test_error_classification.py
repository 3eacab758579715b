"""Which failures are the caller's, which are outages, and which are ours (masked)."""

from __future__ import annotations

import httpx
import pytest
from graphql import GraphQLError
from redis.exceptions import ConnectionError as RedisConnectionError

from api.error_handling import MaskUnexpectedErrors
from edge.graphiql import PAGE_ASSETS


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ({"query": "fragment F on Query { __typename }"}, "no operation"),
        ({"query": "query A { __typename }", "operationName": "B"}, "unknown operationName"),
    ],
)
async def test_a_document_without_an_operation_to_run_is_the_callers_error(
    client: httpx.AsyncClient, body: dict[str, str], why: str
) -> None:
    response = await client.post("/graphql", json=body, headers={"Accept": "application/json"})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", why
    assert "correlationId" not in error["extensions"]


def test_a_resolver_that_cannot_reach_redis_reports_service_unavailable() -> None:
    original = RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    error = GraphQLError("boom", path=["valuation"], original_error=original)
    masked = MaskUnexpectedErrors().anonymise_error(error)
    assert masked.extensions is not None
    assert masked.extensions["code"] == "SERVICE_UNAVAILABLE"
    assert masked.extensions["retryAfter"] > 0
    assert "6379" not in masked.message  # the address stays in the log


def test_any_other_exception_is_still_masked_as_internal() -> None:
    error = GraphQLError("boom", path=["x"], original_error=ZeroDivisionError("division"))
    masked = MaskUnexpectedErrors().anonymise_error(error)
    assert masked.extensions is not None
    assert masked.extensions["code"] == "INTERNAL_ERROR"
    assert masked.message == "Internal server error."


async def test_graphiql_assets_do_not_spend_the_callers_request_allowance(
    client: httpx.AsyncClient,
) -> None:
    first = await client.post("/graphql", json={"query": "{ __typename }"})
    for asset in PAGE_ASSETS:
        assert (await client.get(asset.url)).status_code == 200
    second = await client.post("/graphql", json={"query": "{ __typename }"})
    spent = int(first.headers["x-ratelimit-remaining"]) - int(
        second.headers["x-ratelimit-remaining"]
    )
    assert spent == 1  # the second query only, none of the assets
