"""GraphQL over websocket: graphql-transport-ws only, over a real socket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets
from starlette.applications import Starlette

from tests.fixtures.servers import graphql_socket, serve_in_background


async def test_query_runs_over_graphql_transport_ws(app: Starlette) -> None:
    async with (
        serve_in_background(app) as host,
        graphql_socket(host) as socket,
    ):
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {
                        "query": '{ company(ticker: "BHP") { ticker marketData { marketCap } } }'
                    },
                }
            )
        )
        message: dict[str, Any] = json.loads(await socket.recv())
        assert message["type"] == "next"
        assert message["payload"]["data"]["company"]["ticker"] == "BHP"
        assert json.loads(await socket.recv()) == {"id": "1", "type": "complete"}


async def test_legacy_graphql_ws_protocol_is_refused(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        with pytest.raises(websockets.exceptions.ConnectionClosedError) as closed:
            async with websockets.connect(
                f"ws://{host}/graphql",
                subprotocols=["graphql-ws"],  # type: ignore[list-item]
            ) as socket:
                await socket.send(json.dumps({"type": "connection_init"}))
                await socket.recv()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4406


async def messages_until_end(socket: Any, operation_id: str) -> list[dict[str, Any]]:
    """The frames of one operation up to its `complete` or `error`, each checked to be text."""
    frames: list[str | bytes] = [await socket.recv()]
    while json.loads(frames[-1])["type"] not in ("complete", "error"):
        frames.append(await socket.recv())
    assert all(isinstance(frame, str) for frame in frames), "binary frame sent"
    messages = [json.loads(frame) for frame in frames]
    assert all(m["id"] == operation_id for m in messages)
    return messages


async def test_every_protocol_message_is_a_text_frame(app: Starlette) -> None:
    # Browsers hand a binary frame over as a Blob, and graphql-ws and gql refuse one outright.
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        ack = await socket.recv()
        assert isinstance(ack, str)
        assert json.loads(ack) == {"type": "connection_ack"}
        await socket.send(json.dumps({"type": "ping"}))
        pong = await socket.recv()
        assert isinstance(pong, str)
        assert json.loads(pong) == {"type": "pong"}
        subscribe = {"id": "ok", "type": "subscribe", "payload": {"query": "{ __typename }"}}
        await socket.send(json.dumps(subscribe))
        answered = await messages_until_end(socket, "ok")
        assert [m["type"] for m in answered] == ["next", "complete"]
        subscribe = {"id": "bad", "type": "subscribe", "payload": {"query": "{ nope }"}}
        await socket.send(json.dumps(subscribe))
        assert [m["type"] for m in await messages_until_end(socket, "bad")] == ["error"]


DEEP_QUERY = "{ __schema { types { " + "fields { type { " * 8 + "name" + " } }" * 8 + " } } }"
REFUSED_DOCUMENTS = {
    "syntax error": ('{ company(ticker: "BHP") { ticker }', "Syntax Error"),
    "token limit": ("{ " + "__typename " * 2_100 + "}", "more than 2000 tokens"),
    "depth limit": (DEEP_QUERY, "depth exceeded"),
    "alias limit": (
        "{ " + " ".join(f"a{n}: __typename" for n in range(16)) + " }",
        "aliases",
    ),
    "unknown field": ("{ nope }", "Cannot query field 'nope'"),
    "empty query": ("", "The query is empty."),
}


@pytest.mark.parametrize("case", REFUSED_DOCUMENTS, ids=list(REFUSED_DOCUMENTS))
async def test_a_document_that_cannot_run_gets_an_error_message_and_the_socket_stays_open(
    app: Starlette, case: str
) -> None:
    query, expected_message = REFUSED_DOCUMENTS[case]
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        [refused] = await messages_until_end(socket, "1")
        assert refused["type"] == "error"
        [error] = refused["payload"]
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert expected_message in error["message"]

        # The same socket still runs operations, the refused id included.
        again = {"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }"}}
        await socket.send(json.dumps(again))
        answered = await messages_until_end(socket, "1")
        assert answered[0]["payload"]["data"] == {"__typename": "Query"}


MALFORMED_FRAMES: dict[str, tuple[str | bytes, str]] = {
    "not JSON": ("hello", "WebSocket message must be valid JSON"),
    "JSON nested past any limit": ("[" * 5_000 + "]" * 5_000, "must be valid JSON"),
    "a binary frame": (b'{"type": "ping"}', "WebSocket message type must be text"),
    "a JSON array": ("[1, 2]", "Message must be a JSON object"),
    "a JSON number": ("5", "Message must be a JSON object"),
    "no type": ('{"id": "1"}', "Message must have a string 'type'"),
    "a numeric type": ('{"type": 5}', "Message must have a string 'type'"),
    "an unknown type": ('{"type": "hello"}', "Unknown message type: hello"),
    "a server message": ('{"type": "next", "id": "1", "payload": {}}', "Unknown message type"),
    "subscribe without id": (
        '{"type": "subscribe", "payload": {"query": "{ __typename }"}}',
        "'subscribe' needs a non-empty string 'id'",
    ),
    "subscribe with a numeric id": (
        '{"id": 1, "type": "subscribe", "payload": {"query": "{ __typename }"}}',
        "'subscribe' needs a non-empty string 'id'",
    ),
    "subscribe without payload": (
        '{"id": "1", "type": "subscribe"}',
        "'subscribe' needs an object 'payload'",
    ),
    "subscribe with a string payload": (
        '{"id": "1", "type": "subscribe", "payload": "{ __typename }"}',
        "'subscribe' needs an object 'payload'",
    ),
    "subscribe with a numeric query": (
        '{"id": "1", "type": "subscribe", "payload": {"query": 5}}',
        "'subscribe' payload needs a string 'query'",
    ),
    "variables that are a list": (
        '{"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }", '
        '"variables": [1]}}',
        "'variables' must be an object or null",
    ),
    "a numeric operationName": (
        '{"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }", '
        '"operationName": 1}}',
        "'operationName' must be a string or null",
    ),
    "complete without id": ('{"type": "complete"}', "'complete' needs a non-empty string 'id'"),
    "a ping with a string payload": (
        '{"type": "ping", "payload": "x"}',
        "'payload' must be an object or null",
    ),
}


@pytest.mark.parametrize("case", MALFORMED_FRAMES, ids=list(MALFORMED_FRAMES))
async def test_a_malformed_frame_closes_the_socket_with_4400_and_a_reason(
    app: Starlette, case: str
) -> None:
    frame, reason = MALFORMED_FRAMES[case]
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(frame)
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 5)
    assert closed.value.rcvd is not None, "the connection dropped without a close frame"
    assert closed.value.rcvd.code == 4400
    assert reason in closed.value.rcvd.reason


async def test_a_close_reason_is_cut_to_what_a_close_frame_carries(app: Starlette) -> None:
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(json.dumps({"type": "é" * 200}))
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 5)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4400
    assert closed.value.rcvd.reason.startswith("Unknown message type: éé")
    assert len(closed.value.rcvd.reason.encode()) <= 123


async def test_a_null_connection_init_payload_is_accepted(app: Starlette) -> None:
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": None}))
        assert json.loads(await socket.recv()) == {"type": "connection_ack"}
