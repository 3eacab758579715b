"""GraphQL over websocket: graphql-transport-ws only, over a real socket."""

from __future__ import annotations

import json
from typing import Any

import pytest
import websockets
from starlette.applications import Starlette

from tests.support import graphql_socket, serve_in_background


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
