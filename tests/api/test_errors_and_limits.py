"""Expected errors keep their code, unexpected ones are masked, and limits are on by default."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import pytest

from api.schema import build_schema
from core.errors import ProviderUnavailable
from core.logging import correlation_id
from dataloaders import build_loaders
from providers.models import MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from schema.context import Context
from tests.fixtures.api_clients import GraphQLClient

QUERY = '{ company(ticker: "BHP") { name marketData { marketCap } multiples { evToEbitda } } }'


class MarketDataDown(SampleProvider):
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        raise ProviderUnavailable("ASX market data is unavailable.", upstream="ASX")


class MarketDataBroken(SampleProvider):
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")


async def execute_with(services: Services, provider: SampleProvider, query: str = QUERY) -> Any:
    swapped = dataclasses.replace(services, providers=ProviderRegistry.single(provider))
    context = Context(swapped, build_loaders(swapped))
    return await build_schema().execute(query, context_value=context)


async def test_unavailable_upstream_nulls_only_its_fields(services: Services) -> None:
    result = await execute_with(services, MarketDataDown())
    assert result.data["company"]["name"] == "BHP GROUP LIMITED"
    assert result.data["company"]["marketData"] is None
    codes = {e.path[-1]: e.extensions["code"] for e in result.errors}
    assert codes == {"marketData": "PROVIDER_UNAVAILABLE", "multiples": "PROVIDER_UNAVAILABLE"}


async def test_unexpected_error_is_masked_with_a_correlation_id(services: Services) -> None:
    token = correlation_id.set("req-123")
    try:
        result = await execute_with(services, MarketDataBroken())
    finally:
        correlation_id.reset(token)
    error = result.errors[0]
    assert error.message == "Internal server error."
    assert error.extensions == {"code": "INTERNAL_ERROR", "correlationId": "req-123"}
    assert "hunter2" not in str(result.errors)
    assert result.data["company"]["name"] == "BHP GROUP LIMITED"


async def test_unexpected_error_is_logged_with_its_traceback(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="ipoval.graphql"):
        await execute_with(services, MarketDataBroken())
    assert any(r.exc_info and "hunter2" in str(r.exc_info[1]) for r in caplog.records)


async def test_response_echoes_a_sane_request_id(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "abc-123"}
    )
    assert response.headers["x-request-id"] == "abc-123"


async def test_response_replaces_an_unsafe_request_id(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "a b\tc"}
    )
    assert response.headers["x-request-id"] != "a b\tc"


async def test_query_deeper_than_the_limit_is_refused(gql: GraphQLClient) -> None:
    nested = "ticker"
    for _ in range(6):
        nested = f"peers(first: 1) {{ company {{ {nested} }} }}"
    result = await gql.execute(f'{{ company(ticker: "BHP") {{ {nested} }} }}')
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]


async def test_more_aliases_than_the_limit_is_refused(gql: GraphQLClient) -> None:
    aliases = " ".join(f'c{i}: company(ticker: "BHP") {{ ticker }}' for i in range(16))
    result = await gql.execute(f"{{ {aliases} }}")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "aliases" in result["errors"][0]["message"]


async def test_more_tokens_than_the_limit_is_refused(gql: GraphQLClient) -> None:
    fields = " ".join(["__typename"] * 2_500)
    result = await gql.execute(f"{{ {fields} }}")
    assert result.get("data") is None
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "token" in result["errors"][0]["message"].lower()


async def test_introspection_query_of_graphiql_passes_the_limits(gql: GraphQLClient) -> None:
    from graphql import get_introspection_query

    result = await gql.execute(get_introspection_query(descriptions=True))
    assert "errors" not in result


async def test_unknown_field_is_a_validation_error(gql: GraphQLClient) -> None:
    result = await gql.execute("{ nope }")
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_mutation_over_get_is_refused(client: httpx.AsyncClient) -> None:
    mutation = 'mutation { logout(refreshToken: "rt_x") { revokedSessions } }'
    response = await client.get("/graphql", params={"query": mutation})
    assert response.status_code == 405
    assert "Mutations are not allowed when using GET" in response.text


async def test_query_over_get_is_answered(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql", params={"query": '{ company(ticker: "BHP") { ticker } }'}
    )
    assert response.json()["data"] == {"company": {"ticker": "BHP"}}


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"],
)
async def test_post_bodies_other_than_json_are_refused(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/graphql", content=b"query={__typename}", headers={"Content-Type": content_type}
    )
    assert response.status_code in (400, 415)
    assert "data" not in response.text


async def test_repeated_query_is_validated_once(gql: GraphQLClient) -> None:
    from strawberry.extensions.validation_cache import _get_validate_cache

    cache: Any = _get_validate_cache(1_000)
    query = '{ company(ticker: "CBA") { ticker } } # validation-cache probe'
    await gql.execute(query)
    hits_before = cache.cache_info().hits
    await gql.execute(query)
    assert cache.cache_info().hits == hits_before + 1


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query ($f: Int) { companies(first: $f) { totalCount } }", {"f": 2**40}),
        (
            "query ($g: GicsIndustryGroup) "
            "{ companies(filter: {industryGroup: $g}) { totalCount } }",
            {"g": "NOPE"},
        ),
        ("query ($t: String!) { company(ticker: $t) { ticker } }", {}),
    ],
)
async def test_variable_values_of_the_wrong_type_are_bad_input_not_incidents(
    gql: GraphQLClient,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any],
) -> None:
    with caplog.at_level(logging.ERROR, logger="ipoval.graphql"):
        result = await gql.execute(query, **variables)
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Variable '$" in result["errors"][0]["message"]
    assert not caplog.records


async def test_syntax_error_has_a_stable_code(gql: GraphQLClient) -> None:
    result = await gql.execute("{ company(ticker: ")
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_request_body_over_the_limit_is_refused(client: httpx.AsyncClient) -> None:
    query = "{ __typename }" + " " * 300_000
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 413


async def test_chunked_request_body_over_the_limit_is_refused(client: httpx.AsyncClient) -> None:
    from collections.abc import AsyncIterator

    # No Content-Length: the limit can only be found while the body arrives.
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }'
        for _ in range(40):
            yield b" " * 10_000
        yield b'"}'

    response = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["message"] == "Request body over 262144 bytes."
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_chunked_request_body_under_the_limit_is_answered(
    client: httpx.AsyncClient,
) -> None:
    from collections.abc import AsyncIterator

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }'
        yield b" " * 10_000
        yield b'"}'

    response = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_body_over_the_limit_after_the_response_started_ends_quietly() -> None:
    from starlette.types import Message, Receive, Scope, Send

    from edge.middleware import BodySizeLimitMiddleware

    async def streaming_app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.body", "body": b"done"})

    chunks = iter([b"x" * 8, b"x" * 8, b"x" * 8])
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": next(chunks), "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    middleware = BodySizeLimitMiddleware(streaming_app, max_bytes=10)
    await middleware({"type": "http", "headers": []}, receive, send)
    assert [(m["type"], m.get("status")) for m in sent] == [("http.response.start", 200)]


async def test_response_replaces_a_request_id_with_a_trailing_newline(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"X-Request-ID": "abc-123\n"}
    )
    assert response.status_code == 200
    assert response.headers["x-request-id"] not in ("abc-123\n", "abc-123")
