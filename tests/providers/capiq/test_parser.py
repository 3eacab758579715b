"""Capital IQ's response parser: the recorded answers, numbers, dates and malformed bodies."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from core.errors import ProviderError
from providers.capiq import mnemonics as m
from providers.capiq.parser import (
    InputRequest,
    RequestLimitReached,
    parse_clientservice,
    parse_date,
    parse_number,
    parse_token,
)
from tests.fixtures.capiq_upstream import recorded
from tests.fixtures.paths import fixture_path


def fixture(name: str) -> Any:
    return json.loads(fixture_path(f"upstream/capiq/{name}").read_text(encoding="utf-8"))


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
