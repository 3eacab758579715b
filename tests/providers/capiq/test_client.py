"""The token-authenticated Capital IQ client: tokens, the daily limit, chunks and failures."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.capiq import mnemonics as m
from providers.capiq.client import CapIqClient
from tests.fixtures.capiq_upstream import PASSWORD, USERNAME, Clock, FakeCapIq, price_requests
from tests.fixtures.upstream_double import UpstreamDouble


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
