"""The simulated Capital IQ: token, then batched requests answered in order with string values."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from providers.capiq import mnemonics as m
from providers.sample.provider import SampleProvider
from simulator.recordings import recorded_json
from tests.fixtures.upstream_simulator import capiq_token

CLIENTSERVICE = "/capiq/v3/clientservice.json"


def request(identifier: str, mnemonic: str, function: str = m.GDSP, **properties: str) -> dict:
    return {
        "function": function,
        "identifier": identifier,
        "mnemonic": mnemonic,
        "properties": properties,
    }


async def call(http: httpx.AsyncClient, base: str, requests: list[dict]) -> list[dict[str, Any]]:
    token = await capiq_token(http, base)
    response = await http.post(
        f"{base}{CLIENTSERVICE}",
        json={"inputRequests": requests},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    elements: list[dict[str, Any]] = response.json()["GDSSDKResponse"]
    return elements


def values(element: dict[str, Any]) -> list[str]:
    return [row["Row"][0] for row in element["Rows"]]


async def test_the_token_has_the_recorded_shape_with_a_string_lifetime(
    simulator: str, http: httpx.AsyncClient
) -> None:
    from simulator import Credentials

    credentials = Credentials()
    response = await http.post(
        f"{simulator}/capiq/authenticate/api/v1/token",
        data={"username": credentials.capiq_username, "password": credentials.capiq_password},
    )
    answer = response.json()
    assert set(answer) == set(recorded_json("capiq/auth_token_response_shape.json"))
    assert answer["expires_in_seconds"] == "3600"


async def test_wrong_credentials_are_401(simulator: str, http: httpx.AsyncClient) -> None:
    response = await http.post(
        f"{simulator}/capiq/authenticate/api/v1/token",
        data={"username": "someone", "password": "wrong"},
    )
    assert response.status_code == 401


async def test_clientservice_without_a_valid_bearer_token_is_401(
    simulator: str, http: httpx.AsyncClient
) -> None:
    body = {"inputRequests": [request("BHP:ASX", m.MARKET_CAP)]}
    missing = await http.post(f"{simulator}{CLIENTSERVICE}", json=body)
    forged = await http.post(
        f"{simulator}{CLIENTSERVICE}", json=body, headers={"Authorization": "Bearer forged"}
    )
    assert (missing.status_code, forged.status_code) == (401, 401)


async def test_answers_come_in_request_order_with_string_values(
    simulator: str, http: httpx.AsyncClient
) -> None:
    requests = [request("BHP:ASX", mnemonic) for mnemonic in m.MARKET_MNEMONICS]
    requests.insert(2, request("14D:ASX", m.LAST_PRICE))
    elements = await call(http, simulator, requests)
    recorded = recorded_json("capiq/clientservice_response_gdst_fixture.json")
    assert [(e["Identifier"], e["Mnemonic"]) for e in elements] == [
        (r["identifier"], r["mnemonic"]) for r in requests
    ]
    for element in elements:
        assert set(element) == set(recorded["GDSSDKResponse"][0])
        assert element["ErrMsg"] is None
        assert all(isinstance(v, str) for v in values(element))
    market = (await SampleProvider().market_data(["BHP"]))["BHP"]
    by_mnemonic = {
        e["Mnemonic"]: float(values(e)[0]) for e in elements if e["Identifier"] == "BHP:ASX"
    }
    # Money and share counts in millions, as Capital IQ states them; prices and betas as they are.
    assert by_mnemonic[m.MARKET_CAP] * 1e6 == pytest.approx(market.market_cap, abs=0.01)
    assert by_mnemonic[m.SHARES_OUTSTANDING] * 1e6 == pytest.approx(market.shares_outstanding)
    assert by_mnemonic[m.LAST_PRICE] == market.price
    assert by_mnemonic[m.BETA] == market.beta


async def test_financials_go_back_by_fiscal_year_with_capex_negative(
    simulator: str, http: httpx.AsyncClient
) -> None:
    requests = [
        request("BHP:ASX", mnemonic, periodType=f"IQ_FY-{n}")
        for n in range(m.YEARS + 1)
        for mnemonic in (m.PERIOD_DATE, m.CAPEX, m.REVENUE)
    ]
    elements = await call(http, simulator, requests)
    periods = (await SampleProvider().financials(["BHP"]))["BHP"].periods
    for n in range(m.YEARS):
        date_, capex, revenue = (values(e)[0] for e in elements[3 * n : 3 * n + 3])
        period = periods[-1 - n]
        assert date_ == f"{period.fiscal_year_end:%m/%d/%Y}"
        assert float(capex) * 1e6 == pytest.approx(-period.capital_expenditure)
        assert float(capex) < 0
        assert float(revenue) * 1e6 == pytest.approx(period.revenue)
    assert values(elements[-1]) == ["Data Unavailable"]


async def test_equity_intangibles_and_dividends_paid_are_the_sample_lines_in_millions(
    simulator: str, http: httpx.AsyncClient
) -> None:
    lines = (m.TOTAL_EQUITY, m.INTANGIBLE_ASSETS, m.DIVIDENDS_PAID)
    requests = [
        request("CBA:ASX", mnemonic, periodType=f"IQ_FY-{n}")
        for n in range(m.YEARS + 1)
        for mnemonic in lines
    ]
    elements = await call(http, simulator, requests)
    periods = (await SampleProvider().financials(["CBA"]))["CBA"].periods
    for n in range(m.YEARS):
        equity, intangibles, dividends = (values(e)[0] for e in elements[3 * n : 3 * n + 3])
        period = periods[-1 - n]
        assert period.total_equity and period.intangible_assets is not None
        assert period.dividends is not None
        assert float(equity) * 1e6 == pytest.approx(period.total_equity)
        assert float(intangibles) * 1e6 == pytest.approx(period.intangible_assets)
        # Dividends paid are a cash outflow, published negative like capex.
        assert float(dividends) * 1e6 == pytest.approx(-period.dividends)
        assert not dividends.startswith("-") or period.dividends > 0
    assert [values(e) for e in elements[-3:]] == [["Data Unavailable"]] * 3


async def test_quick_comparables_are_the_sample_peers(
    simulator: str, http: httpx.AsyncClient
) -> None:
    elements = await call(
        http,
        simulator,
        [request("BHP:ASX", m.QUICK_COMPARABLES, m.GDSHE, startRank="1", endRank="5")],
    )
    peers = (await SampleProvider().peer_candidates(["BHP"], 5))["BHP"]
    assert values(elements[0]) == [f"{p.ticker}:ASX" for p in peers]


async def test_transactions_list_ids_whose_targets_share_the_industry_group(
    simulator: str, http: httpx.AsyncClient
) -> None:
    companies = {c.ticker: c for c in await SampleProvider().list_companies()}
    tickers = [t for t, c in sorted(companies.items()) if c.gics_industry_group][:40]
    lists = await call(
        http,
        simulator,
        [
            request(f"{t}:ASX", m.TRANSACTION_LIST, m.GDSHE, startRank="1", endRank="20")
            for t in tickers
        ],
    )
    counts = [len(values(e)) for e in lists]
    assert set(counts) <= set(range(5)) and max(counts) > 0
    ticker, element = next((t, e) for t, e in zip(tickers, lists, strict=True) if e["Rows"])
    transaction_id = values(element)[0]
    assert re.fullmatch(r"IQTR\d+", transaction_id)
    details = await call(
        http, simulator, [request(transaction_id, mnemonic) for mnemonic in m.TRANSACTION_MNEMONICS]
    )
    target, buyer, announced, _status, ev, *_ = (values(e)[0] for e in details)
    group = companies[ticker].gics_industry_group
    assert target in {c.name for c in companies.values() if c.gics_industry_group == group}
    assert buyer.startswith("SIMULATED")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", announced)
    assert float(ev) > 0
    again = await call(http, simulator, [request(transaction_id, m.TR_TARGET)])
    assert values(again[0]) == [target]


async def test_an_unknown_identifier_fails_only_its_own_item(
    simulator: str, http: httpx.AsyncClient
) -> None:
    elements = await call(
        http,
        simulator,
        [
            request("NOPE:ASX", m.MARKET_CAP),
            request("BHP:ASX", m.MARKET_CAP),
            request("IQTR1", m.TR_TARGET),
        ],
    )
    assert (elements[0]["ErrMsg"], elements[0]["Rows"]) == ("Invalid Identifier", [])
    assert elements[1]["ErrMsg"] is None
    assert elements[2]["ErrMsg"] == "Invalid Identifier"


async def test_past_the_daily_limit_the_answer_is_the_recorded_single_error(
    simulator: str, http: httpx.AsyncClient
) -> None:
    await http.post(f"{simulator}/_sim/faults", json={"capiq_daily_limit": 3})
    two = [request("BHP:ASX", m.MARKET_CAP), request("BHP:ASX", m.BETA)]
    assert len(await call(http, simulator, two)) == 2
    refused = await call(http, simulator, two)
    assert refused == [{"ErrMsg": "Daily Request Limit of 3 Exceeded"}]
    await http.post(f"{simulator}/_sim/reset")
    assert len(await call(http, simulator, two)) == 2


async def test_an_unreadable_body_is_400(simulator: str, http: httpx.AsyncClient) -> None:
    token = await capiq_token(http, simulator)
    response = await http.post(
        f"{simulator}{CLIENTSERVICE}",
        content=b"not json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
