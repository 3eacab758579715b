"""Real `ipoval serve` and `ipoval worker` processes sharing a test's PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from runtime.services import Services


def _environment(services: Services, latency_ms: int) -> dict[str, str]:
    settings = services.settings
    return {
        **os.environ,
        "DATABASE_URL": settings.effective_database_url,
        "REDIS_URL": settings.redis_url or "",
        "IPOVAL_ENV": "development",  # the development user: no sign-in needed
        "IPOVAL_SAMPLE_LATENCY_MS": str(latency_ms),
        "IPOVAL_LOG_LEVEL": "WARNING",
    }


def start_worker(
    services: Services,
    latency_ms: int = 0,
    *,
    max_jobs: int | None = None,
    log_file: Path | None = None,
) -> subprocess.Popen[bytes]:
    """An `ipoval worker` process; its warnings go to `log_file` when given."""
    command = [sys.executable, "-m", "cli.main", "worker"]
    if max_jobs is not None:
        command += ["--max-jobs", str(max_jobs)]
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(log_file.open("wb")) if log_file else subprocess.DEVNULL
        return subprocess.Popen(
            command, env=_environment(services, latency_ms), stdout=log, stderr=log
        )


def _spawn_api(services: Services, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        env=_environment(services, 0),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def start_api(services: Services) -> tuple[subprocess.Popen[bytes], str]:
    """An API process on a free port, once it answers /readyz; returns it and its host:port."""
    port = free_port()
    process = _spawn_api(services, port)
    host = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the API process exited with {process.returncode}")
            try:
                if (await http.get(f"http://{host}/readyz")).status_code == 200:
                    return process, host
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    process.kill()
    raise RuntimeError("the API process did not become ready within 30 s")


@contextmanager
def stopped_at_exit(*processes: subprocess.Popen[bytes]) -> Iterator[None]:
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
