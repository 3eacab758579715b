"""Test helpers that run real servers on loopback."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import uvicorn
import websockets
from redis.asyncio import Redis
from redis.exceptions import RedisError
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


def services_required() -> bool:
    """In CI (or when asked), a test whose service is down fails instead of skipping."""
    return os.environ.get("CI") == "true" or os.environ.get("IPOVAL_REQUIRE_SERVICES") == "1"


def service_unavailable(what: str, error: BaseException) -> None:
    message = f"{what} unreachable: {type(error).__name__}: {error}"
    if services_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(f"SERVICE TEST SKIPPED ({message}); set IPOVAL_REQUIRE_SERVICES=1 to fail instead")


def redis_url_for_db(db: int) -> str:
    """The test Redis (REDIS_URL's host) at database `db`: suites that flush Redis each own one."""
    base = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    return urlunsplit(base._replace(path=f"/{db}"))


@asynccontextmanager
async def flushed_redis(db: int) -> AsyncIterator[Redis]:
    """Database `db` of the test Redis, emptied before and after use."""
    url = redis_url_for_db(db)
    client: Redis = Redis.from_url(url)
    try:
        await client.flushdb()
    except (RedisError, OSError) as error:
        await client.aclose()
        service_unavailable(f"Redis at {url}", error)
    try:
        yield client
    finally:
        await client.flushdb()
        await client.aclose()
