"""The live ASX adapter's company listing, in the ASX, legacy and directory layouts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.asx.live import ASX_BASE_URL, ASX_LISTING_URL, AsxProvider
from providers.models import CompanyProfile, DataSource, Provenance
from tests.fixtures.asx_upstream import COMPANIES, TODAY
from tests.fixtures.paths import fixture_path
from tests.fixtures.upstream_double import UpstreamDouble

DIRECTORY_PATH = f"{COMPANIES}/directory/file"


def fixture(name: str) -> bytes:
    return fixture_path(f"asx/{name}").read_bytes()


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
