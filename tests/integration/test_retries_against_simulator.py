"""Retries of `ResilientUpstream` and the adapters' reading of broken answers, against the
simulator: `Retry-After` is honoured, hanging calls time out and are retried to the limit, and a
malformed body is a `ProviderError` naming its upstream for every live adapter."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from core.errors import ProviderError, ProviderUnavailable
from tests.fixtures.upstream_simulator import Adapters, Simulator

CASH_RATE = "FIRMMCRT"


async def _clear_once_seen(sim: Simulator, upstream: str, fault: str) -> None:
    """Once the simulator has injected `fault` into a call of `upstream`, clear that upstream's
    faults (polling its counters, for at most 5 s)."""
    for _ in range(500):
        if (await sim.faults_seen(upstream)).get(fault, 0):
            await sim.set_faults(upstream=upstream, clear=True)
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"the simulator never injected {fault} into {upstream}")


async def test_retry_after_is_honoured_and_the_request_then_succeeds(
    sim: Simulator, live_adapters: Adapters
) -> None:
    # Without Retry-After the backoff (at most 0.05 s here) would spend every attempt on 429s
    # long before the fault is cleared.
    rba, upstream = live_adapters.rba(max_attempts=3)
    retry_after = 1
    await sim.set_faults(upstream="rba", rate_429=1.0, retry_after=retry_after)

    started = time.perf_counter()
    clearing = asyncio.create_task(_clear_once_seen(sim, "rba", "rate_limited"))
    series = await rba.rate_series([CASH_RATE])
    elapsed = time.perf_counter() - started
    await clearing

    assert CASH_RATE in series and series[CASH_RATE].observations
    stats = (await sim.stats())["upstreams"]["rba"]
    assert stats["calls"] == 2, stats
    assert stats["faults"] == {"rate_limited": 1}, stats
    assert upstream.stats.retries == 1
    assert elapsed >= retry_after, f"retried after {elapsed:.3f} s, before Retry-After"
    assert elapsed < retry_after + 1.0, f"waited {elapsed:.3f} s for a {retry_after} s Retry-After"


async def test_a_retry_after_beyond_the_cap_fails_at_once_with_the_time_named(
    sim: Simulator, live_adapters: Adapters
) -> None:
    rba, _ = live_adapters.rba(retry_after_cap=2.0)
    await sim.set_faults(upstream="rba", rate_429=1.0, retry_after=600)

    started = time.perf_counter()
    with pytest.raises(ProviderUnavailable, match="HTTP 429, asked to retry after") as failure:
        await rba.rate_series([CASH_RATE])
    elapsed = time.perf_counter() - started

    assert elapsed < 0.5, f"should not wait for a 600 s Retry-After; took {elapsed:.3f} s"
    assert await sim.calls("rba") == 1
    assert failure.value.details["upstream"] == "RBA"


async def test_timeouts_are_retried_up_to_max_attempts_then_unavailable(
    sim: Simulator, live_adapters: Adapters
) -> None:
    read_timeout = 0.2
    rba, upstream = live_adapters.rba(read_timeout=read_timeout)
    attempts = upstream.policy.max_attempts
    await sim.set_faults(upstream="rba", timeout_rate=1.0)

    started = time.perf_counter()
    with pytest.raises(ProviderUnavailable, match=f"timed out after {attempts} attempts") as error:
        await rba.rate_series([CASH_RATE])
    elapsed = time.perf_counter() - started

    stats = (await sim.stats())["upstreams"]["rba"]
    assert stats["calls"] == attempts, stats
    assert stats["faults"] == {"timeout": attempts}, stats
    assert upstream.stats.attempts == attempts and upstream.stats.failures == 1
    assert error.value.details["upstream"] == "RBA"
    assert attempts * read_timeout <= elapsed < attempts * read_timeout + 1.0, elapsed


Call = Callable[[], Awaitable[object]]


async def _rba(live: Adapters) -> Call:
    rba, _ = live.rba()
    return lambda: rba.rate_series([CASH_RATE, "FCMYGBAG10D", "GCPIAGYP"])


async def _asx(live: Adapters) -> Call:
    asx, _ = live.asx()
    return lambda: asx.market_data(["BHP"])


async def _asx_listing(live: Adapters) -> Call:
    asx, _ = live.asx()
    return asx.list_companies


async def _abr(live: Adapters) -> Call:
    abr, _ = live.abr()
    return lambda: abr.entities(["74172177893"])


async def _abr_matching_names(live: Adapters) -> Call:
    abr, _ = live.abr()
    return lambda: abr.search_names("BHP", 5)


async def _capiq_clientservice(live: Adapters) -> Call:
    capiq, _ = live.capiq()
    await capiq.market_data(["BHP"])  # signs in while the token answer is still intact
    return lambda: capiq.market_data(["BHP", "CBA"])


async def _capiq_token(live: Adapters) -> Call:
    capiq, _ = live.capiq()
    return lambda: capiq.market_data(["BHP", "CBA"])


@pytest.mark.parametrize(
    ("upstream", "prepare"),
    [
        ("RBA", _rba),
        ("ASX", _asx),
        ("ASX", _asx_listing),
        ("ABR", _abr),
        ("ABR", _abr_matching_names),
        ("CAPIQ", _capiq_clientservice),
        ("CAPIQ", _capiq_token),
    ],
    ids=[
        "rba",
        "asx",
        "asx-listing",
        "abr",
        "abr-matching-names",
        "capiq-clientservice",
        "capiq-token",
    ],
)
async def test_a_malformed_body_is_a_provider_error_naming_the_upstream(
    sim: Simulator,
    live_adapters: Adapters,
    upstream: str,
    prepare: Callable[[Adapters], Awaitable[Call]],
) -> None:
    call = await prepare(live_adapters)
    await sim.set_faults(upstream=upstream.lower(), malformed_rate=1.0)
    # Each call cuts the body at a different point; several calls cover more of them.
    for attempt in range(6):
        before = (await sim.faults_seen(upstream.lower())).get("malformed", 0)
        try:
            await call()
        except ProviderError as error:
            assert not isinstance(error, ProviderUnavailable)
            assert error.details.get("upstream") == upstream, error.details
            assert upstream in error.message, error.message
        except Exception as error:
            pytest.fail(
                f"{upstream}: a malformed body (call {attempt + 1}) raised "
                f"{type(error).__name__} instead of ProviderError: {error}"
            )
        else:
            pytest.fail(f"{upstream}: a malformed body (call {attempt + 1}) was read as valid")
        after = (await sim.faults_seen(upstream.lower())).get("malformed", 0)
        assert after > before, "the simulator sent no malformed body"
