from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pytest
from redis.asyncio import Redis

from core.errors import ProviderUnavailable
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
from providers.cache.provider import CachedProvider
from providers.cache.two_layer import TwoLayerCache
from providers.models import (
    CompanyProfile,
    DataSource,
    Filing,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    Provenance,
    RateSeries,
    RegistryEntity,
    Transaction,
)
from tests.fixtures.cache_samples import ENTITY, FILING, PERIOD, SERIES, TRANSACTION, market
from tests.fixtures.clocks import FakeClock

PROFILE = CompanyProfile(
    ticker="BHP",
    name="BHP GROUP LIMITED",
    gics_industry_group="Materials",
    provenance=Provenance(source=DataSource.ASX, as_of=date(2026, 2, 27)),
)


class EverythingProvider:
    """Implements every capability; records each call as (method, keys)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    def _called(self, method: str, keys: Sequence[str]) -> None:
        self.calls.append((method, tuple(keys)))

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        self._called("market_data", tickers)
        return {t: market(t) for t in tickers}

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        self._called("financials", tickers)
        return {t: FinancialStatements(t, "AUD", (PERIOD,), market(t).provenance) for t in tickers}

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        self._called(f"peer_candidates/{limit}", tickers)
        return {t: [PeerCandidate(f"P{n}", 1 / (n + 1)) for n in range(limit)] for t in tickers}

    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        self._called("filings", tickers)
        return {t: [FILING] for t in tickers}

    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]:
        self._called("rate_series", series_ids)
        return {s: SERIES for s in series_ids}

    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        self._called("transactions", tickers)
        return {t: [TRANSACTION] for t in tickers}

    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        self._called("entities", identifiers)
        return {i: ENTITY for i in identifiers if len(i) in (9, 11)}

    async def list_companies(self) -> Sequence[CompanyProfile]:
        self._called("list_companies", ())
        return [PROFILE]

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        self._called("search_names", (name,))
        return [NameMatch("49004028077", name, None, 100, None, None, True)][:limit]


@pytest.fixture
def inner() -> EverythingProvider:
    return EverythingProvider()


@pytest.fixture
def provider(inner: EverythingProvider, redis: Redis, clock: FakeClock) -> CachedProvider:
    return CachedProvider(inner, cache=TwoLayerCache(redis, clock=clock), namespace="TEST")


def test_satisfies_every_capability_protocol(provider: CachedProvider) -> None:
    checks: list[object] = []
    directory: CompanyDirectoryProvider = provider
    market_provider: MarketDataProvider = provider
    financials: FinancialsProvider = provider
    peers: PeerProvider = provider
    filings: FilingsProvider = provider
    economic: EconomicDataProvider = provider
    transactions: TransactionsProvider = provider
    registry: RegistryProvider = provider
    checks += [directory, market_provider, financials, peers, filings, economic, transactions]
    checks.append(registry)
    assert all(check is provider for check in checks)


async def test_each_method_is_cached_under_its_kind(
    provider: CachedProvider, inner: EverythingProvider, redis: Redis
) -> None:
    for _ in range(2):  # the second round is answered from the cache
        assert (await provider.market_data(["BHP"]))["BHP"] == market("BHP")
        assert (await provider.financials(["BHP"]))["BHP"].periods == (PERIOD,)
        assert len((await provider.peer_candidates(["BHP"], 3))["BHP"]) == 3
        assert (await provider.filings(["BHP"]))["BHP"] == (FILING,)
        assert (await provider.rate_series(["FIRMMCRTD"]))["FIRMMCRTD"] == SERIES
        assert (await provider.transactions(["BHP"]))["BHP"] == (TRANSACTION,)
        assert (await provider.entities(["49004028077", "1"])) == {"49004028077": ENTITY}
    assert len(inner.calls) == 7
    keys = {key.decode() for key in await redis.keys("ipoval:cache:TEST:*")}
    assert keys == {
        "ipoval:cache:TEST:market:BHP",
        "ipoval:cache:TEST:company:BHP",
        "ipoval:cache:TEST:peers:BHP|3",
        "ipoval:cache:TEST:filings:BHP",
        "ipoval:cache:TEST:economic:FIRMMCRTD",
        "ipoval:cache:TEST:transactions:BHP",
        "ipoval:cache:TEST:company:49004028077",
        "ipoval:cache:TEST:company:1",  # known absent
    }


async def test_sequences_come_back_as_tuples_fresh_or_cached(
    provider: CachedProvider, inner: EverythingProvider
) -> None:
    fresh = await provider.filings(["BHP"])
    cached = await provider.filings(["BHP"])
    assert isinstance(fresh["BHP"], tuple) and fresh == cached


async def test_peer_limit_is_part_of_the_key(
    provider: CachedProvider, inner: EverythingProvider
) -> None:
    assert len((await provider.peer_candidates(["BHP", "RIO"], 2))["RIO"]) == 2
    assert len((await provider.peer_candidates(["BHP"], 5))["BHP"]) == 5
    assert len((await provider.peer_candidates(["BHP"], 2))["BHP"]) == 2
    assert inner.calls == [
        ("peer_candidates/2", ("BHP", "RIO")),
        ("peer_candidates/5", ("BHP",)),
    ]


async def test_directory_and_name_search_pass_through(
    provider: CachedProvider, inner: EverythingProvider
) -> None:
    for _ in range(2):
        assert await provider.list_companies() == [PROFILE]
        assert len(await provider.search_names("BHP", 5)) == 1
    assert [method for method, _ in inner.calls] == ["list_companies", "search_names"] * 2


async def test_missing_capability_raises_attribute_error(redis: Redis) -> None:
    class OnlyMarket:
        async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
            return {}

    provider = CachedProvider(OnlyMarket(), cache=TwoLayerCache(redis), namespace="TEST")
    assert await provider.market_data(["BHP"]) == {}
    with pytest.raises(AttributeError, match="filings"):
        await provider.filings(["BHP"])


async def test_stale_on_error_through_the_provider(
    provider: CachedProvider, inner: EverythingProvider, clock: FakeClock
) -> None:
    await provider.filings(["BHP"])
    clock.advance(hours=2)

    async def down(tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        raise ProviderUnavailable("ASX is unavailable", upstream="ASX")

    inner.filings = down  # type: ignore[method-assign]
    served = await provider.filings(["BHP"])
    assert served["BHP"][0].provenance.stale
    with pytest.raises(ProviderUnavailable) as failed:
        await provider.filings(["BHP", "RIO"])
    assert set(failed.value.partial) == {"BHP"}


async def test_peer_partial_answers_are_keyed_by_ticker(
    provider: CachedProvider, inner: EverythingProvider, clock: FakeClock
) -> None:
    await provider.peer_candidates(["BHP"], 2)
    clock.advance(hours=1)

    async def down(tickers: Sequence[str], limit: int) -> Mapping[str, Sequence[PeerCandidate]]:
        raise ProviderUnavailable("CAPIQ is unavailable", upstream="CAPIQ")

    inner.peer_candidates = down  # type: ignore[method-assign]
    with pytest.raises(ProviderUnavailable) as failed:
        await provider.peer_candidates(["BHP", "RIO"], 2)
    assert list(failed.value.partial) == ["BHP"]
    assert len(failed.value.partial["BHP"]) == 2
