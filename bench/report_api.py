"""Reports through the API as a user gets them: time to the first byte of a PDF and of an XLSX,
cold (the first request for a new valuation's report: the query enqueues the job, the client polls
`reports` every 10 ms until the link is there, then downloads) and cached (the report exists: one
query for a fresh link, then the download), with their sizes and the peak memory of the process
that renders them.

Each cold run values the README's example company again, so each report is rendered anew (a
report is cached per valuation, result and branding). The first cold run of each format also pays
for importing the renderer in that process; it is reported apart.

Embedded mode (one process: API and in-process worker) by default; with `--services`, PostgreSQL
and Redis (a scratch database `ipoval_bench`, Redis db 13) with one `ipoval worker` process.

    python -m bench.report_api [--runs 5] [--services]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.dashboard_rps import HOST, _free_port, _wait_ready
from bench.valuation_jobs import EXAMPLE, _wait_for_directory, bench_environment

EMAIL, PASSWORD = "bench-reports@example.com", "correct horse battery staple"
LOGIN = "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }"
CREATE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id } userErrors { code message } } }"""
STATUS = "query ($id: ID!) { valuation(id: $id) { status } }"
REPORT = (
    "query ($id: ID!) {{ valuation(id: $id) {{ reports {{ "
    "{format} {{ status url sizeBytes }} }} }} }}"
)
POLL_SECONDS = 0.01


@dataclass
class Figures:
    first_cold: float = 0.0
    cold: list[float] = field(default_factory=list)
    cached: list[float] = field(default_factory=list)
    size: int = 0


async def _graphql(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body: dict[str, Any] = (
        await http.post("/graphql", json={"query": query, "variables": variables})
    ).json()
    if "errors" in body:
        raise SystemExit(f"the API refused a query: {body['errors']}")
    return dict(body["data"])


async def _completed_valuation(http: httpx.AsyncClient) -> str:
    created = await _graphql(http, CREATE, input=EXAMPLE)
    if created["createValuation"]["job"] is None:
        raise SystemExit(f"createValuation refused: {created['createValuation']['userErrors']}")
    job = str(created["createValuation"]["job"]["id"])
    for _ in range(6000):
        status = (await _graphql(http, STATUS, id=job))["valuation"]["status"]
        if status == "COMPLETED":
            return job
        if status in ("FAILED", "CANCELLED"):
            raise SystemExit(f"the valuation {job} ended {status}")
        await asyncio.sleep(POLL_SECONDS)
    raise SystemExit(f"the valuation {job} did not complete within a minute")


async def _time_to_first_byte(http: httpx.AsyncClient, job: str, format: str) -> tuple[float, int]:
    """Seconds from asking for the report to its first byte, and its size in bytes."""
    query = REPORT.format(format=format)
    started = time.perf_counter()
    for _ in range(12000):
        report = (await _graphql(http, query, id=job))["valuation"]["reports"][format]
        if report["status"] == "COMPLETED":
            break
        if report["status"] == "FAILED":
            raise SystemExit(f"the {format} report of {job} failed")
        await asyncio.sleep(POLL_SECONDS)
    else:
        raise SystemExit(f"the {format} report of {job} was not ready within two minutes")
    async with http.stream("GET", report["url"]) as response:
        if response.status_code != 200:
            raise SystemExit(f"the {format} link answered {response.status_code}")
        first_byte = 0.0
        async for _chunk in response.aiter_raw():
            first_byte = first_byte or time.perf_counter() - started
    return first_byte, int(report["sizeBytes"])


async def measure(port: int, runs: int, cached_runs: int) -> dict[str, Figures]:
    figures = {"pdf": Figures(), "xlsx": Figures()}
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", timeout=120) as http:
        login = await _graphql(http, LOGIN, e=EMAIL, p=PASSWORD)
        http.headers["Authorization"] = f"Bearer {login['login']['accessToken']}"
        for run in range(runs + 1):
            job = await _completed_valuation(http)
            for format, figure in figures.items():
                seconds, figure.size = await _time_to_first_byte(http, job, format)
                if run == 0:
                    figure.first_cold = seconds
                else:
                    figure.cold.append(seconds)
                if run == runs:
                    figure.cached = [
                        (await _time_to_first_byte(http, job, format))[0]
                        for _ in range(cached_runs)
                    ]
    return figures


def _peak_rss_mib(pid: int) -> float:
    """The process's peak resident set (VmHWM) so far, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _create_user(env: dict[str, str]) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "cli.main", "user", "create", "--email", EMAIL),
            *("--organisation", "Bench Advisory", "--tier", "enterprise", "--password-stdin"),
        ],
        env=env,
        input=PASSWORD.encode(),
        check=True,
        capture_output=True,
    )


def main(runs: int, cached_runs: int, services: bool) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        env = bench_environment(data_dir, services)
        worker: subprocess.Popen[bytes] | None = None
        subprocess.run([sys.executable, "-m", "cli.main", "migrate"], env=env, check=True)
        _create_user(env)
        if services:
            worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--port", str(port)], env=env
        )
        renderer = worker or server
        try:
            _wait_ready(port)
            _wait_for_directory(port)
            before = _peak_rss_mib(renderer.pid)
            figures = asyncio.run(measure(port, runs, cached_runs))
            after = _peak_rss_mib(renderer.pid)
            server_peak = _peak_rss_mib(server.pid)
        finally:
            for process in (server, worker):
                if process is not None:
                    process.terminate()
                    process.wait(10)
    _print(figures, runs, cached_runs, services, before, after, server_peak)


def _print(
    figures: dict[str, Figures],
    runs: int,
    cached_runs: int,
    services: bool,
    before: float,
    after: float,
    server_peak: float,
) -> None:
    mode = "PostgreSQL + Redis, one worker process" if services else "embedded"
    print(f"Reports through the API ({mode}): time to the first byte, polling every 10 ms")
    for format, figure in figures.items():
        print(
            f"  {format}: cold {statistics.median(figure.cold) * 1000:.0f} ms median of {runs} "
            f"(min {min(figure.cold) * 1000:.0f}, max {max(figure.cold) * 1000:.0f}); "
            f"first in a new process {figure.first_cold * 1000:.0f} ms; "
            f"cached {statistics.median(figure.cached) * 1000:.1f} ms median of {cached_runs}; "
            f"{figure.size / 1024:.0f} KiB"
        )
    role = "worker" if services else "API (and in-process worker)"
    print(
        f"  peak RSS of the {role} process: {before:.0f} MiB before the first report, "
        f"{after:.0f} MiB after them all (+{after - before:.0f} MiB)"
    )
    if services:
        print(f"  peak RSS of the API process: {server_peak:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="cold runs after the first")
    parser.add_argument("--cached", type=int, default=20, help="cached downloads of each format")
    parser.add_argument("--services", action="store_true")
    args = parser.parse_args()
    main(args.runs, args.cached, args.services)
