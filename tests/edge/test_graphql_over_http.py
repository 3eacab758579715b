"""GraphQL over HTTP: media types and status codes by the spec, every refusal as a GraphQL JSON
error with a stable code, and strings that cannot be stored refused by argument."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from tests.fixtures.documents import LOGIN
from tests.fixtures.servers import serve_in_background
from tests.fixtures.services import services_required

CLIENTS = Path(__file__).resolve().parents[1] / "clients"
GRAPHQL_RESPONSE = "application/graphql-response+json"


async def test_graphql_http_audit_finds_no_errors_and_no_warnings(app: Starlette) -> None:
    node = shutil.which("node")
    if node is None or not (CLIENTS / "node_modules" / "graphql-http").is_dir():
        message = "node or tests/clients/node_modules (npm ci in tests/clients) is missing"
        if services_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    async with serve_in_background(app) as host:
        process = await asyncio.create_subprocess_exec(
            node,
            "audit_http.mjs",
            f"http://{host}/graphql",
            cwd=CLIENTS,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["failed"] == []
    assert report["counts"]["ok"] == report["total"] > 50


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        ("*/*", "application/json"),
        ("", "application/json"),
    ],
)
async def test_response_media_type_follows_accept(
    client: httpx.AsyncClient, accept: str, media_type: str
) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.json()["data"] == {"__typename": "Query"}


async def test_accept_without_a_supported_type_is_406(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ company(ticker: ", None),  # parse failure
        ("{ nope }", None),  # validation failure
        ("query ($t: String!) { company(ticker: $t) { ticker } }", {}),  # variable coercion
    ],
)
async def test_request_errors_are_400_without_data_for_graphql_response_json(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None
) -> None:
    body = {"query": query, "variables": variables}
    strict = await client.post("/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE})
    legacy = await client.post("/graphql", json=body, headers={"Accept": "application/json"})
    assert strict.status_code == 400
    assert "data" not in strict.json()
    assert strict.json()["errors"][0]["extensions"]["code"]
    assert legacy.status_code == 200
    assert legacy.json()["data"] is None


async def test_field_error_is_200_with_data_for_graphql_response_json(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": '{ company(ticker: "%s") { ticker } }' % ("X" * 50)},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"company": None}
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


JSON_BODY = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b'{"query": "{ __typename }", "x": "\xff\xfe"}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'"{ __typename }"', JSON_BODY, 400, "BAD_REQUEST"),
        (b"null", JSON_BODY, 400, "BAD_REQUEST"),
        (b"42", JSON_BODY, 400, "BAD_REQUEST"),
        (b'[{"query": "{ __typename }"}]', JSON_BODY, 400, "BAD_REQUEST"),
        (
            b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
            JSON_BODY,
            400,
            "BAD_REQUEST",
        ),
        (b'{"query": "{ __typename }"', JSON_BODY, 400, "BAD_REQUEST"),
        (b"", JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": ""}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": "   "}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"variables": {}}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": 7}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": [1]}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": "x"}', JSON_BODY, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "operationName": 1}', JSON_BODY, 400, "BAD_REQUEST"),
        (
            b"query=%7B__typename%7D",
            {"Content-Type": "application/x-www-form-urlencoded"},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            b"--x\r\nContent-Disposition: form-data; name=query\r\n\r\n{ __typename }\r\n--x--",
            {"Content-Type": "multipart/form-data; boundary=x"},
            400,
            "PREFLIGHT_REQUIRED",  # multipart is for uploads, which need a preflight header
        ),
        (b'{"query": "{ __typename }"}', {}, 415, "UNSUPPORTED_MEDIA_TYPE"),
    ],
    ids=[
        "invalid-utf8",
        "json-string",
        "json-null",
        "json-number",
        "batch",
        "deep-variables",
        "malformed-json",
        "empty-body",
        "empty-query",
        "blank-query",
        "missing-query",
        "query-not-a-string",
        "variables-array",
        "variables-string",
        "operation-name-number",
        "form",
        "multipart",
        "no-content-type",
    ],
)
async def test_transport_refusal_is_graphql_json_with_a_code_and_request_id(
    client: httpx.AsyncClient, content: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    response = await client.post(
        "/graphql", content=content, headers={**headers, "X-Request-ID": "refusal-1"}
    )
    assert response.status_code == status
    assert response.headers["x-request-id"] == "refusal-1"
    body = response.json()
    assert set(body) == {"errors"}
    assert body["errors"][0]["extensions"]["code"] == code
    assert body["errors"][0]["message"]


async def test_mutation_over_get_is_405_method_not_allowed(client: httpx.AsyncClient) -> None:
    mutation = 'mutation { logout(refreshToken: "rt_x") { revokedSessions } }'
    response = await client.get("/graphql", params={"query": mutation})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_wrong_method_is_405_in_the_graphql_shape(
    client: httpx.AsyncClient, method: str
) -> None:
    response = await client.request(method, "/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert "x-request-id" in response.headers
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_body_over_the_limit_is_413_in_the_graphql_shape(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }" + " " * 300_000})
    assert response.status_code == 413
    assert "x-request-id" in response.headers
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert error["extensions"]["maximum"] == 262_144


UNSTORABLE = ["a\x00b", "a\ud800b"]


@pytest.mark.parametrize("bad", UNSTORABLE, ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (LOGIN, {"e": "{bad}", "p": "secret"}, ["email"]),
        (LOGIN, {"e": "a@example.com", "p": "{bad}"}, ["password"]),
        (
            "query ($s: String) { companies(filter: {search: $s}) { totalCount } }",
            {"s": "{bad}"},
            ["filter", "search"],
        ),
        ("query ($t: String!) { company(ticker: $t) { ticker } }", {"t": "{bad}"}, ["ticker"]),
    ],
)
async def test_unstorable_string_in_a_variable_is_bad_input_naming_the_argument(
    client: httpx.AsyncClient, bad: str, query: str, variables: dict[str, str], field: list[str]
) -> None:
    values = {name: bad if value == "{bad}" else value for name, value in variables.items()}
    # The standard library writes a lone surrogate as the JSON escape "\ud800", as clients do.
    content = json.dumps({"query": query, "variables": values}).encode()
    response = await client.post("/graphql", content=content, headers=JSON_BODY)
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ('mutation { login(email: "a\\u0000@x", password: "p") { accessToken } }', ["email"]),
        ('{ companies(filter: {search: "b\\u0000"}) { totalCount } }', ["filter", "search"]),
        ('{ company(ticker: "B\\u0000HP") { ticker } }', ["ticker"]),
    ],
)
async def test_nul_in_a_literal_is_bad_input_naming_the_argument(
    client: httpx.AsyncClient, query: str, field: list[str]
) -> None:
    response = await client.post("/graphql", json={"query": query})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field


async def test_lone_surrogate_in_a_literal_is_a_syntax_error_not_an_incident(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/graphql", json={"query": '{ company(ticker: "\\ud800") { ticker } }'}
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
