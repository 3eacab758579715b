"""Methods, custom peers, the two ranges and the admission checks through createValuation, a real
worker and the stored result."""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

import pytest
from starlette.applications import Starlette

from core.redis import is_embedded
from edge.state import app_state
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuation_inputs import period
from tests.fixtures.valuations import create, refusal, run_worker

RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { low mid high } valuationRange { low mid high } ipoDiscount effectiveDiscount
  offerRangeWidth sector peerMedianEvToEbitda
  methods { method period weight low mid high multipleLow multipleMid multipleHigh basis
            perShare { low mid high } equityValue { mid } }
  peers { ticker suppliedBy evToEbitda excluded reason exclusions { method period reason } }
  customPeers { ticker suppliedBy period evToEbitda source }
  admissionChecks { name rule outcome decidedBy inputs { name value } }
  warningDetails { code message } } } }"""

SHARES = 200e6


async def valued(app: Starlette, gql: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    payload = await create(gql, **overrides)
    assert payload["job"], payload
    services = app_state(app).services
    if not is_embedded(services.redis):
        await run_worker(services)
    for _ in range(200):
        answer = await gql.execute(RESULT, id=payload["job"]["id"])
        job = answer["data"]["valuation"]
        if job["status"] in ("COMPLETED", "FAILED"):
            assert job["status"] == "COMPLETED", job
            result: dict[str, Any] = job["result"]
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("the valuation did not finish")


async def test_a_callers_methods_and_range_price_exactly(
    app: Starlette, gql: GraphQLClient
) -> None:
    methods = [
        {"method": "PRICE_TO_EARNINGS", "weight": 1, "multipleRange": {"low": 16.5, "high": 21.3}}
    ]
    result = await valued(
        app, gql, assumptions={"methods": methods, "ipoDiscount": 0.0}, valuationDate="2025-09-30"
    )
    [pe] = result["methods"]
    npat = 60e6 * 1.12 * 0.14  # FY1 net income
    assert (pe["method"], pe["period"]) == ("PRICE_TO_EARNINGS", "FY1")
    assert pe["perShare"]["low"] == pytest.approx(npat * 16.5 / SHARES)
    assert pe["perShare"]["mid"] == pytest.approx(npat * (16.5 + 21.3) / 2 / SHARES)
    assert result["valuationRange"]["mid"] == pytest.approx(npat * 18.9 / SHARES)


async def test_the_offer_range_is_within_ten_per_cent_of_the_valuation_mid(
    app: Starlette, gql: GraphQLClient
) -> None:
    result = await valued(app, gql, valuationDate="2025-09-30")
    offer, value = result["priceRange"], result["valuationRange"]
    assert offer["mid"] == pytest.approx(value["mid"])
    assert offer["high"] - offer["mid"] <= 0.10 * offer["mid"] * (1 + 1e-9)
    assert value["low"] <= offer["low"] <= offer["high"] <= value["high"]
    assert 0 < result["effectiveDiscount"] < result["ipoDiscount"] == 0.15
    assert [m["method"] for m in result["methods"]][:3] == [
        "DCF",
        "EV_TO_EBITDA",
        "PRICE_TO_EARNINGS",
    ]


async def test_custom_peers_are_shown_apart_and_used(app: Starlette, gql: GraphQLClient) -> None:
    custom = [
        {
            "name": f"Global {n}",
            "country": "US",
            "currency": "USD",
            "period": "FY1",
            "evToEbitda": 18.0 + n,
            "source": "vendor, 2026-11-30",
        }
        for n in range(3)
    ]
    methods = [{"method": "EV_TO_EBITDA", "weight": 1, "period": "FY1"}]
    result = await valued(app, gql, customPeers=custom, assumptions={"methods": methods})
    assert [p["suppliedBy"] for p in result["customPeers"]] == ["CALLER"] * 3
    assert all(p["suppliedBy"] == "PROVIDER" for p in result["peers"])
    [ev] = result["methods"]
    # Only the caller's peers have FY1 multiples: their median, 19x, on FY1 EBITDA.
    assert ev["period"] == "FY1" and ev["multipleMid"] == pytest.approx(19.0)


async def test_shown_peers_reproduce_the_headline_median(
    app: Starlette, gql: GraphQLClient
) -> None:
    result = await valued(app, gql)
    kept = [
        p["evToEbitda"]
        for p in result["peers"]
        if not any(e["method"] == "EV_TO_EBITDA" and e["period"] == "LTM" for e in p["exclusions"])
    ]
    assert statistics.median(kept) == pytest.approx(result["peerMedianEvToEbitda"])


async def test_a_bank_is_valued_on_its_sector_model(app: Starlette, gql: GraphQLClient) -> None:
    result = await valued(
        app,
        gql,
        gicsIndustryGroup="BANKS",
        bookEquity=90e6,
        assumptions={"payoutRatio": 0.7},
    )
    assert result["sector"] == "BANK"
    assert [m["method"] for m in result["methods"]] == [
        "PRICE_TO_BOOK",
        "PRICE_TO_EARNINGS",
        "DIVIDEND_YIELD",
    ]


async def test_admission_checks_name_what_would_decide_them(
    app: Starlette, gql: GraphQLClient
) -> None:
    result = await valued(app, gql, expectedHolders=450, freeFloat=0.35)
    checks = {c["name"]: c for c in result["admissionChecks"]}
    assert checks["SPREAD"]["outcome"] == "PASS"
    assert checks["FREE_FLOAT"]["outcome"] == "PASS"
    assert "Listing Rule" in checks["PROFIT_TEST"]["rule"]
    without = await valued(app, gql)
    spread = {c["name"]: c for c in without["admissionChecks"]}["SPREAD"]
    assert spread["outcome"] == "NOT_DETERMINABLE" and spread["decidedBy"] == ["expectedHolders"]


async def test_a_pre_aasb16_subject_without_lease_payments_is_warned(
    app: Starlette, gql: GraphQLClient
) -> None:
    result = await valued(app, gql, ebitdaPostAasb16=False)
    assert "AASB16_BASIS_MISMATCH" in [w["code"] for w in result["warningDetails"]]


async def test_bad_methods_and_custom_peers_get_precise_user_errors(gql: GraphQLClient) -> None:
    methods = [
        {"method": "DCF", "weight": 0},
        {"method": "DCF", "weight": 0},
        {"method": "EV_TO_EBIT", "weight": 0, "multipleRange": {"low": 12, "high": 10}},
    ]
    payload = await create(
        gql,
        assumptions={"methods": methods, "offerRangeWidth": 0.9},
        customPeers=[{"name": "", "evToEbitda": -3.0}],
        frankingPercentage=1.5,
        history=[period(2024, 53e6) | {"dividends": -1.0}, period(2025, 60e6)],
    )
    errors = refusal(payload)
    assert errors[("input", "assumptions", "methods", "1")]["code"] == "DUPLICATE_METHOD"
    assert errors[("input", "assumptions", "methods")]["code"] == "NO_WEIGHTED_METHOD"
    assert (
        errors[("input", "assumptions", "methods", "2", "multipleRange")]["code"] == "NOT_IN_ORDER"
    )
    assert errors[("input", "assumptions", "offerRangeWidth")]["code"] == "OUT_OF_RANGE"
    assert errors[("input", "customPeers", "0", "name")]["code"] == "INVALID"
    assert errors[("input", "customPeers", "0", "evToEbitda")]["code"] == "OUT_OF_RANGE"
    assert errors[("input", "frankingPercentage")]["code"] == "OUT_OF_RANGE"
    assert errors[("input", "history", "0", "dividends")]["code"] == "NEGATIVE"
