"""Upstream calls, latency and failure tolerance of the API over the live adapters.

All four upstreams (ASX, ABN Lookup, RBA, Capital IQ) are live against the upstream simulator,
served over loopback by this process. The API runs in embedded mode (SQLite in a temporary
directory, the in-process Redis stand-in), in this process, driven through httpx's ASGI transport,
with per-caller limits off and without the in-process worker (its scheduled jobs would call the
upstreams too). The HTTP layer keeps its production policies (providers/http/policy.py):
the client-side rate limits are part of what is measured.

1. The dashboard query (bench/queries.py), cold cache against warm: calls per upstream, latency.
2. 100 concurrent identical requests for one company with a cold cache: calls per upstream.
3. The dashboard query while the simulator fails a share of calls (HTTP 500/502/503): success
   rate and p95 latency with a cold cache, a warm fresh cache and a warm expired cache.

"Cold" means both layers of the provider cache (in-process LRU and Redis) emptied after start-up,
whose directory sync fetches every company's market data. The Capital IQ token is kept. "Expired"
ages the cache past every TTL the dashboard depends on by advancing the cache's clock, so that each
value is fetched again and the failed fetches are answered stale.

    python -m bench.upstreams [--latency-ms 50] [--runs 3] [--rounds 6] [--error-rate 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.upstreams_cache_figures import concurrent_identical, dashboard_cold_and_warm
from bench.upstreams_fault_figures import dashboard_under_errors
from bench.upstreams_harness import running_bench


async def main(latency_ms: float, runs: int, rounds: int, error_rate: float) -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        async with running_bench(latency_ms, Path(data_dir)) as bench:
            await dashboard_cold_and_warm(bench, runs, latency_ms)
            await concurrent_identical(bench)
            await dashboard_under_errors(bench, rounds, error_rate, latency_ms)
    print()
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3, help="runs of figure 1, cold and warm")
    parser.add_argument("--rounds", type=int, default=6, help="rounds per cache state, figure 3")
    parser.add_argument("--error-rate", type=float, default=0.2)
    args = parser.parse_args()
    asyncio.run(main(args.latency_ms, args.runs, args.rounds, args.error_rate))
