"""The live Capital IQ adapter: market data, financials, peers and transactions."""

from __future__ import annotations

from datetime import date

import pytest
import respx

from core.errors import ProviderUnavailable
from providers.capiq import mnemonics as m
from providers.capiq.client import CapIqClient
from providers.capiq.live import CapIqProvider
from providers.models import DataSource
from tests.fixtures.capiq_upstream import PASSWORD, USERNAME, Clock, FakeCapIq
from tests.fixtures.upstream_double import UpstreamDouble


@pytest.fixture
def provider(client: CapIqClient) -> CapIqProvider:
    return CapIqProvider(client)


def put(fake: FakeCapIq, identifier: str, period: str = "", **values: str | list[str]) -> None:
    for mnemonic, value in values.items():
        fake.values[(identifier, mnemonic, period)] = value


async def test_market_data(provider: CapIqProvider, fake: FakeCapIq) -> None:
    put(
        fake,
        "BHP:ASX",
        IQ_LASTSALEPRICE="45.10",
        IQ_SHARESOUTSTANDING="5,070.2",
        IQ_MARKETCAP="228,666.0",
        IQ_TEV="250,123.4",
        IQ_BETA="0.95",
    )
    put(fake, "XYZ:ASX", IQ_LASTSALEPRICE="1.20", IQ_SHARESOUTSTANDING="100", IQ_MARKETCAP="120")
    put(fake, "NOP:ASX", IQ_SHARESOUTSTANDING="100")  # no price: unknown
    data = await provider.market_data(["BHP", "xyz", "NOP", "ZZZ"])
    assert set(data) == {"BHP", "xyz"}
    bhp = data["BHP"]
    assert bhp.price == 45.10
    assert bhp.shares_outstanding == pytest.approx(5_070.2e6)
    assert bhp.market_cap == pytest.approx(228_666e6)
    assert bhp.enterprise_value == pytest.approx(250_123.4e6)
    assert bhp.beta == 0.95
    assert bhp.as_of == date(2026, 3, 2)  # Sydney's date
    assert bhp.provenance.source is DataSource.CAPIQ
    assert bhp.provenance.as_of == date(2026, 3, 2)
    assert (data["xyz"].ticker, data["xyz"].enterprise_value, data["xyz"].beta) == (
        "XYZ",
        None,
        None,
    )
    [body] = fake.service_bodies
    assert {item["mnemonic"] for item in body["inputRequests"]} == set(m.MARKET_MNEMONICS)
    assert all(item["properties"] == {"currencyId": "AUD"} for item in body["inputRequests"])


async def test_financials_oldest_first_capex_positive_years_without_revenue_dropped(
    provider: CapIqProvider, fake: FakeCapIq
) -> None:
    for years_back in range(m.YEARS):
        year = 2025 - years_back
        put(
            fake,
            "XRO:ASX",
            f"IQ_FY-{years_back}",
            IQ_PERIODDATE=f"03/31/{year}",
            IQ_TOTAL_REV="" if years_back == 2 else f"{1000 + year - 2020},0",
            IQ_EBITDA="300.5",
            IQ_EBIT="(20.5)",
            IQ_NI="NM",
            IQ_DA="100",
            IQ_CAPEX="-1,234.5",
            IQ_CHANGE_NET_WORKING_CAPITAL="-12",
            IQ_NET_DEBT="50",
            IQ_LEASE_LIABILITIES="7.5",
        )
    statements = (await provider.financials(["XRO", "ZZZ"]))["XRO"]
    assert statements.currency == "AUD"
    assert [p.fiscal_year_end.year for p in statements.periods] == [2021, 2022, 2024, 2025]
    latest = statements.latest
    assert latest is not None
    assert latest.fiscal_year_end == date(2025, 3, 31)
    assert latest.revenue == pytest.approx(10_050e6)
    assert latest.ebit == pytest.approx(-20.5e6)
    assert latest.net_income == 0.0
    assert latest.capital_expenditure == pytest.approx(1_234.5e6)
    assert latest.change_in_working_capital == pytest.approx(-12e6)
    assert latest.lease_liabilities == pytest.approx(7.5e6)
    periods = {
        item["properties"]["periodType"]
        for body in fake.service_bodies
        for item in body["inputRequests"]
    }
    assert periods == {f"IQ_FY-{n}" for n in range(5)}


async def test_financials_read_equity_intangibles_and_dividends_and_leave_missing_ones_none(
    provider: CapIqProvider, fake: FakeCapIq
) -> None:
    for years_back in range(2):
        put(
            fake,
            "CBA:ASX",
            f"IQ_FY-{years_back}",
            IQ_PERIODDATE=f"06/30/{2025 - years_back}",
            IQ_TOTAL_REV="28,000",
        )
    put(
        fake,
        "CBA:ASX",
        "IQ_FY-0",
        IQ_TOTAL_EQUITY="79,000.5",
        IQ_GW_INTAN="7,800",
        IQ_COMMON_DIV_CF="(8,100.2)",  # paid: an outflow, as Capital IQ publishes it
    )
    put(fake, "CBA:ASX", "IQ_FY-1", IQ_TOTAL_EQUITY="NM", IQ_COMMON_DIV_CF="0")
    older, latest = (await provider.financials(["CBA"]))["CBA"].periods
    assert latest.total_equity == pytest.approx(79_000.5e6)
    assert latest.intangible_assets == pytest.approx(7_800e6)
    assert latest.dividends == pytest.approx(8_100.2e6)
    # "NM" and an item answered "Data Unavailable" are unknown, not zero; a published zero stays.
    assert (older.total_equity, older.intangible_assets, older.dividends) == (None, None, 0.0)
    sent = {item["mnemonic"] for body in fake.service_bodies for item in body["inputRequests"]}
    assert {m.TOTAL_EQUITY, m.INTANGIBLE_ASSETS, m.DIVIDENDS_PAID} <= sent


async def test_peers_exclude_the_company_and_other_exchanges(
    provider: CapIqProvider, fake: FakeCapIq
) -> None:
    put(
        fake,
        "BHP:ASX",
        IQ_QUICK_COMP=["RIO:ASX", "BHP:ASX", "VALE:NYSE", "FMG:ASX", "RIO:ASX"],
    )
    peers = await provider.peer_candidates(["BHP", "ZZZ"], 5)
    assert set(peers) == {"BHP"}
    assert [(p.ticker, round(p.similarity, 4)) for p in peers["BHP"]] == [
        ("RIO", round(1 / 1.1, 4)),
        ("FMG", round(1 / 1.4, 4)),
    ]
    item = fake.service_bodies[0]["inputRequests"][0]
    assert (item["function"], item["identifier"]) == ("GDSHE", "BHP:ASX")
    assert item["properties"] == {"startRank": "1", "endRank": "5"}
    assert await provider.peer_candidates(["BHP"], 0) == {}


async def test_transactions_newest_first_with_details_fetched_once_each(
    provider: CapIqProvider, fake: FakeCapIq
) -> None:
    put(fake, "AAA:ASX", IQ_TRANSACTION_LIST_MA=["IQTR1", "IQTR2"])
    put(fake, "BBB:ASX", IQ_TRANSACTION_LIST_MA=["IQTR2", "IQTR3"])
    put(
        fake,
        "IQTR1",
        IQ_TR_TARGETNAME="Alpha Ltd",
        IQ_TR_BUYER="Buyer One",
        IQ_TR_ANN_DATE_BL="02/15/2024",
        IQ_TR_STATUS="Closed",
        IQ_TR_IMPLIED_EV_FINAL="1,500.0",
        IQ_TR_IMPLIED_EV_TO_LTM_EBITDA="11.2",
        IQ_TR_IMPLIED_EV_TO_LTM_REV="NM",
        IQ_TR_OFFER_PREMIUM_1DAY="32.5",
    )
    put(
        fake,
        "IQTR2",
        IQ_TR_TARGETNAME="Beta Ltd",
        IQ_TR_ANN_DATE_BL="07/01/2025",
        IQ_TR_STATUS="Announced",
    )
    put(fake, "IQTR3", IQ_TR_BUYER="No target or date")  # cannot be placed: left out
    found = await provider.transactions(["AAA", "BBB", "ZZZ"])
    assert set(found) == {"AAA", "BBB"}
    beta, alpha = found["AAA"]
    assert (beta.id, alpha.id) == ("IQTR2", "IQTR1")
    assert alpha.target == "Alpha Ltd"
    assert alpha.acquirer == "Buyer One"
    assert alpha.announced_on == date(2024, 2, 15)
    assert alpha.enterprise_value == pytest.approx(1_500e6)
    assert alpha.ev_to_ebitda == 11.2
    assert alpha.ev_to_revenue is None
    assert alpha.control_premium == pytest.approx(0.325)
    assert alpha.gics_industry_group is None
    assert alpha.status == "Closed"
    assert alpha.provenance.source is DataSource.CAPIQ
    assert beta.acquirer == "Undisclosed"
    assert beta.control_premium is None
    assert [t.id for t in found["BBB"]] == ["IQTR2"]
    details = [
        item["identifier"]
        for body in fake.service_bodies[1:]
        for item in body["inputRequests"]
        if item["mnemonic"] == m.TR_TARGET
    ]
    assert details == ["IQTR1", "IQTR2", "IQTR3"]


async def test_adapter_passes_partial_answers_on(
    upstream: UpstreamDouble, router: respx.MockRouter, fake: FakeCapIq, clock: Clock
) -> None:
    client = CapIqClient(
        upstream, USERNAME, PASSWORD, chunk_size=len(m.MARKET_MNEMONICS), clock=clock
    )
    for ticker in ("AAA", "BBB"):
        put(fake, f"{ticker}:ASX", IQ_LASTSALEPRICE="1", IQ_SHARESOUTSTANDING="2", IQ_MARKETCAP="2")
    fake.fail_calls = {2}
    with pytest.raises(ProviderUnavailable) as raised:
        await CapIqProvider(client).market_data(["AAA", "BBB"])
    assert len(raised.value.partial) == 1
    assert raised.value.extensions["upstream"] == "CAPIQ"


async def test_daily_limit_reaches_the_adapter_caller_with_retry_at(
    provider: CapIqProvider, fake: FakeCapIq
) -> None:
    fake.limit_reached = True
    with pytest.raises(ProviderUnavailable) as raised:
        await provider.financials(["BHP"])
    assert raised.value.details["retryAt"] == "2026-03-02T00:00:00+00:00"
    assert raised.value.partial == {}
    with pytest.raises(ProviderUnavailable):
        await provider.peer_candidates(["BHP"], 5)
    assert fake.calls == 1
