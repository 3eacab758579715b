"""The live ASX adapter over HTTP (respx): listing, market data, announcements and directors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.asx.live import ASX_BASE_URL, ASX_LISTING_URL, AsxProvider
from providers.models import CompanyProfile, DataSource, Director, MarketData, Provenance
from tests.fixtures.paths import fixture_path, recording_path
from tests.fixtures.upstream_double import UpstreamDouble

TODAY = date(2026, 8, 21)
COMPANIES = "/asx-research/1.0/companies"
DIRECTORY_PATH = f"{COMPANIES}/directory/file"


def fixture(name: str) -> bytes:
    return fixture_path(f"asx/{name}").read_bytes()


def body(data: Any) -> bytes:
    return json.dumps({"data": data}).encode()


EVN_HEADER = recording_path("asx/markit_companies_evn_header_partial.json").read_bytes()
EVN_STATISTICS = recording_path("asx/markit_companies_evn_key_statistics_partial.json").read_bytes()
BHP_ANNOUNCEMENTS = recording_path("asx/markit_companies_bhp_announcements.json").read_bytes()
LYC_ANNOUNCEMENTS = fixture("markit_companies_lyc_announcements_fixture.json")
BHP_HEADER = body({"displayName": "BHP GROUP LIMITED", "priceLast": 45.0, "priceAsk": 45.1})
BHP_STATISTICS = body({"numOfShares": 5_000_000_000})
BAD_REQUEST = {"errorCode": "bad-request", "message": "Symbol not found"}


@pytest.fixture
def asx() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=ASX_BASE_URL, assert_all_called=False) as router:
        router.get(f"{COMPANIES}/evn/header").respond(200, content=EVN_HEADER)
        router.get(f"{COMPANIES}/evn/key-statistics").respond(200, content=EVN_STATISTICS)
        router.get(f"{COMPANIES}/bhp/header").respond(200, content=BHP_HEADER)
        router.get(f"{COMPANIES}/bhp/key-statistics").respond(200, content=BHP_STATISTICS)
        router.get(f"{COMPANIES}/bhp/announcements", name="bhp-announcements").respond(
            200, content=BHP_ANNOUNCEMENTS
        )
        router.get(f"{COMPANIES}/lyc/announcements").respond(200, content=LYC_ANNOUNCEMENTS)
        # A code the ASX does not know.
        router.get(path__regex=rf"^{COMPANIES}/qqqz/[a-z-]+$", name="unknown").respond(
            400, json=BAD_REQUEST
        )
        yield router


@pytest.fixture
async def upstream() -> AsyncIterator[UpstreamDouble]:
    upstream = UpstreamDouble("ASX", ASX_BASE_URL)
    yield upstream
    await upstream.aclose()


@pytest.fixture
def provider(upstream: UpstreamDouble) -> AsxProvider:
    return AsxProvider(upstream, ASX_LISTING_URL, today=lambda: TODAY)


# --- market data -------------------------------------------------------------------------------


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


# --- filings -----------------------------------------------------------------------------------


async def test_filings_from_announcements(asx: respx.MockRouter, provider: AsxProvider) -> None:
    filings = await provider.filings(["BHP", "LYC", "QQQZ"])

    assert set(filings) == {"BHP", "LYC"}
    (bhp,) = filings["BHP"]
    assert bhp.id == "2924-03122554-3A699070"
    assert bhp.ticker == "BHP"
    assert bhp.title == "2026 US Annual Report (Form 20-F)"
    assert bhp.document_type == "PERIODIC REPORTS"
    assert bhp.released_at == datetime(2026, 8, 18, 21, 52, 18, tzinfo=UTC)
    assert bhp.price_sensitive is False
    assert bhp.url is None
    assert bhp.provenance == Provenance(DataSource.ASX, TODAY)
    assert filings["LYC"][0].price_sensitive is True


async def test_filings_ask_for_the_configured_count(
    asx: respx.MockRouter, upstream: UpstreamDouble
) -> None:
    await AsxProvider(upstream, announcements=5, today=lambda: TODAY).filings(["BHP"])

    request = asx.routes["bhp-announcements"].calls.last.request
    assert request.url.params["count"] == "5"


async def test_filings_are_newest_first_and_keep_a_published_url(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    items = json.loads(BHP_ANNOUNCEMENTS)["data"]["items"]
    newer = dict(items[0], documentKey="K2", date="2026-08-20T00:00:00Z", url="https://x/a.pdf")
    asx.routes["bhp-announcements"].respond(200, content=body({"items": [*items, newer]}))

    filings = (await provider.filings(["BHP"]))["BHP"]

    assert [f.id for f in filings] == ["K2", "2924-03122554-3A699070"]
    assert filings[0].url == "https://x/a.pdf"


async def test_filings_one_ticker_unreadable_keeps_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.routes["bhp-announcements"].respond(200, content=body({"items": "none"}))

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.filings(["BHP", "LYC"])

    assert set(caught.value.partial) == {"LYC"}
    assert "'items' is a string, not a list" in caught.value.message


async def test_filings_all_unreadable_is_a_provider_error(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.routes["bhp-announcements"].respond(200, content=b'{"items": []}')

    with pytest.raises(ProviderError, match="ASX BHP announcements: body is not"):
        await provider.filings(["BHP"])


# --- directors ---------------------------------------------------------------------------------


async def test_directors_from_the_about_page(asx: respx.MockRouter, provider: AsxProvider) -> None:
    asx.get(f"{COMPANIES}/bhp/about").respond(
        200,
        content=body(
            {
                "displayName": "BHP GROUP LIMITED",
                "directors": [
                    {"name": "Mr Ross McEwan", "title": "Non-Executive Chair"},
                    {"name": "Mr Mike Henry", "title": "Chief Executive Officer"},
                ],
            }
        ),
    )

    directors = await provider.directors(["BHP", "QQQZ"])

    assert directors == {
        "BHP": (
            Director("Mr Ross McEwan", "Non-Executive Chair"),
            Director("Mr Mike Henry", "Chief Executive Officer"),
        )
    }


async def test_directors_one_ticker_down_keeps_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/bhp/about").respond(200, content=body({"directors": []}))
    asx.get(f"{COMPANIES}/lyc/about").respond(429)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.directors(["BHP", "LYC"])

    assert caught.value.partial == {"BHP": ()}


# --- listing -----------------------------------------------------------------------------------


@pytest.fixture
def listing() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


async def test_listing_in_the_asx_layout_with_its_as_at_date(
    listing: respx.MockRouter, provider: AsxProvider
) -> None:
    listing.get(ASX_LISTING_URL).respond(
        200, content=fixture("ASXListedCompanies_2025-12-05_excerpt.csv")
    )

    companies = await provider.list_companies()

    provenance = Provenance(DataSource.ASX, date(2025, 12, 5))
    assert companies[0] == CompanyProfile(
        "14D", "1414 DEGREES LIMITED", "Capital Goods", provenance
    )
    assert {c.ticker: c.gics_industry_group for c in companies}["TCF"] is None  # Not Applic
    assert {c.ticker: c.gics_industry_group for c in companies}["6KA"] is None  # Class Pend
    assert len(companies) == 9


async def test_listing_in_the_legacy_crlf_layout(
    listing: respx.MockRouter, provider: AsxProvider
) -> None:
    listing.get(ASX_LISTING_URL).respond(200, content=fixture("legacy_ASXListedCompanies.csv"))

    companies = await provider.list_companies()

    assert [c.ticker for c in companies] == ["MOQ", "ONT", "14D"]
    assert companies[0].provenance.as_of == date(2020, 6, 13)


async def test_listing_in_the_directory_layout_from_a_path_dates_it_today(
    listing: respx.MockRouter, upstream: UpstreamDouble
) -> None:
    listing.get(f"{ASX_BASE_URL}{DIRECTORY_PATH}").respond(
        200, content=fixture("markit_companies_directory_file.csv")
    )

    companies = await AsxProvider(upstream, DIRECTORY_PATH, today=lambda: TODAY).list_companies()

    assert companies == [
        CompanyProfile(
            "EGR",
            "ECOGRAF LIMITED",
            "Materials",
            Provenance(DataSource.ASX, TODAY),
            market_cap=124_618_828.0,  # the directory file publishes capitalisations
        )
    ]


LISTINGS = {
    "no ASX code column": b"Name,Sector\nFoo,Bar\n",
    "truncated inside a name": fixture("legacy_ASXListedCompanies.csv")[:-30],
    "market cap not a number": b"ASX code,Company name,Market Cap\nEGR,ECOGRAF LIMITED,n/a\n",
    "an impossible banner date": (
        b"ASX listed companies as at Fri Feb 31 08:08:59 AEDT 2025\n\n"
        b"Company name,ASX code,GICS industry group\n"
    ),
    "an oversized field": b'ASX code,Company name\nEGR,"' + b"x" * 200_000 + b'"\n',
}


@pytest.mark.parametrize("raw", LISTINGS.values(), ids=LISTINGS.keys())
async def test_an_unreadable_listing_is_a_provider_error(
    listing: respx.MockRouter, provider: AsxProvider, raw: bytes
) -> None:
    listing.get(ASX_LISTING_URL).respond(200, content=raw)

    with pytest.raises(ProviderError) as caught:
        await provider.list_companies()

    assert caught.value.message.startswith("ASX listed-companies file: ")
    assert caught.value.details == {"upstream": "ASX"}


async def test_a_refused_listing_is_a_provider_error(
    listing: respx.MockRouter, provider: AsxProvider
) -> None:
    listing.get(ASX_LISTING_URL).respond(403, text="Request unsuccessful. Incapsula incident")

    with pytest.raises(ProviderError, match="ASX listed-companies file: HTTP 403"):
        await provider.list_companies()


async def test_a_listing_that_cannot_be_fetched_is_unavailable(
    listing: respx.MockRouter, provider: AsxProvider
) -> None:
    listing.get(ASX_LISTING_URL).respond(502)

    with pytest.raises(ProviderUnavailable):
        await provider.list_companies()


async def _evn(provider: AsxProvider) -> MarketData:
    return (await provider.market_data(["EVN"]))["EVN"]
