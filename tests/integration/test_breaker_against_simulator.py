"""The circuit breaker of `ResilientUpstream`, driven by the live RBA, ASX and Capital IQ adapters
against the simulator: it opens, refuses without sending, probes once, closes or reopens, and an
upstream that is down costs the others nothing."""

from __future__ import annotations

import asyncio
import time

import pytest

from core.errors import ProviderUnavailable
from providers.http.breaker import BreakerState
from providers.http.client import ResilientUpstream
from providers.rba.live import RbaProvider
from tests.fixtures.upstream_simulator import RESET_SECONDS, Adapters, Simulator

CASH_RATE = "FIRMMCRT"  # one series from one table: one request per rate_series call


def _state(upstream: ResilientUpstream) -> BreakerState:
    return upstream.breaker.state


async def _fail(rba: RbaProvider, times: int) -> None:
    for _ in range(times):
        with pytest.raises(ProviderUnavailable):
            await rba.rate_series([CASH_RATE])


async def _open_circuit(sim: Simulator, rba: RbaProvider, upstream: ResilientUpstream) -> None:
    await sim.set_faults(upstream="rba", down=True)
    await _fail(rba, upstream.policy.breaker_failure_threshold)
    assert _state(upstream) is BreakerState.OPEN


async def test_the_breaker_opens_after_n_failed_requests_and_refuses_without_sending(
    sim: Simulator, live_adapters: Adapters
) -> None:
    rba, upstream = live_adapters.rba()
    threshold = upstream.policy.breaker_failure_threshold
    attempts = upstream.policy.max_attempts
    await sim.set_faults(upstream="rba", down=True)

    await _fail(rba, threshold - 1)
    assert _state(upstream) is BreakerState.CLOSED, "opened before the threshold"
    await _fail(rba, 1)
    assert _state(upstream) is BreakerState.OPEN
    # Each failed request was retried to the end: the breaker counts requests, not attempts.
    assert await sim.calls("rba") == threshold * attempts

    before = await sim.calls("rba")
    started = time.perf_counter()
    with pytest.raises(ProviderUnavailable, match="too many failed requests") as refused:
        await rba.rate_series([CASH_RATE])
    elapsed = time.perf_counter() - started

    assert await sim.calls("rba") == before, "the refused request reached the upstream"
    assert upstream.stats.breaker_rejections == 1
    assert refused.value.details["upstream"] == "RBA"
    assert elapsed < 0.25, f"a refusal should be immediate, took {elapsed:.3f} s"


async def test_half_open_lets_exactly_one_probe_through_which_closes_the_circuit(
    sim: Simulator, live_adapters: Adapters
) -> None:
    rba, upstream = live_adapters.rba()
    await _open_circuit(sim, rba, upstream)
    await asyncio.sleep(RESET_SECONDS + 0.05)
    assert _state(upstream) is BreakerState.HALF_OPEN

    # Back up, and slow enough that all 20 callers arrive while the probe is in flight.
    await sim.set_faults(upstream="rba", down=False, latency_ms=100)
    before = await sim.calls("rba")
    outcomes = await asyncio.gather(
        *(rba.rate_series([CASH_RATE]) for _ in range(20)), return_exceptions=True
    )

    assert await sim.calls("rba") - before == 1, "half-open let more than the probe through"
    answered = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ProviderUnavailable)]
    assert len(answered) == 1 and CASH_RATE in answered[0]
    assert len(refused) == 19, [type(outcome).__name__ for outcome in outcomes]
    assert all("checking whether it has recovered" in error.message for error in refused)
    assert _state(upstream) is BreakerState.CLOSED

    await sim.set_faults(upstream="rba", latency_ms=0)
    for _ in range(5):
        assert CASH_RATE in await rba.rate_series([CASH_RATE])
    assert await sim.calls("rba") - before == 6, "requests after the probe should all flow"


async def test_a_failed_probe_reopens_the_circuit_for_a_whole_reset_period(
    sim: Simulator, live_adapters: Adapters
) -> None:
    rba, upstream = live_adapters.rba(breaker_reset_seconds=0.6)
    reset = upstream.policy.breaker_reset_seconds
    await _open_circuit(sim, rba, upstream)
    await asyncio.sleep(reset + 0.05)

    before = await sim.calls("rba")
    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        await rba.rate_series([CASH_RATE])  # the probe, still down
    probe_failed_at = time.monotonic()
    assert await sim.calls("rba") - before == 1, "the probe gets a single attempt"
    assert _state(upstream) is BreakerState.OPEN, "a failed probe must reopen the circuit"

    await _refused_without_a_call(sim, rba)
    await asyncio.sleep(max(0.0, probe_failed_at + reset - 0.15 - time.monotonic()))
    await _refused_without_a_call(sim, rba)  # 0.15 s before the period ends: still open

    await asyncio.sleep(max(0.0, probe_failed_at + reset + 0.05 - time.monotonic()))
    before = await sim.calls("rba")
    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        await rba.rate_series([CASH_RATE])  # the next probe
    assert await sim.calls("rba") - before == 1, "the next probe should go once the period ends"


async def _refused_without_a_call(sim: Simulator, rba: RbaProvider) -> None:
    before = await sim.calls("rba")
    with pytest.raises(ProviderUnavailable, match="too many failed requests"):
        await rba.rate_series([CASH_RATE])
    assert await sim.calls("rba") == before, "a request reached the upstream while open"


async def test_one_upstream_down_leaves_the_others_answering(
    sim: Simulator, live_adapters: Adapters
) -> None:
    rba, rba_upstream = live_adapters.rba()
    asx, asx_upstream = live_adapters.asx()
    capiq, capiq_upstream = live_adapters.capiq()
    abr, abr_upstream = live_adapters.abr()
    await sim.set_faults(upstream="rba", down=True)

    rates, market, quotes, entities = await asyncio.gather(
        rba.rate_series([CASH_RATE]),
        asx.market_data(["BHP"]),
        capiq.market_data(["BHP"]),
        abr.entities(["74172177893"]),
        return_exceptions=True,
    )
    assert isinstance(rates, ProviderUnavailable) and rates.details["upstream"] == "RBA"
    assert not isinstance(market, BaseException) and market["BHP"].price > 0
    assert not isinstance(quotes, BaseException) and quotes["BHP"].price > 0
    assert not isinstance(entities, BaseException) and "74172177893" in entities

    # Down long enough to open the RBA circuit; the other circuits stay closed and answer.
    await _fail(rba, rba_upstream.policy.breaker_failure_threshold - 1)
    assert _state(rba_upstream) is BreakerState.OPEN
    assert (await asx.market_data(["CBA"]))["CBA"].price > 0
    assert (await capiq.market_data(["CBA"]))["CBA"].price > 0
    for upstream in (asx_upstream, capiq_upstream, abr_upstream):
        assert _state(upstream) is BreakerState.CLOSED, upstream.name
        assert upstream.stats.failures == 0, upstream.name

    stats = (await sim.stats())["upstreams"]
    assert stats["rba"]["faults"] == {"down": stats["rba"]["calls"]}
    assert all(stats[name]["faults"] == {} for name in ("asx", "capiq", "abr"))
