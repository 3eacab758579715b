"""The live ASX adapter's market data: from the header and key statistics, ticker by ticker."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.asx.live import ASX_BASE_URL, AsxProvider
from providers.models import DataSource, MarketData, Provenance
from tests.fixtures.asx_upstream import (
    BAD_REQUEST,
    COMPANIES,
    EVN_HEADER,
    EVN_STATISTICS,
    TODAY,
    body,
)
from tests.fixtures.upstream_double import UpstreamDouble


async def test_market_data_from_header_and_key_statistics(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    market = await provider.market_data(["EVN"])

    assert market == {
        "EVN": MarketData(
            ticker="EVN",
            price=14.91,  # the header gives only the ask
            shares_outstanding=2_044_406_773,
            market_cap=32_035_854_133,
            enterprise_value=None,
            beta=None,
            as_of=TODAY,
            provenance=Provenance(DataSource.ASX, TODAY),
        )
    }
    paths = sorted(call.request.url.path for call in asx.calls)
    assert paths == [f"{COMPANIES}/evn/header", f"{COMPANIES}/evn/key-statistics"]


async def test_the_last_price_is_preferred_and_market_cap_derived_when_absent(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    bhp = (await provider.market_data(["BHP"]))["BHP"]

    assert (bhp.price, bhp.shares_outstanding, bhp.market_cap) == (45.0, 5e9, 225e9)


async def test_shares_are_derived_from_market_cap_when_unpublished(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/xyz/header").respond(
        200, content=body({"priceLast": 2.0, "marketCap": 1e8})
    )
    asx.get(f"{COMPANIES}/xyz/key-statistics").respond(200, content=body({}))

    xyz = (await provider.market_data(["XYZ"]))["XYZ"]

    assert (xyz.price, xyz.shares_outstanding, xyz.market_cap) == (2.0, 5e7, 1e8)


@pytest.mark.parametrize(
    ("header", "statistics", "problem"),
    [
        ({"marketCap": 1e8}, {"numOfShares": 1e6}, "no positive priceLast or priceAsk"),
        ({"priceLast": 0, "marketCap": 1e8}, {}, "no positive priceLast or priceAsk"),
        ({"priceLast": 2.0}, {}, "neither numOfShares nor marketCap"),
    ],
)
async def test_market_data_without_enough_figures_is_a_provider_error(
    asx: respx.MockRouter,
    provider: AsxProvider,
    header: dict[str, Any],
    statistics: dict[str, Any],
    problem: str,
) -> None:
    asx.get(f"{COMPANIES}/xyz/header").respond(200, content=body(header))
    asx.get(f"{COMPANIES}/xyz/key-statistics").respond(200, content=body(statistics))

    with pytest.raises(ProviderError, match=problem) as caught:
        await provider.market_data(["XYZ"])

    assert caught.value.details == {"upstream": "ASX", "tickers": ["XYZ"]}


async def test_an_unknown_code_is_absent(asx: respx.MockRouter, provider: AsxProvider) -> None:
    assert await provider.market_data(["EVN", "QQQZ"]) == {"EVN": await _evn(provider)}
    assert asx.routes["unknown"].call_count == 2  # header and key statistics


async def test_a_400_on_either_endpoint_means_unknown(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/xyz/header").respond(200, content=body({"priceLast": 1.0}))
    asx.get(f"{COMPANIES}/xyz/key-statistics").respond(400, json=BAD_REQUEST)

    assert await provider.market_data(["XYZ"]) == {}


async def test_strings_that_are_not_codes_are_absent_and_never_requested(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    assert await provider.market_data(["../evn", "EV N", "", "EVN/header"]) == {}
    assert asx.calls.call_count == 0


async def test_each_ticker_is_requested_once_and_keyed_as_given(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    market = await provider.market_data(["evn", "evn", "EVN"])

    assert set(market) == {"evn", "EVN"}
    assert market["evn"].ticker == "EVN"
    assert asx.calls.call_count == 4


async def test_tickers_and_their_two_endpoints_are_fetched_concurrently(
    upstream: UpstreamDouble,
) -> None:
    in_flight = 0
    most = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        endpoint = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(200, content=EVN_HEADER if endpoint == "header" else EVN_STATISTICS)

    with respx.mock(base_url=ASX_BASE_URL) as router:
        router.get(url__startswith=f"{ASX_BASE_URL}{COMPANIES}/").mock(side_effect=slow)
        market = await AsxProvider(upstream, today=lambda: TODAY).market_data(["EVN", "BHP", "LYC"])

    assert len(market) == 3
    assert most == 6


async def test_one_ticker_down_does_not_lose_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/lyc/header").respond(503)
    asx.get(f"{COMPANIES}/lyc/key-statistics").respond(200, content=EVN_STATISTICS)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.market_data(["EVN", "LYC", "BHP", "QQQZ"])

    assert set(caught.value.partial) == {"EVN", "BHP"}
    assert caught.value.details == {"upstream": "ASX", "tickers": ["LYC"]}
    assert "ASX GET /asx-research/1.0/companies/lyc/header: HTTP 503" in caught.value.message


async def test_one_unreadable_ticker_does_not_lose_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/lyc/header").respond(200, content=b"<html>maintenance</html>")
    asx.get(f"{COMPANIES}/lyc/key-statistics").respond(200, content=EVN_STATISTICS)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.market_data(["EVN", "LYC"])

    assert set(caught.value.partial) == {"EVN"}
    assert "ASX LYC header: body is not JSON" in caught.value.message


async def test_a_transport_error_is_unavailable(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/evn/key-statistics").mock(side_effect=httpx.ReadTimeout)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.market_data(["EVN"])

    assert caught.value.partial == {}


@pytest.mark.parametrize("status", [401, 403, 404])
async def test_other_client_errors_are_provider_errors(
    asx: respx.MockRouter, provider: AsxProvider, status: int
) -> None:
    asx.get(f"{COMPANIES}/evn/header").respond(status)

    with pytest.raises(ProviderError, match=f"ASX EVN header: HTTP {status}"):
        await provider.market_data(["EVN"])


async def _evn(provider: AsxProvider) -> MarketData:
    return (await provider.market_data(["EVN"]))["EVN"]
