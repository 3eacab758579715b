"""Query cost: requested before execution, actual after, a maximum per query, a bucket per caller.

The tiny-bucket caller is a `Principal` subclass that overrides `cost_bucket`: the extension only
asks a principal for `limit_key` and `cost_bucket`, so a test can size a bucket without a tier.
Each such caller gets a fresh `user_id`, hence a bucket of its own in either runtime mode. Only
operations that arrive with a request are throttled, so the in-process runs below carry one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import get_introspection_query, parse
from sqlalchemy import event
from starlette.applications import Starlette
from starlette.requests import Request

from accounts.principal import Principal, Role
from api.schema import build_schema
from dataloaders import build_loaders
from limits.cost_plan import actual_cost, build_plan, calculate_requested_cost, requested_cost
from providers.instrumentation import CountingProvider
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from schema.context import Context
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.servers import graphql_socket, serve_in_background

SCHEMA = build_schema()
GRAPHQL_SCHEMA = SCHEMA._schema

# What `edge/graphql_app.py` puts in the context of an operation that came over HTTP.
REQUEST_SCOPE = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}

BHP = '{ company(ticker: "BHP") { name marketData { price } } }'
TOO_EXPENSIVE = (
    "{ companies(first: 100) { edges { node { peers(first: 50) { company { ticker } } } } } }"
)


def cost(query: str, variables: dict[str, Any] | None = None, operation: str | None = None) -> int:
    return calculate_requested_cost(GRAPHQL_SCHEMA, parse(query), variables, operation)


# Requested cost: pure, from the document.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # company 1 + marketData 1; scalars are free
        (BHP, 2),
        # companies 1 + 20 * (edges 1 + node 1 + marketData 1)
        ("{ companies(first: 20) { edges { node { ticker marketData { price } } } } }", 61),
        # the argument's default: companies 20, filings 10, peers 10
        ("{ companies { edges { node { ticker } } } }", 1 + 20 * 2),
        ('{ company(ticker: "BHP") { filings { edges { node { title } } } } }', 1 + 1 + 10 * 2),
        ('{ company(ticker: "BHP") { peers { company { ticker } } } }', 1 + 1 + 10 * 1),
        ('{ company(ticker: "BHP") { peers(first: 3) { similarity } } }', 1 + 1),
        # a connection's totalCount is a scalar: only the connection itself costs
        ("{ companies(first: 100) { totalCount } }", 1),
        # pagination multiplies pageInfo too: it is among the connection's children
        ("{ companies(first: 5) { pageInfo { hasNextPage } } }", 1 + 5),
        # a list without `first` counts once
        ('{ company(ticker: "BHP") { financials { periods { revenue } } } }', 3),
        # 1 + 100 * (edges 1 + node 1 + peers (1 + 50 * company 1))
        (TOO_EXPENSIVE, 5_301),
        ("{ economicIndicators { cashRate { value provenance { source } } } }", 3),
    ],
)
def test_requested_cost(query: str, expected: int) -> None:
    assert cost(query) == expected


def test_first_from_variables_and_their_defaults() -> None:
    query = "query ($n: Int! = 3) { companies(first: $n) { edges { node { ticker } } } }"
    assert cost(query, {"n": 5}) == 1 + 5 * 2
    assert cost(query) == 1 + 3 * 2  # the variable's default
    no_default = "query ($n: Int) { companies(first: $n) { edges { node { ticker } } } }"
    assert cost(no_default) == 1 + 20 * 2  # then the argument's default
    assert cost(no_default, {"n": -4}) == 1


def test_fragments_cost_what_they_select() -> None:
    inline = """{ company(ticker: "BHP") {
        marketData { price } peers(first: 2) { multiples { evToEbit } }
    } }"""
    named = """
        query { company(ticker: "BHP") { ...Figures } }
        fragment Figures on Company { marketData { price } peers(first: 2) { ...PeerFigures } }
        fragment PeerFigures on Peer { multiples { evToEbit } }
    """
    inline_fragments = """{ company(ticker: "BHP") {
        ... on Company { marketData { price } }
        ... { peers(first: 2) { ... on Peer { multiples { evToEbit } } } }
    } }"""
    assert cost(inline) == 1 + 1 + (1 + 2 * 1) == 5
    assert cost(named) == cost(inline_fragments) == 5


def test_a_field_selected_twice_is_paid_once_and_aliases_separately() -> None:
    merged = """{
        company(ticker: "BHP") { marketData { price } }
        company(ticker: "BHP") { marketData { beta } multiples { evToEbit } }
    }"""
    assert cost(merged) == 1 + 1 + 1
    aliased = '{ a: company(ticker: "A") { name } b: company(ticker: "B") { name } }'
    assert cost(aliased) == 2


def test_skip_and_include() -> None:
    query = """query ($skip: Boolean!) { company(ticker: "BHP") {
        marketData @skip(if: $skip) { price } multiples @include(if: false) { evToEbit }
    } }"""
    assert cost(query, {"skip": True}) == 1
    assert cost(query, {"skip": False}) == 2


def test_introspection_is_free() -> None:
    assert cost("{ __typename }") == 0
    assert cost('{ __type(name: "Company") { fields { name type { name } } } }') == 0
    assert cost(get_introspection_query(descriptions=True)) == 0
    assert cost('{ __typename company(ticker: "BHP") { __typename name } }') == 1


def test_only_the_selected_operation_counts() -> None:
    document = f"query Cheap {BHP} query Dear {{ companies {{ edges {{ node {{ ticker }} }} }} }}"
    assert cost(document, operation="Cheap") == 2
    assert cost(document, operation="Dear") == 41
    assert cost(document) == 0  # ambiguous: execution refuses it
    assert cost(document, operation="Missing") == 0


def test_cyclic_fragments_do_not_recurse_forever() -> None:
    # Validation refuses these documents; the cost stays finite anyway.
    self_spread = """{ company(ticker: "BHP") { ...A } }
        fragment A on Company { marketData { price } ...A }"""
    assert cost(self_spread) == 2
    through_fields = """{ company(ticker: "BHP") { ...A } }
        fragment A on Company { peers(first: 2) { company { ...B } } }
        fragment B on Company { marketData { price } ...A }"""
    # company 1 + peers (1 + 2 * company (1 + marketData 1)); the inner ...A is the cycle
    assert cost(through_fields) == 1 + 1 + 2 * 2


# Actual cost: the plan over the data returned.


def actual(query: str, data: dict[str, Any] | None) -> int:
    return actual_cost(build_plan(GRAPHQL_SCHEMA, parse(query)), data)


def test_actual_cost_of_a_full_page_is_the_requested_cost() -> None:
    query = "{ companies(first: 2) { edges { node { ticker marketData { price } } } } }"
    full = {
        "companies": {"edges": [{"node": {"ticker": t, "marketData": {"price": 1}}} for t in "AB"]}
    }
    assert actual(query, full) == cost(query) == 1 + 2 * 3


def test_actual_cost_counts_what_came_back() -> None:
    query = "{ companies(first: 20) { edges { node { ticker marketData { price } } } } }"
    short = {
        "companies": {
            "edges": [
                {"node": {"ticker": "A", "marketData": {"price": 1}}},
                {"node": {"ticker": "B", "marketData": None}},  # a null object costs 0
            ]
        }
    }
    assert actual(query, short) == 1 + 3 + 2
    assert actual(query, {"companies": {"edges": []}}) == 1
    assert actual(query, None) == actual(query, {}) == 0
    assert actual(BHP, {"company": None}) == 0


def test_actual_cost_of_a_page_list_pays_the_field_once() -> None:
    query = '{ company(ticker: "BHP") { peers(first: 10) { company { ticker } } } }'
    three = {"company": {"peers": [{"company": {"ticker": t}} for t in "ABC"]}}
    assert actual(query, three) == 1 + 1 + 3
    assert cost(query) == 1 + 1 + 10


def test_actual_cost_of_a_list_without_first_counts_every_item() -> None:
    query = '{ company(ticker: "BHP") { financials { periods { revenue } } } }'
    data = {"company": {"financials": {"periods": [{"revenue": 1.0}] * 5}}}
    assert actual(query, data) == 1 + 1 + 5  # more than the 3 requested: never charged extra


def test_actual_cost_follows_aliases_and_fragments() -> None:
    query = """{ a: company(ticker: "A") { ...F } b: company(ticker: "B") { ...F } }
        fragment F on Company { marketData { price } }"""
    plan = build_plan(GRAPHQL_SCHEMA, parse(query))
    assert requested_cost(plan) == 4
    assert actual_cost(plan, {"a": {"marketData": {"price": 1}}, "b": None}) == 2


# The extension: limits, bucket, refund and the `extensions.cost` payload.


@dataclasses.dataclass(frozen=True, slots=True)
class SizedBucketPrincipal(Principal):
    bucket: tuple[int, float] = (1_000, 50.0)

    @property
    def cost_bucket(self) -> tuple[int, float]:
        return self.bucket


def caller(size: int, restore_rate: float) -> SizedBucketPrincipal:
    return SizedBucketPrincipal(
        role=Role.USER, client_ip="127.0.0.1", user_id=uuid.uuid4(), bucket=(size, restore_rate)
    )


@dataclasses.dataclass
class Run:
    services: Services
    counting: CountingProvider
    sql: list[str]

    async def execute(self, query: str, principal: Principal, *, from_outside: bool = True) -> Any:
        counted = dataclasses.replace(
            self.services, providers=ProviderRegistry.single(self.counting)
        )
        context = Context(
            counted,
            build_loaders(counted),
            request=Request(REQUEST_SCOPE) if from_outside else None,
            principal=principal,
        )
        return await SCHEMA.execute(query, context_value=context)

    @property
    def resolvers_ran(self) -> bool:
        return bool(self.counting.calls) or bool(self.sql)


@pytest.fixture
def run(services: Services) -> Iterator[Run]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(services.engine.sync_engine, "before_cursor_execute", record)
    yield Run(services, CountingProvider(SampleProvider()), statements)
    event.remove(services.engine.sync_engine, "before_cursor_execute", record)


async def test_every_response_carries_its_cost(gql: GraphQLClient) -> None:
    result = await gql.execute(BHP)
    assert "errors" not in result
    cost_ = result["extensions"]["cost"]
    assert cost_["requestedQueryCost"] == 2
    assert cost_["actualQueryCost"] == 2
    status = cost_["throttleStatus"]
    assert set(status) == {"maximumAvailable", "currentlyAvailable", "restoreRate"}
    assert isinstance(status["maximumAvailable"], int)
    assert isinstance(status["currentlyAvailable"], int)
    assert isinstance(status["restoreRate"], float)
    assert 0 <= status["currentlyAvailable"] <= status["maximumAvailable"]


async def test_over_the_maximum_is_refused_before_any_resolver_runs(run: Run) -> None:
    principal = caller(10_000, 1.0)
    result = await run.execute(TOO_EXPENSIVE, principal)
    assert result.data is None
    [error] = result.errors
    assert error.extensions == {"code": "MAX_COST_EXCEEDED", "cost": 5_301, "maxCost": 1_000}
    assert not run.resolvers_ran
    assert result.extensions["cost"] == {
        "requestedQueryCost": 5_301,
        "actualQueryCost": None,
        "throttleStatus": {
            "maximumAvailable": 10_000,
            "currentlyAvailable": 10_000,  # nothing taken
            "restoreRate": 1.0,
        },
    }


async def test_over_the_maximum_over_http_keeps_its_code(gql: GraphQLClient) -> None:
    result = await gql.execute(TOO_EXPENSIVE)
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["MAX_COST_EXCEEDED"]
    assert result["extensions"]["cost"]["requestedQueryCost"] == 5_301
    assert result["extensions"]["cost"]["actualQueryCost"] is None


async def test_an_empty_bucket_throttles_without_running_resolvers(run: Run) -> None:
    principal = caller(5, 0.001)  # two queries of 2, then 1 point left for about 17 minutes
    for left in (3, 1):
        result = await run.execute(BHP, principal)
        assert result.errors is None
        assert result.extensions["cost"]["throttleStatus"]["currentlyAvailable"] == left
    run.counting.calls.clear()
    run.sql.clear()

    result = await run.execute(BHP, principal)
    assert result.data is None
    [error] = result.errors
    assert error.extensions == {"code": "THROTTLED", "cost": 2}
    assert not run.resolvers_ran
    assert result.extensions["cost"] == {
        "requestedQueryCost": 2,
        "actualQueryCost": None,
        "throttleStatus": {"maximumAvailable": 5, "currentlyAvailable": 1, "restoreRate": 0.001},
    }
    # a free query still passes
    assert (await run.execute("{ __typename }", principal)).errors is None


async def test_the_bucket_refills_over_time(run: Run) -> None:
    principal = caller(2, 4.0)  # empty after one query of 2, full again 0.5 s later
    assert (await run.execute(BHP, principal)).errors is None
    refused = await run.execute(BHP, principal)
    assert [e.extensions["code"] for e in refused.errors] == ["THROTTLED"]
    await asyncio.sleep(0.6)
    again = await run.execute(BHP, principal)
    assert again.errors is None
    assert again.extensions["cost"]["throttleStatus"]["currentlyAvailable"] == 0


async def test_the_difference_between_requested_and_actual_is_refunded(run: Run) -> None:
    principal = caller(100, 0.001)
    unknown = '{ company(ticker: "ZZZZ") { name marketData { price } } }'
    result = await run.execute(unknown, principal)
    assert result.data == {"company": None}
    assert result.extensions["cost"]["requestedQueryCost"] == 2
    assert result.extensions["cost"]["actualQueryCost"] == 0
    assert result.extensions["cost"]["throttleStatus"]["currentlyAvailable"] == 100

    short_page = '{ companies(first: 10, filter: {search: "BHP"}) { edges { node { ticker } } } }'
    result = await run.execute(short_page, principal)
    assert len(result.data["companies"]["edges"]) == 1
    assert result.extensions["cost"]["requestedQueryCost"] == 1 + 10 * 2
    assert result.extensions["cost"]["actualQueryCost"] == 1 + 1 * 2
    assert result.extensions["cost"]["throttleStatus"]["currentlyAvailable"] == 100 - 3


async def test_document_errors_are_not_costed(gql: GraphQLClient) -> None:
    result = await gql.execute("{ nope }")
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "cost" not in result.get("extensions", {})


async def test_in_process_callers_are_costed_but_never_throttled(run: Run) -> None:
    principal = caller(1, 0.001)  # could not pay for BHP from outside
    for _ in range(3):
        result = await run.execute(BHP, principal, from_outside=False)
        assert result.errors is None
        assert result.extensions["cost"] == {
            "requestedQueryCost": 2,
            "actualQueryCost": 2,
            "throttleStatus": None,
        }
    result = await run.execute(TOO_EXPENSIVE, principal, from_outside=False)
    assert [e.extensions["code"] for e in result.errors] == ["MAX_COST_EXCEEDED"]


async def test_query_over_graphql_transport_ws_carries_its_cost(app: Starlette) -> None:
    async with (
        serve_in_background(app) as host,
        graphql_socket(host) as socket,
    ):
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        for id_, query in (("1", BHP), ("2", TOO_EXPENSIVE)):
            await socket.send(
                json.dumps({"id": id_, "type": "subscribe", "payload": {"query": query}})
            )
            message: dict[str, Any] = json.loads(await socket.recv())
            assert message["type"] == "next", message
            payload = message["payload"]
            if id_ == "1":
                assert payload["data"]["company"]["name"] == "BHP GROUP LIMITED"
                assert payload["extensions"]["cost"]["actualQueryCost"] == 2
            else:
                assert payload["data"] is None
                assert payload["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"
            assert json.loads(await socket.recv()) == {"id": id_, "type": "complete"}
