"""`ipoval upstream-sim` run as a user would run it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from simulator import simulator_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_upstream_sim_prints_its_environment_and_answers(tmp_path: Path) -> None:
    port = free_port()
    log = (tmp_path / "sim.log").open("wb")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli.main",
            "upstream-sim",
            "--port",
            str(port),
            "--latency-ms",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=log,
        env=env,
    )
    try:
        assert process.stdout is not None
        printed: dict[str, str] = {}
        while "IPOVAL_CAPIQ_PASSWORD" not in printed:
            line = process.stdout.readline().decode()
            assert line, (tmp_path / "sim.log").read_text()
            name, _, value = line.strip().partition("=")
            printed[name] = value
        assert printed == simulator_env(f"http://127.0.0.1:{port}")
        response = httpx.get(f"{printed['IPOVAL_RBA_BASE_URL']}/f1.1-data.csv", timeout=10)
        assert response.status_code == 200
        header = httpx.get(
            f"{printed['IPOVAL_ASX_BASE_URL']}/asx-research/1.0/companies/bhp/header", timeout=10
        )
        assert header.json()["data"]["symbol"] == "BHP"
    finally:
        process.terminate()
        process.wait(10)
        log.close()
