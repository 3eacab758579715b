"""Test helpers that run real servers on loopback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
import websockets
from starlette.types import ASGIApp


@asynccontextmanager
async def serve_in_background(app: ASGIApp) -> AsyncIterator[str]:
    """Serve an already started app over real sockets on a free port; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():  # it could not bind or start: surface why instead of waiting forever
            task.result()
            raise RuntimeError("uvicorn stopped before it started")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def graphql_socket(host: str, **options: Any) -> Any:
    """A websocket client speaking graphql-transport-ws to the server at `host`."""
    return websockets.connect(
        f"ws://{host}/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        **options,
    )


async def close_code_after_init(host: str, payload: dict[str, Any] | None = None) -> int:
    """Send `connection_init` with `payload` and return the code the server closes with."""
    async with graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        try:
            while True:
                await socket.recv()
        except websockets.exceptions.ConnectionClosed as closed:
            assert closed.rcvd is not None, "closed without a close frame"
            return int(closed.rcvd.code)
