"""1,000 websocket subscribers on one API process following one valuation job: delivery latency of
each event (worker publish -> subscriber receipt, p50 / p99) and the API's memory per connection.

Services mode (PostgreSQL scratch database `ipoval_bench`, Redis db 13): the API starts, the
subscribers connect while the job waits in the queue, then a worker process with slow sample
upstreams (so that the stages are spread out) runs it.

    python -m bench.progress_fanout [--subscribers 1000]
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
from datetime import datetime

import httpx
import websockets

from bench.dashboard_rps import HOST, _free_port, _wait_ready
from bench.valuation_jobs import (
    BENCH_DATABASE,
    BENCH_REDIS,
    CREATE,
    EXAMPLE,
    _wait_for_directory,
    reset_bench_database,
)

PROGRESS = "subscription ($id: ID!) { valuationProgress(id: $id) { seq status publishedAt } }"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def subscriber(url: str, job_id: str, ready: asyncio.Event, latencies: list[float]) -> None:
    async with websockets.connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        max_queue=None,
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        await socket.recv()
        payload = {"query": PROGRESS, "variables": {"id": job_id}}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        await socket.recv()  # the current state (queued)
        ready.set()
        while True:
            message = json.loads(await asyncio.wait_for(socket.recv(), 300))
            if message["type"] != "next":
                return
            event = message["payload"]["data"]["valuationProgress"]
            if event["publishedAt"]:
                published = datetime.fromisoformat(event["publishedAt"]).timestamp()
                latencies.append(time.time() - published)


async def follow_all(
    port: int, job_id: str, count: int, api_pid: int
) -> tuple[list[float], int, list[asyncio.Task[None]]]:
    """Connect every subscriber; returns the shared latency list, the API's memory growth (KiB)
    and the subscriber tasks, which end after the terminal event."""
    url = f"ws://{HOST}:{port}/graphql"
    latencies: list[float] = []
    before = rss_kib(api_pid)
    readies = [asyncio.Event() for _ in range(count)]
    tasks = []
    for ready in readies:  # connect in small batches: a burst of 1,000 handshakes is not the test
        tasks.append(asyncio.create_task(subscriber(url, job_id, ready, latencies)))
        if len(tasks) % 50 == 0:
            await asyncio.gather(*(r.wait() for r in readies[: len(tasks)]))
    await asyncio.gather(*(r.wait() for r in readies))
    grown = rss_kib(api_pid) - before
    return latencies, grown, tasks


def main(count: int) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **base,
            "IPOVAL_DATA_DIR": data_dir,
            "IPOVAL_LOG_LEVEL": "WARNING",
            "IPOVAL_ENV": "development",
            "IPOVAL_PER_CALLER_LIMITS": "false",
            "DATABASE_URL": BENCH_DATABASE,
            "REDIS_URL": BENCH_REDIS,
        }
        asyncio.run(reset_bench_database())
        subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "cli.main", "migrate"], env=env, check=True)
        directory_worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env)
        port = _free_port()
        api = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--port", str(port)], env=env
        )
        try:
            _wait_ready(port)
            _wait_for_directory(port)
            directory_worker.terminate()
            directory_worker.wait(10)
            answer = httpx.post(
                f"http://{HOST}:{port}/graphql",
                json={"query": CREATE, "variables": {"input": EXAMPLE}},
            ).json()
            job_id = answer["data"]["createValuation"]["job"]["id"]

            async def run() -> tuple[list[float], int]:
                latencies, grown, tasks = await follow_all(port, job_id, count, api.pid)
                slow_env = {**env, "IPOVAL_SAMPLE_LATENCY_MS": "1000"}
                worker = subprocess.Popen(  # noqa: ASYNC220 (started once, not awaited on)
                    [sys.executable, "-m", "cli.main", "worker"], env=slow_env
                )
                try:
                    await asyncio.gather(*tasks)
                finally:
                    worker.terminate()
                    worker.wait(10)
                return latencies, grown

            latencies, grown = asyncio.run(run())
        finally:
            api.terminate()
            api.wait(10)
    asyncio.run(_drop())
    latencies.sort()
    p99 = latencies[max(0, int(0.99 * len(latencies)) - 1)]
    print(f"{count} subscribers on one API process following one job, {len(latencies)} deliveries")
    print(
        f"delivery latency p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms; API memory {grown / count:.1f} KiB per connection"
    )


async def _drop() -> None:
    import asyncpg

    admin = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    await admin.execute("DROP DATABASE IF EXISTS ipoval_bench")
    await admin.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=1000)
    main(parser.parse_args().subscribers)
