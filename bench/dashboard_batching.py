"""Provider calls and latency of the dashboard query: batched DataLoaders vs naive per-field calls.

The sample provider is given an artificial latency per call (default 20 ms) to stand in for an
upstream. Both runs execute the same schema in this process, on the same embedded database.

    python -m bench.dashboard_batching [--latency-ms 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from api.schema import build_schema
from bench.queries import DASHBOARD
from core.migrate import upgrade_to_head
from core.settings import Settings
from dataloaders import build_loaders
from providers.instrumentation import CountingProvider
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services, open_services
from schema.context import Context
from workers.directory_sync import sync_company_directory


async def measure(
    services: Services, counting: CountingProvider, batched: bool, runs: int
) -> tuple[float, int]:
    schema = build_schema(services.settings)
    timings: list[float] = []
    counting.reset()
    for _ in range(runs):
        context = Context(services, build_loaders(services, batched=batched))
        started = time.perf_counter()
        result = await schema.execute(DASHBOARD, context_value=context)
        timings.append(time.perf_counter() - started)
        assert result.errors is None, result.errors
    return statistics.median(timings) * 1000, sum(counting.calls.values()) // runs


async def main(latency_ms: float, runs: int) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(database_url=None, redis_url=None, data_dir=Path(data_dir))
        counting = CountingProvider(SampleProvider(latency_ms=latency_ms))
        async with open_services(settings, ProviderRegistry.single(counting)) as services:
            await upgrade_to_head(services.engine)
            await sync_company_directory(
                dataclasses.replace(services, providers=ProviderRegistry.single(SampleProvider()))
            )
            batched_ms, batched_calls = await measure(services, counting, True, runs)
            naive_ms, naive_calls = await measure(services, counting, False, runs)
    print(f"dashboard query, sample provider latency {latency_ms:g} ms/call, median of {runs} runs")
    print(f"{'resolution':<10} {'provider calls':>15} {'latency ms':>11}")
    print(f"{'batched':<10} {batched_calls:>15} {batched_ms:>11.1f}")
    print(f"{'naive':<10} {naive_calls:>15} {naive_ms:>11.1f}")
    print(
        f"ratio naive/batched: calls {naive_calls / batched_calls:.1f}x, "
        f"latency {naive_ms / batched_ms:.2f}x"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.latency_ms, args.runs))
