"""The `ipoval` command line, run as a user would run it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

IPOVAL = [sys.executable, "-m", "cli.main"]


def embedded_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return {**env, "IPOVAL_DATA_DIR": str(data_dir)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """`ipoval serve` in embedded mode, ready to answer; yields its base URL."""
    port = free_port()
    log = (data_dir / "serve.log").open("wb")
    server = subprocess.Popen(
        [*IPOVAL, "serve", "--port", str(port)], env=embedded_env(data_dir), stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (data_dir / "serve.log").read_text()
            assert time.monotonic() < deadline, "not ready within 60 s"
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_serve_answers_a_company_query_in_embedded_mode(tmp_path: Path) -> None:
    query = (
        '{ company(ticker: "BHP") { name peers(first: 3) { company { ticker } } '
        "marketData { marketCap provenance { synthetic } } } }"
    )
    with serving(tmp_path) as base:
        response = httpx.post(f"{base}/graphql", json={"query": query})
    company = response.json()["data"]["company"]
    assert company["name"] == "BHP GROUP LIMITED"
    assert len(company["peers"]) == 3
    assert company["marketData"]["provenance"]["synthetic"] is True
    assert (tmp_path / "ipoval.db").exists()


def test_graphiql_is_served_in_development(tmp_path: Path) -> None:
    with serving(tmp_path) as base:
        page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


def test_migrate_creates_the_embedded_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [*IPOVAL, "migrate"], env=embedded_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ipoval.db").exists()


def test_worker_without_redis_explains_why_it_cannot_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [*IPOVAL, "worker"], env=embedded_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "ipoval"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "serve" in result.stdout
