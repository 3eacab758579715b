"""Parsers for the ASX research API, against captured bodies and small variations of them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from core.errors import ProviderError
from providers.asx.markit import (
    Announcement,
    IncomePeriod,
    company_path,
    excel_serial_date,
    parse_about,
    parse_announcements,
    parse_header,
    parse_key_statistics,
)
from providers.models import Director
from tests.fixtures.paths import fixture_path, recording_path

EVN_HEADER = recording_path("asx/markit_companies_evn_header_partial.json").read_bytes()
EVN_STATISTICS = recording_path("asx/markit_companies_evn_key_statistics_partial.json").read_bytes()
BHP_ANNOUNCEMENTS = recording_path("asx/markit_companies_bhp_announcements.json").read_bytes()
LYC_ANNOUNCEMENTS = fixture_path("asx/markit_companies_lyc_announcements_fixture.json").read_bytes()

Parser = Callable[[bytes, str], Any]
PARSERS: dict[str, Parser] = {
    "header": parse_header,
    "key-statistics": parse_key_statistics,
    "about": parse_about,
    "announcements": parse_announcements,
}


def body(data: Any) -> bytes:
    return json.dumps({"data": data}).encode()


def bhp_item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(BHP_ANNOUNCEMENTS)["data"]["items"][0]
    item.update(changes)
    return item


def test_company_paths_put_the_code_in_lower_case() -> None:
    assert company_path("BHP", "header") == "/asx-research/1.0/companies/bhp/header"
    assert company_path("Evn", "key-statistics") == "/asx-research/1.0/companies/evn/key-statistics"


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(46203, date(2026, 6, 30)), (45838, date(2025, 6, 30)), (61, date(1900, 3, 1))],
)
def test_excel_serial_days_count_from_30_december_1899(serial: int, expected: date) -> None:
    assert excel_serial_date(serial) == expected


@pytest.mark.parametrize("serial", [0, 60, -5, 10**7])
def test_excel_serials_outside_the_calendar_are_refused(serial: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        excel_serial_date(serial)


def test_header_fixture() -> None:
    header = parse_header(EVN_HEADER, "EVN")

    assert header.code == "EVN"
    assert header.price_ask == 14.91
    assert header.market_cap == 32_035_854_133
    assert header.price_last is None
    assert header.display_name is None


def test_header_reads_the_quote_fields() -> None:
    header = parse_header(
        body(
            {
                "displayName": "BHP GROUP LIMITED",
                "sector": "Materials",
                "industryGroup": "Materials",
                "priceLast": 45.12,
                "priceChange": -0.3,
                "priceChangePercent": -0.66,
                "priceBid": 45.11,
                "priceAsk": 45.13,
                "marketCap": 229_000_000_000,
                "securityType": 1,
            }
        ),
        "bhp",
    )

    assert header.code == "BHP"
    assert header.display_name == "BHP GROUP LIMITED"
    assert (header.sector, header.industry_group) == ("Materials", "Materials")
    assert (header.price_last, header.price_bid, header.price_ask) == (45.12, 45.11, 45.13)
    assert (header.price_change, header.price_change_percent) == (-0.3, -0.66)
    assert header.market_cap == 229e9


def test_key_statistics_fixture_with_excel_serial_period_ends() -> None:
    statistics = parse_key_statistics(EVN_STATISTICS, "EVN")

    assert statistics.shares_outstanding == 2_044_406_773
    assert statistics.price_ask == 14.91
    assert statistics.income_statement == (
        IncomePeriod("2026A", date(2026, 6, 30), 5_558_774_000, 1_475_055_000),
        IncomePeriod("2025A", date(2025, 6, 30), 4_351_475_000, 926_169_000),
    )


def test_key_statistics_period_ends_may_be_iso_strings() -> None:
    statistics = parse_key_statistics(
        body({"incomeStatement": [{"period": "2026A", "fPeriodEndDate": "2026-06-30"}]}), "EVN"
    )

    assert statistics.income_statement[0].period_end == date(2026, 6, 30)
    assert statistics.income_statement[0].revenue is None


def test_key_statistics_without_optional_fields() -> None:
    statistics = parse_key_statistics(body({"isin": "AU000000EVN4"}), "EVN")

    assert statistics.isin == "AU000000EVN4"
    assert statistics.shares_outstanding is None
    assert statistics.income_statement == ()


def test_bhp_announcements_fixture() -> None:
    assert parse_announcements(BHP_ANNOUNCEMENTS, "BHP") == (
        Announcement(
            document_key="2924-03122554-3A699070",
            headline="2026 US Annual Report (Form 20-F)",
            announcement_type="PERIODIC REPORTS",
            released_at=datetime(2026, 8, 18, 21, 52, 18, tzinfo=UTC),
            price_sensitive=False,
            url=None,  # published as ""
            file_size="17790KB",
        ),
    )


def test_lyc_announcements_fixture_with_milliseconds() -> None:
    (item,) = parse_announcements(LYC_ANNOUNCEMENTS, "LYC")

    assert item.document_key == "02999999-6A1234567"
    assert item.headline == "Quarterly Activities Report"
    assert item.announcement_type == "QUARTERLY ACTIVITIES REPORT"
    assert item.released_at == datetime(2026, 7, 15, 13, 30, tzinfo=UTC)
    assert item.price_sensitive is True


def test_announcements_come_newest_first() -> None:
    items = [
        bhp_item(documentKey="A", date="2026-08-01T00:00:00Z"),
        bhp_item(documentKey="B", date="2026-08-19T00:00:00Z"),
        bhp_item(documentKey="C", date="2026-08-10T00:00:00Z"),
    ]

    parsed = parse_announcements(body({"items": items}), "BHP")

    assert [a.document_key for a in parsed] == ["B", "C", "A"]


def test_announcement_dates_without_a_zone_are_sydney_time() -> None:
    (item,) = parse_announcements(body({"items": [bhp_item(date="2026-08-19T07:52:18")]}), "BHP")

    assert item.released_at == datetime(2026, 8, 18, 21, 52, 18, tzinfo=UTC)  # AEST = UTC+10


def test_announcement_dates_may_be_excel_serials_with_a_time_of_day() -> None:
    # 46253.75 is 19 August 2026, 18:00 in Sydney.
    (item,) = parse_announcements(body({"items": [bhp_item(date=46253.75)]}), "BHP")

    assert item.released_at == datetime(2026, 8, 19, 8, 0, tzinfo=UTC)


def test_announcement_urls_are_kept_when_published() -> None:
    url = "https://announcements.asx.com.au/asxpdf/20260819/pdf/abc.pdf"
    (item,) = parse_announcements(body({"items": [bhp_item(url=url)]}), "BHP")

    assert item.url == url


def test_announcements_without_items_are_empty() -> None:
    assert parse_announcements(body({"symbol": "NEW"}), "NEW") == ()
    assert parse_announcements(body({"items": []}), "NEW") == ()


def test_about_lists_directors_with_their_titles() -> None:
    about = parse_about(
        body(
            {
                "displayName": "EXAMPLE LIMITED",
                "description": "An example company.",
                "websiteUrl": "https://example.com.au",
                "directors": [
                    {"name": "Ms Jane Citizen", "title": "Non-Executive Chairman"},
                    {"name": "Mr John Smith", "title": "Managing Director"},
                    {"name": "Dr Ann Lee", "title": ""},
                    {"name": "  ", "title": "Director"},
                ],
                "secretaries": [{"name": "Mr Sam Roe", "title": "Company Secretary"}],
            }
        ),
        "EXA",
    )

    assert about.directors == (
        Director("Ms Jane Citizen", "Non-Executive Chairman"),
        Director("Mr John Smith", "Managing Director"),
        Director("Dr Ann Lee", None),
    )
    assert about.secretaries == (Director("Mr Sam Roe", "Company Secretary"),)
    assert (about.display_name, about.website_url) == ("EXAMPLE LIMITED", "https://example.com.au")


def test_about_without_directors_has_none() -> None:
    assert parse_about(body({"displayName": "EXAMPLE LIMITED"}), "EXA").directors == ()


ENVELOPES = {
    "not JSON": b"<html><body>Access denied</body></html>",
    "truncated JSON": EVN_HEADER[: len(EVN_HEADER) // 2],
    "not UTF-8": b'{"data": {"displayName": "\xff"}}',
    "a JSON list": b"[]",
    "no data member": b'{"error": "Symbol not found"}',
    "null data": b'{"data": null}',
    "list data": b'{"data": []}',
    "empty": b"",
}


@pytest.mark.parametrize("endpoint", PARSERS)
@pytest.mark.parametrize("raw", ENVELOPES.values(), ids=ENVELOPES.keys())
def test_anything_but_a_data_envelope_is_a_provider_error(endpoint: str, raw: bytes) -> None:
    with pytest.raises(ProviderError) as caught:
        PARSERS[endpoint](raw, "evn")

    assert caught.value.message.startswith(f"ASX EVN {endpoint}: ")
    assert caught.value.details == {"upstream": "ASX"}


WRONG_TYPES: dict[str, tuple[str, dict[str, Any], str]] = {
    "price as text": ("header", {"priceLast": "14.91"}, "'priceLast' is a string, not a number"),
    "market cap as boolean": ("header", {"marketCap": True}, "'marketCap' is a boolean"),
    "name as number": ("header", {"displayName": 7}, "'displayName' is a number"),
    "shares as text": ("key-statistics", {"numOfShares": "2bn"}, "'numOfShares' is a string"),
    "periods as object": ("key-statistics", {"incomeStatement": {}}, "not a list"),
    "period as number": ("key-statistics", {"incomeStatement": [1]}, "'incomeStatement[0]'"),
    "period end as text": (
        "key-statistics",
        {"incomeStatement": [{"fPeriodEndDate": "June 2026"}]},
        "'fPeriodEndDate' 'June 2026' is not an ISO 8601 date",
    ),
    "period end out of range": (
        "key-statistics",
        {"incomeStatement": [{"fPeriodEndDate": 10**9}]},
        "out of range",
    ),
    "directors as text": ("about", {"directors": "Jane Citizen"}, "'directors' is a string"),
    "director as text": ("about", {"directors": ["Jane Citizen"]}, "'directors[0]'"),
    "items as object": ("announcements", {"items": {}}, "'items' is an object, not a list"),
    "item as list": ("announcements", {"items": [[]]}, "'items[0]' is a list"),
    "sensitivity as text": (
        "announcements",
        {"items": [bhp_item(isPriceSensitive="Y")]},
        "'isPriceSensitive' is a string, not true or false",
    ),
    "no sensitivity": (
        "announcements",
        {"items": [bhp_item(isPriceSensitive=None)]},
        "no 'isPriceSensitive'",
    ),
    "no headline": ("announcements", {"items": [bhp_item(headline="")]}, "no 'headline'"),
    "no key": ("announcements", {"items": [bhp_item(documentKey=None)]}, "no 'documentKey'"),
    "no date": ("announcements", {"items": [bhp_item(date=None)]}, "no 'date'"),
    "date as words": ("announcements", {"items": [bhp_item(date="yesterday")]}, "'yesterday'"),
    "date as object": ("announcements", {"items": [bhp_item(date={})]}, "'date' is an object"),
}


@pytest.mark.parametrize(("endpoint", "data", "problem"), WRONG_TYPES.values(), ids=WRONG_TYPES)
def test_a_field_of_the_wrong_type_is_a_provider_error(
    endpoint: str, data: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ProviderError) as caught:
        PARSERS[endpoint](body(data), "bhp")

    assert caught.value.message.startswith(f"ASX BHP {endpoint}: ")
    assert problem in caught.value.message
    assert caught.value.details == {"upstream": "ASX"}


def test_null_fields_are_absent_not_errors() -> None:
    header = parse_header(body({"priceLast": None, "marketCap": None, "sector": None}), "EVN")

    assert (header.price_last, header.market_cap, header.sector) == (None, None, None)
