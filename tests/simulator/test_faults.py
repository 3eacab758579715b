"""Faults the simulator injects: latency, 5xx, 429, hangs, broken bodies, one upstream down."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from providers.asx import ListingParseError, parse_asx_listing
from providers.rba import RbaParseError, parse_rba_table
from simulator import Faults, running_simulator
from simulator.faults import FaultError

HEADER = "/asx/asx-research/1.0/companies/bhp/header"
F11 = "/rba/f1.1-data.csv"
LISTING = "/asx/asx/research/ASXListedCompanies.csv"


async def test_latency_is_added_to_every_call(http: httpx.AsyncClient) -> None:
    async with running_simulator(latency_ms=150) as base:
        started = time.perf_counter()
        response = await http.get(f"{base}{HEADER}")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert elapsed >= 0.15


async def test_an_error_rate_of_one_answers_every_call_with_a_5xx(
    http: httpx.AsyncClient,
) -> None:
    async with running_simulator(error_rate=1.0) as base:
        statuses = {(await http.get(f"{base}{HEADER}")).status_code for _ in range(20)}
    assert statuses <= {500, 502, 503}
    assert len(statuses) > 1


async def test_rate_limited_calls_are_429_with_retry_after(http: httpx.AsyncClient) -> None:
    async with running_simulator(rate_429=1.0, retry_after=7) as base:
        response = await http.get(f"{base}{F11}")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"


async def test_a_hanging_call_outlasts_the_client_timeout_and_ends_with_the_simulator() -> None:
    started = time.perf_counter()
    async with (
        running_simulator(timeout_rate=1.0, hang_seconds=30) as base,
        httpx.AsyncClient(timeout=0.3) as client,
    ):
        with pytest.raises(httpx.ReadTimeout):
            await client.get(f"{base}{HEADER}")
    assert time.perf_counter() - started < 5


async def test_malformed_bodies_are_status_200_and_unreadable(http: httpx.AsyncClient) -> None:
    async with running_simulator(malformed_rate=1.0) as base:
        header = await http.get(f"{base}{HEADER}")
        table = await http.get(f"{base}{F11}")
        listing = await http.get(f"{base}{LISTING}")
        jsonp = await http.get(f"{base}/abr/AbnDetails.aspx?abn=74172177893&callback=cb")
    assert {r.status_code for r in (header, table, listing, jsonp)} == {200}
    with pytest.raises(json.JSONDecodeError):
        json.loads(header.content)
    with pytest.raises(RbaParseError):
        parse_rba_table(table.content)
    with pytest.raises(ListingParseError):
        parse_asx_listing(listing.content)
    assert not jsonp.text.endswith(")")


async def test_one_upstream_down_while_the_others_answer(
    simulator: str, http: httpx.AsyncClient
) -> None:
    set_ = await http.post(f"{simulator}/_sim/faults", json={"upstream": "rba", "down": True})
    assert set_.json()["upstreams"] == {"rba": {"down": True}}
    assert (await http.get(f"{simulator}{F11}")).status_code == 503
    assert (await http.get(f"{simulator}{HEADER}")).status_code == 200
    assert (await http.get(f"{simulator}/abr/AbnDetails.aspx?abn=1")).status_code == 200
    await http.post(f"{simulator}/_sim/faults", json={"upstream": "rba", "clear": True})
    assert (await http.get(f"{simulator}{F11}")).status_code == 200


async def test_down_takes_every_upstream_down(simulator: str, http: httpx.AsyncClient) -> None:
    await http.post(f"{simulator}/_sim/faults", json={"down": True})
    assert (await http.get(f"{simulator}{F11}")).status_code == 503
    assert (await http.get(f"{simulator}{HEADER}")).status_code == 503


async def test_the_same_seed_gives_the_same_faults(http: httpx.AsyncClient) -> None:
    runs = []
    for _ in range(2):
        async with running_simulator(error_rate=0.5, seed=11) as base:
            runs.append([(await http.get(f"{base}{F11}")).status_code for _ in range(16)])
    assert runs[0] == runs[1]
    assert 200 in runs[0] and any(s >= 500 for s in runs[0])


async def test_faults_are_shown_and_bad_settings_refused(
    simulator: str, http: httpx.AsyncClient
) -> None:
    shown = (await http.get(f"{simulator}/_sim/faults")).json()
    assert shown["error_rate"] == 0.0 and shown["upstreams"] == {}
    for bad in ({"error_rate": 2}, {"nonsense": 1}, {"upstream": "xero", "down": True}, [1]):
        assert (await http.post(f"{simulator}/_sim/faults", json=bad)).status_code == 400


def test_fault_settings_are_checked_on_construction() -> None:
    with pytest.raises(FaultError):
        Faults(timeout_rate=-0.1)
    with pytest.raises(FaultError):
        Faults(upstreams={"asx": {"seed": 3}})
    assert Faults(upstreams={"asx": {"error_rate": 1}}).effective("asx").error_rate == 1.0
