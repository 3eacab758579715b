"""Services a test may stop and start: its own redis-server, and its own PostgreSQL database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from types import TracebackType

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from core.db import create_engine
from core.migrate import upgrade_to_head
from core.settings import Settings
from tests.support import service_unavailable
from tests.workers.processes import free_port


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence: stopped and started
    again, it comes back empty, like a restarted Redis that had not saved."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            service_unavailable("redis-server", FileNotFoundError("redis-server is not on PATH"))
        self._binary = str(binary)
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1"]
        no_persistence = ["--save", "", "--appendonly", "no"]
        self._process = subprocess.Popen(
            [self._binary, *arguments, *no_persistence],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


async def fresh_database(suffix: str) -> str:
    """An empty, migrated PostgreSQL database of the test's own, named after the suite's
    (`<name>_<suffix>_test`) on the same server; returns its URL."""
    base = make_url(
        os.environ.get("DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/ipoval_test")
    )
    name = f"{(base.database or 'ipoval_test').removesuffix('_test')}_{suffix}_test"
    url = base.set(drivername="postgresql+asyncpg", database=name)
    try:
        admin = await asyncpg.connect(
            host=url.host, port=url.port or 5432, user=url.username, password=url.password
        )
    except (OSError, asyncpg.PostgresError) as error:
        service_unavailable("PostgreSQL", error)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    rendered = url.render_as_string(hide_password=False)
    engine = create_engine(Settings(database_url=rendered))
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()
    return rendered
