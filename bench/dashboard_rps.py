"""Requests per second of the dashboard query against `{ __typename }` on one uvicorn worker.

Starts `ipoval serve` (uvloop + httptools, one process, embedded mode, sample data) and drives it
from this process over loopback; both queries run against the same server process.

    python -m bench.dashboard_rps [--seconds 10] [--concurrency 8] [--latency-ms 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
import tempfile
import time

import httpx

from bench.loadgen import LoadResult, graphql_post, run_load
from bench.queries import DASHBOARD, TYPENAME

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("server did not become ready within 60 s")


async def _measure(port: int, query: str, seconds: float, concurrency: int) -> LoadResult:
    request = graphql_post(HOST, port, json.dumps({"query": query}).encode())
    await run_load(HOST, port, request, concurrency, min(2.0, seconds))  # warm-up
    return await run_load(HOST, port, request, concurrency, seconds)


async def main(seconds: float, concurrency: int, latency_ms: float) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    with tempfile.TemporaryDirectory() as data_dir:
        env.update(
            IPOVAL_DATA_DIR=data_dir,
            IPOVAL_SAMPLE_LATENCY_MS=str(latency_ms),
            IPOVAL_LOG_LEVEL="WARNING",
            # The server's own capacity: no per-caller buckets or rate limits in the way.
            IPOVAL_PER_CALLER_LIMITS="false",
        )
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cli.main", "serve", "--port", str(port), env=env
        )
        try:
            await asyncio.to_thread(_wait_ready, port)
            baseline = await _measure(port, TYPENAME, seconds, concurrency)
            dashboard = await _measure(port, DASHBOARD, seconds, concurrency)
        finally:
            server.terminate()
            await server.wait()
    print(
        f"one uvicorn worker (uvloop, httptools), embedded mode, {concurrency} connections, "
        f"{seconds:g} s each, sample latency {latency_ms:g} ms/call"
    )
    print(f"{'query':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'failures':>9}")
    for name, result in (("{ __typename }", baseline), ("dashboard", dashboard)):
        print(
            f"{name:<14} {result.per_second:>9.0f} {result.percentile(50):>8.1f} "
            f"{result.percentile(99):>8.1f} {result.failures:>9}"
        )
    print(f"ratio dashboard/__typename: {dashboard.per_second / baseline.per_second:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.concurrency, args.latency_ms))
