"""Inputs that reached an HTTP 500 or a dropped socket before: each is a clear, coded refusal."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.applications import Starlette

from tests.fixtures.servers import graphql_socket, serve_in_background

HUGE_INTEGER = "1" * 5000


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "{ __typename }", "variables": {"x": ' + HUGE_INTEGER + "}}",
        '{"query": "{ __typename }", "variables": {"x": NaN}}',
        '{"query": "{ __typename }", "variables": {"x": Infinity}}',
    ],
    ids=["integer-over-the-digit-limit", "nan", "infinity"],
)
async def test_json_the_standard_library_also_refuses_is_400_bad_request(
    client: httpx.AsyncClient, body: str
) -> None:
    response = await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "x-request-id" in response.headers


async def test_a_lone_surrogate_in_operation_name_is_bad_user_input(
    client: httpx.AsyncClient,
) -> None:
    body = '{"query": "query A { __typename }", "operationName": "\\ud800"}'
    response = await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_two_logins_through_fragments_are_refused_like_aliased_ones(
    client: httpx.AsyncClient,
) -> None:
    query = (
        'mutation { ... on Mutation { a: login(email: "x@y.z", password: "p1") { accessToken } }'
        " ...B } "
        'fragment B on Mutation { b: login(email: "x@y.z", password: "p2") { accessToken } }'
    )
    response = await client.post("/graphql", json={"query": query})
    errors = response.json()["errors"]
    assert errors[0]["message"] == "One `login` or `refreshToken` per request."
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert response.json().get("data") is None


def test_the_huge_integer_body_is_json_python_refuses() -> None:
    # The premise of the first test: the standard library refuses it (digit limit), not orjson only.
    with pytest.raises(ValueError):
        json.loads('{"x": ' + HUGE_INTEGER + "}")


async def test_a_lone_surrogate_in_a_websocket_variable_is_bad_input_not_a_closed_socket(
    app: Starlette,
) -> None:
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        query = "query ($t: String!) { company(ticker: $t) { name } }"
        # json.dumps would escape the surrogate itself; the frame carries it as the JSON escape.
        payload = json.dumps({"query": query, "variables": {"t": "SURROGATE"}})
        frame = '{"id": "1", "type": "subscribe", "payload": ' + payload + "}"
        frame = frame.replace("SURROGATE", "\\ud800")
        await socket.send(frame)
        message = json.loads(await socket.recv())
        assert message["type"] in ("next", "error"), message
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
