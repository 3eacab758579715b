"""Which adapter serves each capability, from the `IPOVAL_<UPSTREAM>_MODE` settings.

| capability | live source, in order of preference | otherwise |
|---|---|---|
| company directory | ASX listed-companies CSV | sample (the shipped ASX list) |
| market data | Capital IQ (with EV and beta); else ASX (neither) | sample |
| financial statements, peers, M&A transactions | Capital IQ | sample |
| filings | ASX announcements | sample |
| economic series | RBA statistical tables | sample (the shipped RBA tables) |
| registry entities | ABN Lookup | sample (none) |
| directors | ASX (`/about`) | sample (none) |

Every live adapter sits behind one `ResilientUpstream` per upstream (pooled client, retries,
breaker, rate limit) and a `CachedProvider` (two-layer cache, single flight, stale on error). An
upstream set to live without its credentials falls back to the sample with one log line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from core.settings import Settings, UpstreamMode
from providers.abr import AbrProvider
from providers.asx.live import AsxProvider
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from providers.capiq.client import CapIqClient
from providers.capiq.live import CapIqProvider
from providers.http.client import ResilientUpstream
from providers.http.policy import default_policy
from providers.rba.live import RbaProvider
from providers.sample import SampleProvider

log = logging.getLogger(__name__)


@dataclass
class LiveUpstreams:
    """The live adapters of one process, each behind the cache, and their HTTP clients."""

    asx: CachedProvider | None = None
    abr: CachedProvider | None = None
    rba: CachedProvider | None = None
    capiq: CachedProvider | None = None
    clients: dict[str, ResilientUpstream] = field(default_factory=dict)

    async def aclose(self) -> None:
        for client in self.clients.values():
            await client.aclose()


def open_live_upstreams(settings: Settings, redis: Redis | None) -> LiveUpstreams:
    cache = TwoLayerCache(redis, lru_size=settings.provider_cache_size)
    live = LiveUpstreams()

    def client(name: str, base_url: str) -> ResilientUpstream:
        live.clients[name] = ResilientUpstream(default_policy(name, base_url))
        return live.clients[name]

    def cached(adapter: Any, name: str) -> CachedProvider:
        return CachedProvider(adapter, cache=cache, namespace=name)

    if settings.asx_mode is UpstreamMode.LIVE:
        asx = AsxProvider(client("ASX", settings.asx_base_url), settings.asx_listing_url)
        live.asx = cached(asx, "ASX")
    if settings.rba_mode is UpstreamMode.LIVE:
        live.rba = cached(RbaProvider(client("RBA", settings.rba_base_url)), "RBA")
    if settings.abr_mode is UpstreamMode.LIVE:
        if settings.abr_guid:
            abr = AbrProvider(client("ABR", settings.abr_base_url), settings.abr_guid)
            live.abr = cached(abr, "ABR")
        else:
            log.warning("IPOVAL_ABR_MODE=live without IPOVAL_ABR_GUID: using the sample registry")
    if settings.capiq_mode is UpstreamMode.LIVE:
        if settings.capiq_username and settings.capiq_password:
            capiq = CapIqClient(
                client("CAPIQ", settings.capiq_base_url),
                settings.capiq_username,
                settings.capiq_password,
            )
            live.capiq = cached(CapIqProvider(capiq), "CAPIQ")
        else:
            log.warning(
                "IPOVAL_CAPIQ_MODE=live without IPOVAL_CAPIQ_USERNAME and IPOVAL_CAPIQ_PASSWORD: "
                "using the sample dataset for market data, financials, peers and transactions"
            )
    return live


def capabilities(live: LiveUpstreams, sample: SampleProvider) -> dict[str, Any]:
    """The adapter serving each capability of the registry, by field name."""
    return {
        "directory": live.asx or sample,
        "market": live.capiq or live.asx or sample,
        "financials": live.capiq or sample,
        "peers": live.capiq or sample,
        "filings": live.asx or sample,
        "economic": live.rba or sample,
        "transactions": live.capiq or sample,
        "registry": live.abr or sample,
        "directors": live.asx or sample,
    }
