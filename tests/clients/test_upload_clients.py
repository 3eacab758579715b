"""Uploads from the clients people use: Python `gql` 4's file uploads (the GraphQL multipart
request spec) and curl's `-F`, against the server on a real socket."""

from __future__ import annotations

import asyncio
import io
import json
import shutil

import pytest
from gql import Client, FileVar, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport
from starlette.applications import Starlette

from tests.fixtures.servers import serve_in_background
from tests.fixtures.uploads import CSV_BYTES, PDF_BYTES, UPLOAD


async def test_gql_uploads_a_document_with_the_preflight_header(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        transport = HTTPXAsyncTransport(
            url=f"http://{host}/graphql", headers={"Apollo-Require-Preflight": "true"}
        )
        async with Client(transport=transport) as session:
            request = GraphQLRequest(
                UPLOAD,
                variable_values={
                    "file": FileVar(
                        io.BytesIO(CSV_BYTES), filename="fy25.csv", content_type="text/csv"
                    ),
                    "kind": "FINANCIAL_STATEMENTS",
                },
            )
            answer = await session.execute(request, upload_files=True)
    payload = answer["uploadDocument"]
    assert payload["userErrors"] == []
    assert payload["document"]["mediaType"] == "text/csv"
    assert payload["document"]["filename"] == "fy25.csv"


async def test_curl_uploads_a_document_and_is_refused_without_the_header(
    app: Starlette, tmp_path: object
) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed")
    from pathlib import Path

    path = Path(str(tmp_path)) / "annual report.pdf"
    path.write_bytes(PDF_BYTES)
    operations = json.dumps({"query": UPLOAD, "variables": {"file": None}})
    form = [
        "-F",
        f"operations={operations}",
        "-F",
        'map={"0":["variables.file"]}',
        "-F",
        f"0=@{path}",
    ]
    async with serve_in_background(app) as host:
        answers = []
        for headers in (["-H", "Apollo-Require-Preflight: true"], []):
            process = await asyncio.create_subprocess_exec(
                curl,
                "-s",
                f"http://{host}/graphql",
                *headers,
                *form,
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await process.communicate()
            answers.append(json.loads(out))
    accepted, refused = answers
    assert accepted["data"]["uploadDocument"]["document"]["filename"] == "annual report.pdf"
    assert refused["errors"][0]["extensions"]["code"] == "PREFLIGHT_REQUIRED"
