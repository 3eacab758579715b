"""The GraphQL multipart request spec on /graphql: CSRF protection, limits while streaming, and a
`map` that can only place files where the operation has their placeholders."""

from __future__ import annotations

import json
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.types import Message

from tests.fixtures.uploads import PDF_BYTES, PREFLIGHT, UPLOAD, multipart, upload

TYPENAME = {"query": "{ __typename }"}


async def test_an_upload_without_a_preflight_header_is_refused_before_its_body_is_read(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/graphql", **multipart(PDF_BYTES))
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PREFLIGHT_REQUIRED"


async def test_x_requested_with_is_a_preflight_header_too(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", headers={"X-Requested-With": "XMLHttpRequest"}, **multipart(PDF_BYTES)
    )
    assert response.status_code == 200
    assert response.json()["data"]["uploadDocument"]["userErrors"] == []


async def test_json_posts_are_unchanged_and_need_no_preflight(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=TYPENAME)
    assert response.json() == {
        "data": {"__typename": "Query"},
        "extensions": response.json()["extensions"],
    }
    form = await client.post("/graphql", data={"query": "{ __typename }"})
    assert form.status_code == 415


async def test_an_upload_over_the_limit_is_refused_by_its_declared_length(
    client: httpx.AsyncClient,
) -> None:
    too_big = b"%PDF-1.7\n" + b"0" * (26 * 1024 * 1024)
    response = await upload(client, too_big)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_chunked_upload_is_refused_as_it_streams_past_the_limit(app: Starlette) -> None:
    """No Content-Length: the body is counted as it arrives, and reading stops at the limit
    (25 MiB + 256 KiB), long before the 60 MiB the sender would send."""
    boundary = "x" * 20
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + json.dumps({"query": UPLOAD, "variables": {"file": None}})
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        + json.dumps({"0": ["variables.file"]})
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    chunk = b"0" * (1024 * 1024)
    sent = 0
    messages: list[Message] = []

    async def receive() -> Message:
        nonlocal sent
        sent += 1
        body = head if sent == 1 else chunk
        return {"type": "http.request", "body": body, "more_body": sent < 60}

    async def send(message: Message) -> None:
        messages.append(message)

    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
            (b"apollo-require-preflight", b"true"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert sent <= 28  # 25 MiB + 256 KiB of body, in 1 MiB chunks, and not one chunk more


async def test_a_map_of_a_thousand_entries_is_refused(client: httpx.AsyncClient) -> None:
    operations = {"query": UPLOAD, "variables": {"file": None}}
    files_map = {"0": [f"variables.file{i}" for i in range(1_000)]}
    response = await client.post(
        "/graphql",
        headers=PREFLIGHT,
        data={"operations": json.dumps(operations), "map": json.dumps(files_map)},
        files={"0": ("a.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST" and "1000 paths" in error["message"]


async def test_a_map_path_outside_the_variables_is_refused(client: httpx.AsyncClient) -> None:
    operations = {"query": UPLOAD, "variables": {"file": None}}
    for path in ("query", "variables.missing", "variables.file.0", "__proto__.polluted"):
        response = await client.post(
            "/graphql",
            headers=PREFLIGHT,
            data={"operations": json.dumps(operations), "map": json.dumps({"0": [path]})},
            files={"0": ("a.pdf", PDF_BYTES, "application/pdf")},
        )
        assert response.status_code == 400, path
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_file_the_map_does_not_name_is_refused(client: httpx.AsyncClient) -> None:
    operations = {"query": UPLOAD, "variables": {"file": None}}
    response = await client.post(
        "/graphql",
        headers=PREFLIGHT,
        data={"operations": json.dumps(operations), "map": json.dumps({})},
        files={"stray": ("a.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 400
    assert "not named in `map`" in response.json()["errors"][0]["message"]


async def test_more_files_than_allowed_are_refused(client: httpx.AsyncClient) -> None:
    operations = {"query": UPLOAD, "variables": {"file": None}}
    response = await client.post(
        "/graphql",
        headers=PREFLIGHT,
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files=[("0", ("a.pdf", PDF_BYTES)), ("1", ("b.pdf", PDF_BYTES))],
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_operations_must_be_one_graphql_request(client: httpx.AsyncClient) -> None:
    for operations in ("[]", "not json", json.dumps({"variables": {"file": None}})):
        response = await client.post(
            "/graphql",
            headers=PREFLIGHT,
            data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("a.pdf", PDF_BYTES)},
        )
        assert response.status_code == 400, operations
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
