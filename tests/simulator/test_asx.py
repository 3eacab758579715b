"""The simulated ASX: markitdigital company routes and the listed-companies file."""

from __future__ import annotations

from datetime import date

import httpx

from providers.asx import parse_asx_listing
from providers.sample.provider import DATA_DIR, LISTING_FILE, SampleProvider
from simulator.asx import excel_serial
from simulator.recordings import recorded_json

COMPANIES = "/asx/asx-research/1.0/companies"


async def test_header_carries_the_recorded_keys_in_a_data_envelope(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(f"{simulator}{COMPANIES}/bhp/header")
    assert response.status_code == 200
    data = response.json()["data"]
    recorded = recorded_json("asx/markit_companies_evn_header_partial.json")["data"]
    assert set(recorded) <= set(data)
    market = (await SampleProvider().market_data(["BHP"]))["BHP"]
    assert data["symbol"] == "BHP"
    assert (data["sector"], data["industryGroup"]) == ("Materials", "Materials")
    assert data["displayName"] == "BHP GROUP LIMITED"
    assert data["priceLast"] == market.price
    assert data["marketCap"] == round(market.market_cap)


async def test_key_statistics_give_fiscal_year_ends_as_excel_serial_days(
    simulator: str, http: httpx.AsyncClient
) -> None:
    data = (await http.get(f"{simulator}{COMPANIES}/bhp/key-statistics")).json()["data"]
    recorded = recorded_json("asx/markit_companies_evn_key_statistics_partial.json")["data"]
    assert set(recorded) <= set(data)
    statements = (await SampleProvider().financials(["BHP"]))["BHP"]
    latest = data["incomeStatement"][0]
    assert set(latest) == set(recorded["incomeStatement"][0])
    assert latest["period"] == "2025A"
    assert latest["fPeriodEndDate"] == 45838 == excel_serial(date(2025, 6, 30))
    assert latest["revenue"] == round(statements.periods[-1].revenue)
    assert len(data["incomeStatement"]) == len(statements.periods)


def test_excel_serial_days_match_the_recorded_period_ends() -> None:
    assert excel_serial(date(2026, 6, 30)) == 46203


async def test_about_is_served_for_a_listed_company(
    simulator: str, http: httpx.AsyncClient
) -> None:
    data = (await http.get(f"{simulator}{COMPANIES}/bhp/about")).json()["data"]
    assert data["displayName"] == "BHP GROUP LIMITED"
    assert "Simulated" in data["description"]
    assert all(d["name"].startswith("Simulated") for d in data["directors"])


async def test_announcements_have_the_recorded_item_keys_and_at_most_five_items(
    simulator: str, http: httpx.AsyncClient
) -> None:
    data = (await http.get(f"{simulator}{COMPANIES}/bhp/announcements?count=20")).json()["data"]
    recorded = recorded_json("asx/markit_companies_bhp_announcements.json")["data"]
    assert set(recorded) <= set(data)
    assert len(data["items"]) == 5
    assert all(set(item) == set(recorded["items"][0]) for item in data["items"])
    filings = (await SampleProvider().filings(["BHP"]))["BHP"]
    assert data["items"][0]["headline"] == filings[0].title
    assert data["items"][0]["date"].endswith("Z")


async def test_announcements_honour_a_count_below_five(
    simulator: str, http: httpx.AsyncClient
) -> None:
    data = (await http.get(f"{simulator}{COMPANIES}/bhp/announcements?count=2")).json()["data"]
    assert len(data["items"]) == 2


async def test_an_unknown_code_is_http_400_with_a_json_body(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(f"{simulator}{COMPANIES}/zzzzz/header")
    assert response.status_code == 400
    assert "zzzzz" in response.json()["message"]


async def test_every_listed_ticker_answers_including_unclassified_ones(
    simulator: str, http: httpx.AsyncClient
) -> None:
    for code in ("14d", "TCF", "6ka", "zno"):
        response = await http.get(f"{simulator}{COMPANIES}/{code}/key-statistics")
        assert response.status_code == 200, code


async def test_the_listing_is_the_real_file_and_parses(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(f"{simulator}/asx/asx/research/ASXListedCompanies.csv")
    assert response.headers["content-type"] == "text/csv"
    assert response.content == (DATA_DIR / LISTING_FILE).read_bytes()
    as_of, companies = parse_asx_listing(response.content)
    assert as_of == date(2025, 12, 5)
    assert len(companies) == 1985


async def test_the_retired_api_answers_its_recorded_404(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(f"{simulator}/asx/asx/1/share/ANZ")
    assert response.status_code == 404
    assert response.json() == recorded_json("asx/legacy_asx1_retired_404.json")
