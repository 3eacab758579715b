"""The provider registry: which adapter serves each capability, built once in the app lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.settings import Settings
from providers.base import (
    CompanyDirectoryProvider,
    EconomicDataProvider,
    FilingsProvider,
    FinancialsProvider,
    MarketDataProvider,
    PeerProvider,
    RegistryProvider,
    TransactionsProvider,
)
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

    @classmethod
    def single(cls, provider: Any) -> ProviderRegistry:
        """Every capability served by one provider object (the sample provider, a test double)."""
        return cls(*[provider] * 8)


def build_registry(settings: Settings) -> ProviderRegistry:
    # Live adapters plug in here per upstream; until configured, the sample dataset serves all.
    return ProviderRegistry.single(SampleProvider(latency_ms=settings.sample_latency_ms))
