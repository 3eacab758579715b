"""Call counters per upstream, route and fault, and their reset."""

from __future__ import annotations

import httpx


async def test_calls_are_counted_per_upstream_and_route(
    simulator: str, http: httpx.AsyncClient
) -> None:
    await http.get(f"{simulator}/asx/asx-research/1.0/companies/bhp/header")
    await http.get(f"{simulator}/asx/asx-research/1.0/companies/cba/header")
    await http.get(f"{simulator}/rba/f2-data.csv")
    stats = (await http.get(f"{simulator}/_sim/stats")).json()
    assert stats["calls"] == 3
    asx = stats["upstreams"]["asx"]
    assert asx["calls"] == 2
    assert asx["routes"] == {"/asx-research/1.0/companies/{code}/header": 2}
    assert stats["upstreams"]["rba"]["routes"] == {"/{table}-data.csv": 1}
    assert stats["upstreams"]["capiq"]["calls"] == 0


async def test_injected_faults_are_counted(simulator: str, http: httpx.AsyncClient) -> None:
    await http.post(f"{simulator}/_sim/faults", json={"upstream": "abr", "rate_429": 1.0})
    await http.get(f"{simulator}/abr/AbnDetails.aspx?abn=1")
    stats = (await http.get(f"{simulator}/_sim/stats")).json()
    assert stats["upstreams"]["abr"]["faults"] == {"rate_limited": 1}


async def test_reset_zeroes_the_counters(simulator: str, http: httpx.AsyncClient) -> None:
    await http.get(f"{simulator}/rba/f2-data.csv")
    reset = (await http.post(f"{simulator}/_sim/reset")).json()
    assert reset["calls"] == 0
    assert (await http.get(f"{simulator}/_sim/stats")).json()["upstreams"]["rba"]["calls"] == 0
