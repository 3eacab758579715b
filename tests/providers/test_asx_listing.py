"""The ASX listed-companies file, in both of its published layouts."""

from __future__ import annotations

from datetime import date

import pytest

from providers.asx import ListingParseError, parse_asx_listing
from providers.sample.provider import DATA_DIR, LISTING_FILE
from tests.fixtures.paths import fixture_path


def test_full_listing_has_every_company_and_its_as_at_date() -> None:
    as_of, companies = parse_asx_listing((DATA_DIR / LISTING_FILE).read_bytes())
    assert as_of == date(2025, 12, 5)
    assert len(companies) == 1985
    assert len({c.ticker for c in companies}) == 1985


def test_placeholders_for_unclassified_listings_become_none() -> None:
    _, companies = parse_asx_listing((DATA_DIR / LISTING_FILE).read_bytes())
    groups = {c.gics_industry_group for c in companies}
    assert None in groups
    assert not groups & {"Not Applic", "Class Pend"}


def test_legacy_crlf_layout_parses_with_its_banner_date() -> None:
    as_of, companies = parse_asx_listing(
        fixture_path("asx/legacy_ASXListedCompanies.csv").read_bytes()
    )
    assert as_of == date(2020, 6, 13)
    assert companies[0].ticker == "MOQ"
    assert companies[0].gics_industry_group == "Software & Services"


def test_markit_directory_layout_is_read_by_header_name() -> None:
    as_of, companies = parse_asx_listing(
        fixture_path("asx/markit_companies_directory_file.csv").read_bytes()
    )
    assert as_of is None
    assert companies[0].ticker == "EGR"
    assert companies[0].name == "ECOGRAF LIMITED"
    assert companies[0].gics_industry_group == "Materials"
    assert companies[0].market_cap == 124618828


def test_file_without_an_asx_code_column_is_refused() -> None:
    with pytest.raises(ListingParseError):
        parse_asx_listing(b"Name,Sector\nFoo,Bar\n")
