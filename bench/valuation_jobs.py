"""50 concurrent valuations through the API, each observed through its subscription: time from
the mutation to the terminal event (p50, p95) and valuations per minute.

Embedded mode (one process: API and in-process worker) by default; with `--services`, PostgreSQL
and Redis (a scratch database `ipoval_bench`, Redis db 13) with two `ipoval worker` processes.

    python -m bench.valuation_jobs [--jobs 50] [--services]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
import websockets

from bench.dashboard_rps import HOST, _free_port, _wait_ready

EXAMPLE = json.loads(
    (Path(__file__).resolve().parent.parent / "examples" / "company.json").read_text()
)
CREATE = "mutation ($input: ValuationInput!) { createValuation(input: $input) { job { id } } }"
PROGRESS = "subscription ($id: ID!) { valuationProgress(id: $id) { status } }"
BENCH_DATABASE = "postgresql://postgres@127.0.0.1:5432/ipoval_bench"
BENCH_REDIS = "redis://127.0.0.1:6379/13"


async def one_valuation(http: httpx.AsyncClient, ws_url: str) -> float:
    started = time.perf_counter()
    answer = (
        await http.post("/graphql", json={"query": CREATE, "variables": {"input": EXAMPLE}})
    ).json()
    job_id = answer["data"]["createValuation"]["job"]["id"]
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init"}))
        await socket.recv()
        payload = {"query": PROGRESS, "variables": {"id": job_id}}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        while True:
            message = json.loads(await asyncio.wait_for(socket.recv(), 120))
            if message["type"] == "complete":
                break
    return time.perf_counter() - started


async def measure(port: int, jobs: int) -> tuple[list[float], float]:
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", timeout=120) as http:
        started = time.perf_counter()
        latencies = await asyncio.gather(
            *(one_valuation(http, f"ws://{HOST}:{port}/graphql") for _ in range(jobs))
        )
        return sorted(latencies), time.perf_counter() - started


async def reset_bench_database() -> None:
    admin = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    await admin.execute("DROP DATABASE IF EXISTS ipoval_bench")
    await admin.execute("CREATE DATABASE ipoval_bench")
    await admin.close()


def bench_environment(data_dir: str, services: bool) -> dict[str, str]:
    """The environment of a benchmark's server and workers: embedded in `data_dir`, or with
    `services` on the scratch database and Redis db, both emptied first."""
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env = {
        **base,
        "IPOVAL_DATA_DIR": data_dir,
        "IPOVAL_LOG_LEVEL": "WARNING",
        "IPOVAL_ENV": "development",
        "IPOVAL_PER_CALLER_LIMITS": "false",
    }
    if services:
        asyncio.run(reset_bench_database())
        env.update(DATABASE_URL=BENCH_DATABASE, REDIS_URL=BENCH_REDIS)
        subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, capture_output=True)
    return env


def main(jobs: int, services: bool) -> None:
    processes: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        env = bench_environment(data_dir, services)
        if services:
            subprocess.run([sys.executable, "-m", "cli.main", "migrate"], env=env, check=True)
            processes += [
                subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env)
                for _ in range(2)
            ]
        port = _free_port()
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "cli.main", "serve", "--port", str(port)], env=env
            )
        )
        try:
            _wait_ready(port)
            _wait_for_directory(port)
            asyncio.run(measure(port, 3))  # warm-up
            latencies, elapsed = asyncio.run(measure(port, jobs))
        finally:
            for process in processes:
                process.terminate()
                process.wait(10)
    mode = "PostgreSQL + Redis, two worker processes" if services else "embedded"
    p95 = latencies[max(0, int(0.95 * len(latencies)) - 1)]
    print(f"{jobs} concurrent valuations through the API and subscriptions, {mode}")
    print(
        f"p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s (target p95 < 2 s), "
        f"{jobs / elapsed * 60:.0f} valuations/minute"
    )


def _wait_for_directory(port: int) -> None:
    for _ in range(300):
        answer = httpx.post(
            f"http://{HOST}:{port}/graphql",
            json={"query": "{ companies(first: 1) { totalCount } }"},
        ).json()
        if answer.get("data", {}).get("companies", {}).get("totalCount"):
            return
        time.sleep(0.2)
    raise SystemExit("the company directory was not filled within 60 s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--services", action="store_true")
    args = parser.parse_args()
    main(args.jobs, args.services)
