"""The bench of `python -m bench.upstreams`: the API app in embedded mode over the live adapters,
every upstream pointed at a simulator served by this process, and the simulator's controls."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from app import create_app
from core.settings import Settings
from edge.state import app_state
from providers.cache.kinds import KEY_PREFIX
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from providers.http.client import ResilientUpstream
from providers.live import LiveUpstreams
from runtime.services import Services
from simulator.env import simulator_env
from simulator.faults import UPSTREAMS
from simulator.server import running_simulator


@dataclass
class Bench:
    """The API app over the live adapters, its HTTP client and the simulator's controls."""

    services: Services
    api: httpx.AsyncClient
    control: httpx.AsyncClient
    simulator: str

    @property
    def live(self) -> LiveUpstreams:
        return self.services.providers.live

    @property
    def cache(self) -> TwoLayerCache:
        """The provider cache the live adapters share (one per process)."""
        cached = [p for p in (self.live.asx, self.live.abr, self.live.rba, self.live.capiq) if p]
        caches = {id(p._cache): p._cache for p in cached}
        assert len(caches) == 1, "expected one provider cache shared by the live adapters"
        return next(iter(caches.values()))

    @property
    def capiq(self) -> CachedProvider:
        assert self.live.capiq is not None, "Capital IQ is not live"
        return self.live.capiq

    async def flush_cache(self) -> None:
        """Empty both layers of the provider cache."""
        self.cache.clear_local()
        redis = self.services.redis
        keys = [key async for key in redis.scan_iter(match=f"{KEY_PREFIX}:*", count=1000)]
        for start in range(0, len(keys), 1000):
            await redis.delete(*keys[start : start + 1000])

    async def set_faults(self, **faults: Any) -> None:
        response = await self.control.post(f"{self.simulator}/_sim/faults", json=faults)
        response.raise_for_status()

    async def reset_stats(self) -> None:
        (await self.control.post(f"{self.simulator}/_sim/reset")).raise_for_status()

    async def calls(self) -> dict[str, int]:
        """HTTP calls the simulator received per upstream since the last reset."""
        response = await self.control.get(f"{self.simulator}/_sim/stats")
        response.raise_for_status()
        upstreams = response.json()["upstreams"]
        return {name: int(upstreams[name]["calls"]) for name in UPSTREAMS}

    async def query(self, query: str, **variables: Any) -> tuple[float, dict[str, Any]]:
        """Seconds taken and the decoded answer."""
        started = time.perf_counter()
        response = await self.api.post("/graphql", json={"query": query, "variables": variables})
        seconds = time.perf_counter() - started
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return seconds, answer

    async def refill_rate_limits(self) -> None:
        """Wait until every upstream's client-side bucket has its full burst again."""
        await asyncio.sleep(max(_refill_seconds(c) for c in self.live.clients.values()))


def _refill_seconds(client: ResilientUpstream) -> float:
    return client.policy.burst / client.policy.rate_per_second


@asynccontextmanager
async def running_bench(latency_ms: float, data_dir: Path) -> AsyncIterator[Bench]:
    async with running_simulator(latency_ms=latency_ms) as simulator:
        overrides = {
            key.removeprefix("IPOVAL_").lower(): value
            for key, value in simulator_env(simulator).items()
        }
        settings = Settings.model_validate(
            {
                "database_url": None,
                "redis_url": None,
                "data_dir": data_dir,
                "env": "development",
                "per_caller_limits": False,
                # The in-process worker's scheduled jobs would add upstream calls of their own.
                "run_embedded_worker": False,
                **overrides,
            }
        )
        app = create_app(settings)
        started = time.perf_counter()
        async with (
            LifespanManager(app, startup_timeout=300),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=300
            ) as api,
            httpx.AsyncClient(timeout=30) as control,
        ):
            bench = Bench(app_state(app).services, api, control, simulator)
            startup_calls = await bench.calls()
            print(
                "start-up (migrations, directory sync over the live upstreams): "
                f"{time.perf_counter() - started:.1f} s, "
                f"upstream calls {by_upstream(startup_calls)}"
            )
            yield bench


def classify(answer: dict[str, Any]) -> str:
    """complete: no `errors`; partial: data with some fields nulled; failed: no data."""
    if not answer.get("errors"):
        return "complete"
    return "partial" if answer.get("data") else "failed"


def require_complete(answer: dict[str, Any], what: str) -> None:
    """Stops the bench: a figure measured on answers with errors would not mean what it says."""
    if answer.get("errors"):
        raise SystemExit(f"{what} answered with errors: {answer['errors'][:3]}")


def by_upstream(calls: dict[str, int]) -> str:
    """`ASX 1, ABR 0, RBA 0, CAPIQ 104`: calls per upstream."""
    return ", ".join(f"{name.upper()} {calls[name]}" for name in UPSTREAMS)
