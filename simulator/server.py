"""Serve the simulator with uvicorn inside the running event loop, for tests and benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import uvicorn

from simulator.app import create_simulator_app
from simulator.faults import Faults
from simulator.source import SimulatorSource
from simulator.state import Credentials, SimulatorState


class _EmbeddedServer(uvicorn.Server):
    """A uvicorn server that leaves the process's signal handlers to their owner."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def running_simulator(
    *,
    provider: SimulatorSource | None = None,
    credentials: Credentials | None = None,
    host: str = "127.0.0.1",
    **faults: Any,
) -> AsyncIterator[str]:
    """Serve a simulator on a free port of `host`; yields its base URL ("http://host:port").

    Keyword arguments other than `provider`, `credentials` and `host` are `Faults` fields, e.g.
    `running_simulator(latency_ms=50, error_rate=0.1, seed=7)`. Calls left hanging by
    `timeout_rate` end when the block exits.
    """
    app = create_simulator_app(Faults(**faults), provider, credentials=credentials)
    state: SimulatorState = app.state.simulator
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
    )
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()  # raises what stopped the server
                raise RuntimeError("the simulator stopped before it started")
            await asyncio.sleep(0.01)
        yield f"http://{host}:{port}"
    finally:
        state.closing.set()
        server.should_exit = True
        await task
        sock.close()
