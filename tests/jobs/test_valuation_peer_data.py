"""createValuation checks the peers' data the job would read, through the API's own loaders: a
named peer without statements and an industry group without betas are refused; an upstream that
cannot answer now leaves the check to the job, which retries its upstreams."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from app import create_app
from core.errors import ProviderUnavailable
from core.settings import Settings
from providers.models import FinancialStatements, MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuations import create, refusal

BETALESS_GROUP = "Banks"


class PatchyProvider(SampleProvider):
    """The sample data, except: no statements for XRO, no betas for banks, and the market data
    upstream down while `market_down` is set."""

    market_down = False

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        if self.market_down:
            raise ProviderUnavailable("CAPIQ is down")
        found = await super().market_data(tickers)
        banks = {c.ticker for c in await self.list_companies() if c.gics_industry_group == "Banks"}
        return {t: dataclasses.replace(m, beta=None) if t in banks else m for t, m in found.items()}

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        found = await super().financials(tickers)
        return {t: f for t, f in found.items() if t != "XRO"}


@pytest.fixture(scope="module")
def provider() -> PatchyProvider:
    return PatchyProvider()


@pytest.fixture(scope="module")
async def patchy(
    provider: PatchyProvider, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[GraphQLClient]:
    """An embedded API on the patchy data, without a worker: jobs stay queued."""
    settings = Settings(
        database_url=None,
        redis_url=None,
        data_dir=Path(tmp_path_factory.mktemp("patchy")),
        env="development",
        run_embedded_worker=False,
    )
    app = create_app(settings, providers=ProviderRegistry.single(provider))
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
            yield GraphQLClient(http)


async def test_a_named_peer_without_statements_is_refused(patchy: GraphQLClient) -> None:
    errors = refusal(await create(patchy, peers=["WTC", "XRO", "TNE", "NXT"]))
    assert errors[("input", "peers", "1")]["code"] == "PEER_WITHOUT_DATA"
    assert "XRO" in errors[("input", "peers", "1")]["message"]
    assert set(errors) == {("input", "peers", "1")}  # three usable peers with betas remain


async def test_an_industry_group_without_betas_is_refused(patchy: GraphQLClient) -> None:
    errors = refusal(await create(patchy, gicsIndustryGroup="BANKS"))
    error = errors[("input", "gicsIndustryGroup")]
    assert error["code"] == "TOO_FEW_PEERS_WITH_BETA"
    assert error["message"].startswith(f"{BETALESS_GROUP}: 0 of the ")


async def test_an_upstream_down_at_creation_leaves_the_check_to_the_job(
    patchy: GraphQLClient, provider: PatchyProvider
) -> None:
    provider.market_down = True
    try:
        payload = await create(patchy, gicsIndustryGroup="BANKS")
    finally:
        provider.market_down = False
    assert payload["userErrors"] == []
    assert payload["job"]["status"] == "QUEUED"
