from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from core.errors import ProviderUnavailable
from providers.http.breaker import BreakerState, CircuitOpen
from providers.http.client import ResilientUpstream
from providers.http.policy import UpstreamPolicy
from providers.http.upstream import Upstream

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
Handler = (
    Callable[[httpx.Request], httpx.Response]
    | Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]
)


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def state_of(client: ResilientUpstream) -> BreakerState:
    # Read through a call: mypy would otherwise narrow `breaker.state` across assertions.
    return client.breaker.state


def policy(**overrides: float) -> UpstreamPolicy:
    settings: dict[str, float] = {
        "max_attempts": 3,
        "backoff_base": 1.0,
        "backoff_cap": 10.0,
        "retry_after_cap": 30.0,
        "breaker_failure_threshold": 5,
        "breaker_reset_seconds": 30.0,
        "rate_per_second": 1000.0,
        "burst": 1000,
    } | overrides
    return UpstreamPolicy(name="ASX", base_url="https://upstream.test", **settings)  # type: ignore[arg-type]


def upstream(handler: Handler, sleeps: Sleeps, **overrides: float) -> ResilientUpstream:
    return ResilientUpstream(
        policy(**overrides),
        transport=httpx.MockTransport(handler),
        sleep=sleeps,
        random=lambda: 0.5,
        utc_now=lambda: NOW,
    )


def scripted(*outcomes: int | httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A handler answering each request with the next outcome (a status, a response or an error
    to raise); the last one repeats."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        outcome = outcomes[min(len(seen), len(outcomes) - 1)]
        seen.append(request)
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, int):
            return httpx.Response(outcome, json={"status": outcome})
        return outcome

    return handler, seen


def test_implements_the_upstream_protocol() -> None:
    client: Upstream = upstream(scripted(200)[0], Sleeps())
    assert client.name == "ASX"


async def test_success_passes_through_with_params_and_headers() -> None:
    handler, seen = scripted(200)
    client = upstream(handler, Sleeps())
    response = await client.get("/companies/BHP/header", params={"a": "1"}, headers={"X-T": "y"})
    assert response.status_code == 200
    assert str(seen[0].url) == "https://upstream.test/companies/BHP/header?a=1"
    assert seen[0].headers["X-T"] == "y"
    assert client.stats.snapshot() == {
        "requests": 1,
        "attempts": 1,
        "retries": 0,
        "failures": 0,
        "breaker_rejections": 0,
    }
    await client.aclose()


async def test_post_sends_json() -> None:
    handler, seen = scripted(200)
    client = upstream(handler, Sleeps())
    await client.post("/v3/clientservice.json", json={"inputRequests": []})
    assert seen[0].method == "POST"
    assert seen[0].content == b'{"inputRequests":[]}'


@pytest.mark.parametrize("status", [400, 401, 404, 422])
async def test_other_4xx_are_returned_without_retry(status: int) -> None:
    handler, seen = scripted(status)
    sleeps = Sleeps()
    client = upstream(handler, sleeps, breaker_failure_threshold=1)
    response = await client.get("/x")
    assert response.status_code == status
    assert len(seen) == 1 and sleeps.calls == []
    assert state_of(client) is BreakerState.CLOSED  # a 4xx is not a failure of the upstream
    assert client.stats.failures == 0


async def test_5xx_retried_with_full_jitter_then_provider_unavailable() -> None:
    handler, seen = scripted(500)
    sleeps = Sleeps()
    client = upstream(handler, sleeps)
    with pytest.raises(ProviderUnavailable) as failed:
        await client.get("/x")
    assert len(seen) == 3
    # random() = 0.5: half of min(cap, base * 2**(attempt - 1)) for attempts 1 and 2
    assert sleeps.calls == [0.5, 1.0]
    assert failed.value.message == "ASX is unavailable: HTTP 500 after 3 attempts"
    assert failed.value.details == {"upstream": "ASX"}
    assert client.stats.snapshot() == {
        "requests": 1,
        "attempts": 3,
        "retries": 2,
        "failures": 1,
        "breaker_rejections": 0,
    }


async def test_5xx_then_success_returns_the_success() -> None:
    handler, seen = scripted(502, 503, 200)
    client = upstream(handler, Sleeps())
    assert (await client.get("/x")).status_code == 200
    assert len(seen) == 3
    assert client.stats.failures == 0 and client.stats.retries == 2


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ReadTimeout("slow"), "timed out"),
        (httpx.ConnectTimeout("slow"), "connection timed out"),
        (httpx.ConnectError("refused"), "connection failed"),
        (httpx.RemoteProtocolError("eof"), "connection error (RemoteProtocolError)"),
    ],
)
async def test_timeouts_and_connection_errors_are_retried(error: Exception, reason: str) -> None:
    handler, seen = scripted(error)
    client = upstream(handler, Sleeps())
    with pytest.raises(ProviderUnavailable) as failed:
        await client.get("/x")
    assert len(seen) == 3
    assert failed.value.message == f"ASX is unavailable: {reason} after 3 attempts"
    assert isinstance(failed.value.__cause__, type(error))


async def test_timeout_then_success() -> None:
    handler, _ = scripted(httpx.ReadTimeout("slow"), 200)
    client = upstream(handler, Sleeps())
    assert (await client.get("/x")).status_code == 200


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds_is_honoured(status: int) -> None:
    handler, seen = scripted(httpx.Response(status, headers={"Retry-After": "7"}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps)
    assert (await client.get("/x")).status_code == 200
    assert sleeps.calls == [7.0]
    assert len(seen) == 2


async def test_retry_after_http_date_is_honoured() -> None:
    when = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    handler, _ = scripted(httpx.Response(429, headers={"Retry-After": when}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps)
    await client.get("/x")
    assert sleeps.calls == [12.0]


async def test_retry_after_beyond_the_cap_gives_up_at_once() -> None:
    handler, seen = scripted(httpx.Response(429, headers={"Retry-After": "3600"}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps, retry_after_cap=30)
    with pytest.raises(ProviderUnavailable) as failed:
        await client.get("/x")
    assert sleeps.calls == [] and len(seen) == 1
    assert "2026-03-02T02:00:00+00:00" in failed.value.message
    assert failed.value.details["retryAt"] == "2026-03-02T02:00:00+00:00"
    assert client.stats.failures == 1


async def test_retry_after_at_the_cap_is_slept_through() -> None:
    handler, _ = scripted(httpx.Response(503, headers={"Retry-After": "30"}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps, retry_after_cap=30)
    await client.get("/x")
    assert sleeps.calls == [30.0]


async def test_unreadable_retry_after_falls_back_to_backoff() -> None:
    handler, _ = scripted(httpx.Response(503, headers={"Retry-After": "soon"}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps)
    await client.get("/x")
    assert sleeps.calls == [0.5]


async def test_retry_after_is_ignored_on_500() -> None:
    handler, _ = scripted(httpx.Response(500, headers={"Retry-After": "9"}), 200)
    sleeps = Sleeps()
    client = upstream(handler, sleeps)
    await client.get("/x")
    assert sleeps.calls == [0.5]


async def test_breaker_counts_one_failure_per_failed_request() -> None:
    handler, seen = scripted(500)
    client = upstream(handler, Sleeps(), breaker_failure_threshold=2)
    with pytest.raises(ProviderUnavailable):
        await client.get("/x")
    assert state_of(client) is BreakerState.CLOSED  # 3 attempts, 1 failed request
    with pytest.raises(ProviderUnavailable):
        await client.get("/x")
    assert state_of(client) is BreakerState.OPEN
    attempts = len(seen)
    with pytest.raises(CircuitOpen) as refused:
        await client.get("/x")
    assert len(seen) == attempts  # refused without a send
    assert refused.value.details["upstream"] == "ASX"
    assert client.stats.breaker_rejections == 1
    assert client.stats.requests == 2


async def test_half_open_probe_gets_one_attempt_and_one_of_20_callers_goes_through() -> None:
    calls = 0
    release = asyncio.Event()
    failing = True

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if failing:
            return httpx.Response(500)
        await release.wait()
        return httpx.Response(200)

    client = upstream(handler, Sleeps(), breaker_failure_threshold=1, breaker_reset_seconds=0.05)
    with pytest.raises(ProviderUnavailable):
        await client.get("/x")
    assert client.breaker.is_open
    await asyncio.sleep(0.06)
    failing, calls = False, 0
    tasks = [asyncio.create_task(client.get("/x")) for _ in range(20)]
    await asyncio.sleep(0.02)
    assert calls == 1
    refused = [task for task in tasks if task.done()]
    assert len(refused) == 19
    assert all(isinstance(task.exception(), CircuitOpen) for task in refused)
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert sum(isinstance(result, httpx.Response) for result in results) == 1
    assert state_of(client) is BreakerState.CLOSED
    assert client.stats.breaker_rejections == 19


async def test_failed_probe_is_not_retried_and_reopens() -> None:
    handler, seen = scripted(500)
    client = upstream(handler, Sleeps(), breaker_failure_threshold=1, breaker_reset_seconds=0.02)
    with pytest.raises(ProviderUnavailable):
        await client.get("/x")
    await asyncio.sleep(0.03)
    sent = len(seen)
    with pytest.raises(ProviderUnavailable) as failed:
        await client.get("/x")
    assert len(seen) == sent + 1
    assert failed.value.message == "ASX is unavailable: HTTP 500 after 1 attempt"
    assert state_of(client) is BreakerState.OPEN


async def test_cancelled_probe_does_not_wedge_the_breaker() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    client = upstream(hang, Sleeps(), breaker_failure_threshold=1, breaker_reset_seconds=0.02)
    client.breaker.record_failure(client.breaker.admit())
    await asyncio.sleep(0.03)
    probe = asyncio.create_task(client.get("/x"))
    await asyncio.sleep(0.01)
    assert client.breaker.is_open
    probe.cancel()
    with pytest.raises(asyncio.CancelledError):
        await probe
    assert state_of(client) is BreakerState.HALF_OPEN and not client.breaker.is_open


async def test_stops_retrying_when_the_circuit_opens_meanwhile() -> None:
    handler, seen = scripted(500)
    sleeps = Sleeps()
    client = upstream(handler, sleeps, breaker_failure_threshold=1)

    async def others_open_it(seconds: float) -> None:
        sleeps.calls.append(seconds)
        client.breaker.record_failure(client.breaker.admit())

    client._sleep = others_open_it
    with pytest.raises(ProviderUnavailable) as failed:
        await client.get("/x")
    assert len(seen) == 2
    assert "circuit opened while retrying" in failed.value.message


def test_client_has_explicit_timeouts_and_limits() -> None:
    client = ResilientUpstream(
        UpstreamPolicy(name="RBA", base_url="https://rba.test", connect_timeout=2, read_timeout=9)
    )
    timeout = client._client.timeout
    assert (timeout.connect, timeout.read, timeout.pool) == (2, 9, 2)


async def test_a_request_queued_behind_the_rate_limit_is_refused_once_the_circuit_opens() -> None:
    handler, seen = scripted(200)
    client = upstream(handler, Sleeps(), breaker_failure_threshold=1)

    async def others_open_it_meanwhile() -> float:
        client.breaker.record_failure(client.breaker.admit())
        return 0.0

    client.throttle.acquire = others_open_it_meanwhile  # type: ignore[method-assign]
    with pytest.raises(CircuitOpen):
        await client.get("/x")
    assert seen == []  # never sent into the outage
    assert client.stats.breaker_rejections == 1 and client.stats.failures == 0
