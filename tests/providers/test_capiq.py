"""Capital IQ: the response parser, the token-authenticated client and the live adapter."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.capiq import mnemonics as m
from providers.capiq.client import CapIqClient
from providers.capiq.live import CapIqProvider
from providers.capiq.parser import (
    InputRequest,
    RequestLimitReached,
    parse_clientservice,
    parse_date,
    parse_number,
    parse_token,
)
from providers.models import DataSource
from tests.fixtures.paths import fixture_path, recording_path
from tests.fixtures.upstream_double import UpstreamDouble

BASE = "https://capiq.test/gdsapi/rest"
USERNAME = "analyst@example.com"
PASSWORD = "correct horse battery staple"
# 20:00 UTC on 1 March is 07:00 on 2 March in Sydney (AEDT).
START = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def fixture(name: str) -> Any:
    return json.loads(fixture_path(f"upstream/capiq/{name}").read_text(encoding="utf-8"))


def recorded(name: str) -> Any:
    return json.loads(recording_path(f"capiq/{name}").read_text(encoding="utf-8"))


# --- parser ------------------------------------------------------------------------------------


def test_request_example_fixture_is_what_input_requests_serialise_to() -> None:
    for item in fixture("clientservice_request_example.json")["inputRequests"]:
        assert InputRequest(**item).to_json() == item


def test_gdst_fixture_parses() -> None:
    request = InputRequest(m.GDST, "TRIP:", "IQ_CLOSEPRICE")
    [item] = parse_clientservice(recorded("clientservice_response_gdst_fixture.json"), [request])
    assert item is not None
    assert item.value == "46.80"
    assert item.headers == ("IQ_CLOSEPRICE",)
    assert item.identifier == "TRIP:"
    assert item.rows == (("46.80",),)


def test_per_item_error_fixture_is_none() -> None:
    request = InputRequest(m.GDSHE, "TRIP:", "IQ_CLOSEPRICE")
    body = fixture("clientservice_response_per_item_error_fixture.json")
    assert parse_clientservice(body, [request]) == [None]


@pytest.mark.parametrize("count", [1, 3])
def test_daily_limit_fixture_is_recognised(count: int) -> None:
    requests = [InputRequest(m.GDSP, "BHP:ASX", m.LAST_PRICE)] * count
    with pytest.raises(RequestLimitReached, match="Daily Request Limit of 10000 Exceeded"):
        parse_clientservice(recorded("clientservice_response_daily_limit.json"), requests)


def test_token_fixture_parses_with_its_lifetime_as_a_string() -> None:
    assert parse_token(recorded("auth_token_response_shape.json")) == ("<token>", 3600)
    assert parse_token({"access_token": "t", "expires_in_seconds": 1800}) == ("t", 1800)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,234.5", 1234.5),
        ("46.80", 46.8),
        ("-12", -12.0),
        ("(12.5)", -12.5),
        ("32.5%", 32.5),
        ("1.5E+3", 1500.0),
        ("NM", None),
        ("", None),
        ("  ", None),
        ("NA", None),
        ("Data Unavailable", None),
        (None, None),
    ],
)
def test_numbers(text: str | None, number: float | None) -> None:
    assert parse_number(text, "IQ_X") == number


@pytest.mark.parametrize("text", ["abc", "1.2.3", "12 34", "$12"])
def test_unreadable_numbers_are_provider_errors(text: str) -> None:
    with pytest.raises(ProviderError, match="IQ_X is not a number"):
        parse_number(text, "IQ_X")


def test_dates() -> None:
    assert parse_date("06/30/2025", m.PERIOD_DATE) == date(2025, 6, 30)
    assert parse_date("06/30/2025 00:00:00", m.PERIOD_DATE) == date(2025, 6, 30)
    assert parse_date("", m.PERIOD_DATE) is None
    assert parse_date("NM", m.PERIOD_DATE) is None
    with pytest.raises(ProviderError, match="not a MM/DD/YYYY date"):
        parse_date("30/06/2025", m.PERIOD_DATE)


ONE = [InputRequest(m.GDSP, "BHP:ASX", m.LAST_PRICE)]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "no GDSSDKResponse"),
        ({"GDSSDKResponse": None}, "no GDSSDKResponse"),
        ({"GDSSDKResponse": []}, "0 answers to 1 requests"),
        ({"GDSSDKResponse": ["x"]}, "is not an object"),
        ({"GDSSDKResponse": [{"Mnemonic": "IQ_TEV", "Rows": []}]}, "answers out of order"),
        ({"GDSSDKResponse": [{"Mnemonic": m.LAST_PRICE, "Rows": {}}]}, "Rows is not a list"),
        ({"GDSSDKResponse": [{"Mnemonic": m.LAST_PRICE, "Rows": [{}]}]}, "no Row list"),
        ({"GDSSDKResponse": [{"Rows": [{"Row": [{"v": 1}]}]}]}, "neither text nor a number"),
        ({"GDSSDKResponse": [{"ErrMsg": 5}]}, "ErrMsg is not text"),
        ({"GDSSDKResponse": [{"Headers": "IQ"}]}, "Headers is not a list"),
    ],
)
def test_malformed_responses_are_provider_errors(body: Any, problem: str) -> None:
    with pytest.raises(ProviderError, match=problem) as raised:
        parse_clientservice(body, ONE)
    assert raised.value.extensions["upstream"] == "CAPIQ"


def test_a_call_refused_as_a_whole_for_another_reason_is_an_error() -> None:
    with pytest.raises(ProviderError, match="the call was refused: Invalid Request"):
        parse_clientservice({"GDSSDKResponse": [{"ErrMsg": "Invalid Request"}]}, ONE * 2)


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"expires_in_seconds": "3600"},
        {"access_token": "", "expires_in_seconds": "3600"},
        {"access_token": "t"},
        {"access_token": "t", "expires_in_seconds": "an hour"},
        {"access_token": "t", "expires_in_seconds": "0"},
        {"access_token": "t", "expires_in_seconds": True},
    ],
)
def test_malformed_token_answers_are_provider_errors(body: Any) -> None:
    with pytest.raises(ProviderError, match=r"^CAPIQ authentication"):
        parse_token(body)


# --- a fake Capital IQ --------------------------------------------------------------------------


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakeCapIq:
    """Answers the token and clientservice endpoints from `values`, keyed by (identifier,
    mnemonic, periodType or "")."""

    values: dict[tuple[str, str, str], str | list[str]] = field(default_factory=dict)
    tokens_issued: int = 0
    valid_tokens: set[str] = field(default_factory=set)
    service_bodies: list[dict[str, Any]] = field(default_factory=list)
    token_forms: list[bytes] = field(default_factory=list)
    limit_reached: bool = False
    fail_calls: set[int] = field(default_factory=set)  # 1-based clientservice call numbers -> 503

    def token(self, request: httpx.Request) -> httpx.Response:
        self.tokens_issued += 1
        self.token_forms.append(request.content)
        token = f"token-{self.tokens_issued}"
        self.valid_tokens.add(token)
        return httpx.Response(200, json={"access_token": token, "expires_in_seconds": "3600"})

    def service(self, request: httpx.Request) -> httpx.Response:
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if bearer not in self.valid_tokens:
            return httpx.Response(401, json={"error": "invalid_token"})
        body = json.loads(request.content)
        self.service_bodies.append(body)
        if len(self.service_bodies) in self.fail_calls:
            return httpx.Response(503)
        if self.limit_reached:
            return httpx.Response(200, json=recorded("clientservice_response_daily_limit.json"))
        return httpx.Response(
            200, json={"GDSSDKResponse": [self._answer(item) for item in body["inputRequests"]]}
        )

    def _answer(self, item: dict[str, Any]) -> dict[str, Any]:
        key = (item["identifier"], item["mnemonic"], item["properties"].get("periodType", ""))
        value = self.values.get(key)
        known = any(identifier == item["identifier"] for identifier, _, _ in self.values)
        error = None if value is not None else "Data Unavailable" if known else "Invalid Identifier"
        cells = value if isinstance(value, list) else [value if value is not None else error]
        return {
            "Headers": [item["mnemonic"]],
            "Rows": [{"Row": [cell]} for cell in cells],
            "NumCols": 1,
            "Mnemonic": item["mnemonic"],
            "Function": item["function"],
            "ErrMsg": error,
            "Properties": item["properties"],
            "Identifier": item["identifier"],
        }

    @property
    def calls(self) -> int:
        return len(self.service_bodies)


@pytest.fixture
def fake() -> FakeCapIq:
    return FakeCapIq()


@pytest.fixture
def router(fake: FakeCapIq) -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.post(m.TOKEN_PATH).mock(side_effect=fake.token)
        mock.post(m.CLIENTSERVICE_PATH).mock(side_effect=fake.service)
        yield mock


@pytest.fixture
async def upstream() -> AsyncIterator[UpstreamDouble]:
    double = UpstreamDouble("CAPIQ", BASE)
    yield double
    await double.aclose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(upstream: UpstreamDouble, router: respx.MockRouter, clock: Clock) -> CapIqClient:
    return CapIqClient(upstream, USERNAME, PASSWORD, clock=clock)


def price_requests(*tickers: str) -> list[InputRequest]:
    return [InputRequest(m.GDSP, f"{ticker}:ASX", m.LAST_PRICE, m.CURRENCY) for ticker in tickers]


# --- client -------------------------------------------------------------------------------------


async def test_one_token_serves_several_calls(
    client: CapIqClient, fake: FakeCapIq, router: respx.MockRouter
) -> None:
    fake.values[("BHP:ASX", m.LAST_PRICE, "")] = "45.10"
    for _ in range(3):
        [item] = await client.request(price_requests("BHP"))
        assert item is not None and item.value == "45.10"
    assert fake.tokens_issued == 1
    assert fake.calls == 3
    form = dict(httpx.QueryParams(fake.token_forms[0].decode()))
    assert form == {"username": USERNAME, "password": PASSWORD}
    service_call = router.routes[1].calls.last.request
    assert service_call.headers["Authorization"] == "Bearer token-1"
    assert json.loads(service_call.content) == {
        "inputRequests": [
            {
                "function": "GDSP",
                "identifier": "BHP:ASX",
                "mnemonic": "IQ_LASTSALEPRICE",
                "properties": {"currencyId": "AUD"},
            }
        ]
    }


async def test_the_token_is_renewed_shortly_before_it_expires(
    client: CapIqClient, fake: FakeCapIq, clock: Clock
) -> None:
    await client.request(price_requests("BHP"))
    clock.now += timedelta(seconds=3500)
    await client.request(price_requests("BHP"))
    assert fake.tokens_issued == 1
    clock.now += timedelta(seconds=80)  # 3,580 s: within a minute of expiry
    await client.request(price_requests("BHP"))
    assert fake.tokens_issued == 2


async def test_a_401_signs_in_again_once_and_repeats_the_call_once(
    client: CapIqClient, fake: FakeCapIq
) -> None:
    fake.values[("BHP:ASX", m.LAST_PRICE, "")] = "45.10"
    await client.request(price_requests("BHP"))
    fake.valid_tokens.clear()  # revoked
    [item] = await client.request(price_requests("BHP"))
    assert item is not None and item.value == "45.10"
    assert fake.tokens_issued == 2
    assert fake.calls == 2


async def test_a_second_401_is_an_error(
    client: CapIqClient, fake: FakeCapIq, router: respx.MockRouter
) -> None:
    router.post(m.CLIENTSERVICE_PATH).mock(return_value=httpx.Response(401))
    with pytest.raises(ProviderError, match="a fresh token was refused too"):
        await client.request(price_requests("BHP"))
    assert fake.tokens_issued == 2


async def test_refused_credentials_never_appear_in_the_error_or_the_log(
    client: CapIqClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.post(m.TOKEN_PATH).mock(
        return_value=httpx.Response(401, json={"error": f"bad password for {USERNAME}"})
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderError, match="credentials were refused") as raised:
        await client.request(price_requests("BHP"))
    for secret in (USERNAME, PASSWORD):
        assert secret not in str(raised.value)
        assert secret not in repr(raised.value.extensions)
        assert secret not in caplog.text
        assert secret not in repr(client)


async def test_daily_limit_is_unavailable_until_midnight_utc_without_further_calls(
    client: CapIqClient, fake: FakeCapIq, clock: Clock
) -> None:
    fake.limit_reached = True
    with pytest.raises(ProviderUnavailable, match="daily request limit is used up") as raised:
        await client.request(price_requests("BHP"))
    assert "Daily Request Limit of 10000 Exceeded" in raised.value.message
    assert raised.value.details["retryAt"] == "2026-03-02T00:00:00+00:00"
    assert raised.value.extensions["upstream"] == "CAPIQ"
    assert fake.calls == 1

    clock.now += timedelta(hours=3, minutes=59)
    with pytest.raises(ProviderUnavailable, match="resets at 2026-03-02 00:00 UTC"):
        await client.request(price_requests("BHP"))
    assert fake.calls == 1  # failed fast

    fake.limit_reached = False
    clock.now += timedelta(minutes=1)  # midnight UTC
    assert await client.request(price_requests("BHP")) == [None]
    assert fake.calls == 2


async def test_big_batches_are_sent_in_chunks_of_100_and_answered_in_order(
    client: CapIqClient, fake: FakeCapIq
) -> None:
    tickers = [f"T{number:03d}" for number in range(250)]
    for number, ticker in enumerate(tickers):
        fake.values[(f"{ticker}:ASX", m.LAST_PRICE, "")] = str(number)
    items = await client.request(price_requests(*tickers))
    assert [item.value if item else None for item in items] == [str(n) for n in range(250)]
    assert sorted(len(body["inputRequests"]) for body in fake.service_bodies) == [50, 100, 100]
    assert fake.tokens_issued == 1


async def test_a_failed_chunk_leaves_the_others_as_partial(
    upstream: UpstreamDouble, router: respx.MockRouter, fake: FakeCapIq, clock: Clock
) -> None:
    client = CapIqClient(upstream, USERNAME, PASSWORD, chunk_size=2, clock=clock)
    for ticker in "ABCDE":
        fake.values[(f"{ticker}:ASX", m.LAST_PRICE, "")] = "1"
    fake.fail_calls = {1}
    with pytest.raises(ProviderUnavailable) as raised:
        await client.request(price_requests(*"ABCDE"))
    assert len(raised.value.partial) == 3
    assert fake.calls == 3


@pytest.mark.parametrize(
    ("response", "error", "problem"),
    [
        (httpx.Response(200, text="<html>oops</html>"), ProviderError, "the body is not JSON"),
        (httpx.Response(403, json={}), ProviderError, "HTTP 403"),
        (httpx.Response(500), ProviderUnavailable, "HTTP 500"),
    ],
)
async def test_clientservice_failures(
    client: CapIqClient,
    router: respx.MockRouter,
    response: httpx.Response,
    error: type[Exception],
    problem: str,
) -> None:
    router.post(m.CLIENTSERVICE_PATH).mock(return_value=response)
    with pytest.raises(error, match=problem):
        await client.request(price_requests("BHP"))


async def test_a_malformed_token_answer_is_an_error(
    client: CapIqClient, router: respx.MockRouter
) -> None:
    router.post(m.TOKEN_PATH).mock(return_value=httpx.Response(200, json={"token": "x"}))
    with pytest.raises(ProviderError, match="no access_token"):
        await client.request(price_requests("BHP"))


async def test_an_empty_batch_sends_nothing(client: CapIqClient, fake: FakeCapIq) -> None:
    assert await client.request([]) == []
    assert fake.tokens_issued == 0


# --- adapter ------------------------------------------------------------------------------------


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
