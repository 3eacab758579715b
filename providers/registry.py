"""The provider registry: which adapter serves each capability, built once in the app lifespan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from core.settings import Settings
from providers.base import (
    CompanyDirectoryProvider,
    DirectorsProvider,
    EconomicDataProvider,
    FilingsProvider,
    FinancialsProvider,
    MarketDataProvider,
    PeerProvider,
    RegistryProvider,
    TransactionsProvider,
)
from providers.live import LiveUpstreams, capabilities, open_live_upstreams
from providers.sample import SampleProvider


@dataclass(frozen=True, slots=True)
class ProviderRegistry:
    directory: CompanyDirectoryProvider
    market: MarketDataProvider
    financials: FinancialsProvider
    peers: PeerProvider
    filings: FilingsProvider
    economic: EconomicDataProvider
    transactions: TransactionsProvider
    registry: RegistryProvider
    directors: DirectorsProvider
    live: LiveUpstreams = field(default_factory=LiveUpstreams)

    @classmethod
    def single(cls, provider: Any) -> ProviderRegistry:
        """Every capability served by one provider object (the sample provider, a test double)."""
        return cls(*[provider] * 9)

    async def aclose(self) -> None:
        await self.live.aclose()


def build_registry(settings: Settings, redis: Redis | None = None) -> ProviderRegistry:
    """Live adapters for the upstreams set to live (cached in `redis` and in process), the sample
    dataset for the others (see providers/live.py)."""
    sample = SampleProvider(latency_ms=settings.sample_latency_ms)
    live = open_live_upstreams(settings, redis)
    return ProviderRegistry(**capabilities(live, sample), live=live)
