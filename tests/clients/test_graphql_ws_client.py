"""The protocol's reference client, JS `graphql-ws` run by Node, against the server on a socket."""

from __future__ import annotations

import json

from starlette.applications import Starlette

from tests.fixtures.reference_clients import jobs_running, run_node
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}


async def test_graphql_ws_creates_a_valuation_and_follows_it_to_the_terminal_event(
    app: Starlette,
) -> None:
    async with serve_in_background(app) as host, jobs_running(app):
        lines = await run_node(
            "follow_valuation.mjs", f"ws://{host}/graphql", json.dumps(company())
        )
    created = lines[0]["created"]
    assert created["userErrors"] == []
    assert created["job"]["status"] == "QUEUED"
    events = [line["event"] for line in lines[1:-1]]
    assert lines[-1] == {"completed": True}  # the server ended the subscription
    assert events, "no progress event reached the client"
    assert events[-1]["status"] == "COMPLETED"
    assert events[-1]["percent"] == 100
    assert all(e["status"] not in TERMINAL for e in events[:-1])
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))


async def test_graphql_ws_receives_a_refused_document_as_errors_on_an_open_socket(
    app: Starlette,
) -> None:
    async with serve_in_background(app) as host:
        [refused, after] = await run_node("refused_document.mjs", f"ws://{host}/graphql")
    [error] = refused["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["message"].startswith("Syntax Error")
    assert after == {"data": {"__typename": "Query"}}
