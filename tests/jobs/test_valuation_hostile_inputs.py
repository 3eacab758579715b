"""createValuation against hostile and extreme inputs: each ends as a user error naming its field,
a COMPLETED job with finite, non-negative prices, or a FAILED job with VALUATION_INPUT; never an
internal error."""

from __future__ import annotations

import asyncio
import json
import math
import statistics
from typing import Any

import pytest
from starlette.applications import Starlette

from core.redis import is_embedded
from edge.state import app_state
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuation_inputs import period
from tests.fixtures.valuations import create, run_worker

RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { low mid high } valuationRange { low mid high } peerMedianEvToEbitda
  methods { method low mid high perShare { low mid high } }
  peers { ticker evToEbitda exclusions { method period reason } }
  customPeers { ticker exclusions { method period reason } } details } } }"""

EVERY_METHOD = [
    "DCF",
    "EV_TO_EBITDA",
    "EV_TO_EBIT",
    "PRICE_TO_EARNINGS",
    "DIVIDEND_YIELD",
    "PRICE_TO_BOOK",
    "PRICE_TO_NTA",
    "PRICE_TO_EMBEDDED_VALUE",
    "PRECEDENT_TRANSACTIONS",
]


def methods(*names: str, **choice: Any) -> dict[str, Any]:
    return {"methods": [{"method": name, "weight": 1, **choice} for name in names]}


def peers_with_beta(count: int) -> list[dict[str, Any]]:
    return [
        {"name": f"Peer {n}", "evToEbitda": 10.0 + n, "leveredBeta": 1.0, "debtToEquity": 0.2}
        for n in range(count)
    ]


HOSTILE: dict[str, dict[str, Any]] = {
    "tiny weight": {
        "assumptions": {"methods": [{"method": "PRICE_TO_EARNINGS", "weight": 1e-300}]}
    },
    "huge weight": {"assumptions": {"methods": [{"method": "DCF", "weight": 1e308}]}},
    "huge multiple": {
        "assumptions": methods("EV_TO_EBITDA", multipleRange={"low": 1e308, "high": 1e308})
    },
    "widest EV/EBITDA range": {
        "assumptions": methods("EV_TO_EBITDA", multipleRange={"low": 1e-6, "high": 1000})
    },
    "widest P/B range": {
        "bookEquity": 50e6,
        "assumptions": methods("PRICE_TO_BOOK", multipleRange={"low": 1e-6, "high": 1000}),
    },
    "widest yield range": {
        "assumptions": {"payoutRatio": 0.5}
        | methods("DIVIDEND_YIELD", multipleRange={"low": 1e-6, "high": 1000})
    },
    "every method": {
        "bookEquity": 90e6,
        "netTangibleAssets": 50e6,
        "embeddedValue": 100e6,
        "assumptions": {"payoutRatio": 0.5} | methods(*EVERY_METHOD),
    },
    "no methods": {"assumptions": {"methods": []}},
    "30 custom peers": {"customPeers": peers_with_beta(30)},
    "31 custom peers": {"customPeers": peers_with_beta(31)},
    "10,000 characters": {"customPeers": [{"name": "x" * 10_000, "evToEbitda": 10}]},
    "valued in 1950": {"valuationDate": "1950-01-01"},
    "valued in 2100": {"valuationDate": "2100-12-31"},
    "only a DCF in 2100": {"valuationDate": "2100-12-31", "assumptions": methods("DCF")},
    "franked at 60 % tax": {
        "frankingPercentage": 1.0,
        "assumptions": {"taxRate": 0.6, "payoutRatio": 0.5} | methods("DIVIDEND_YIELD", "DCF"),
    },
    "full imputation": {"assumptions": {"imputationGamma": 1.0}},
    "payout of 200 %": {"assumptions": {"payoutRatio": 2.0} | methods("DIVIDEND_YIELD")},
    "bank without book": {"gicsIndustryGroup": "BANKS"},
    "insurer without book": {"gicsIndustryGroup": "INSURANCE"},
    "REIT without NTA": {"gicsIndustryGroup": "EQUITY_REAL_ESTATE_INVESTMENT_TRUSTS"},
    "negative book": {"bookEquity": -5e6} | {"assumptions": methods("PRICE_TO_BOOK", "DCF")},
    "no holders": {"expectedHolders": 0},
    "10^8 holders": {"expectedHolders": 100_000_000},
    "a caller's peer yielding 100 %": {
        "customPeers": [{"name": f"Y{n}", "period": "FY1", "dividendYield": 1.0} for n in range(3)],
        "assumptions": {"payoutRatio": 0.5} | methods("DIVIDEND_YIELD", "DCF"),
    },
    "net cash of A$10tn": {"netDebt": -1e13, "primaryRaise": 1e13, "preOfferShares": 1e3},
    "debt of A$20tn": {"netDebt": 1e13, "leaseLiabilities": 1e13},
    "largest company": {
        "history": [period(2024, 1e13), period(2025, 1e13)],
        "forecast": [period(2026, 1e13)],
        "preOfferShares": 1e3,
    },
}


async def outcome(app: Starlette, gql: GraphQLClient, overrides: dict[str, Any]) -> dict[str, Any]:
    payload = await create(gql, **overrides)
    if payload["job"] is None:
        return {"userErrors": payload["userErrors"]}
    services = app_state(app).services
    if not is_embedded(services.redis):
        await run_worker(services)
    for _ in range(200):
        answer = await gql.execute(RESULT, id=payload["job"]["id"])
        assert "errors" not in answer, answer
        job: dict[str, Any] = answer["data"]["valuation"]
        if job["status"] in ("COMPLETED", "FAILED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("the valuation did not finish")


def prices(result: dict[str, Any]) -> list[float]:
    ranges = [result["priceRange"], result["valuationRange"]]
    ranges += [m["perShare"] for m in result["methods"]]
    return [r[end] for r in ranges for end in ("low", "mid", "high")]


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_a_hostile_input_is_refused_valued_or_failed_for_its_input(
    app: Starlette, gql: GraphQLClient, case: str
) -> None:
    found = await outcome(app, gql, HOSTILE[case])
    if "userErrors" in found:
        assert found["userErrors"], found
        assert all(e["code"] and e["field"] for e in found["userErrors"]), found
        return
    if found["status"] == "FAILED":
        assert found["error"]["code"] == "VALUATION_INPUT", found
        assert found["error"]["message"], found
        return
    result = found["result"]
    assert all(math.isfinite(v) and v >= 0 for v in prices(result)), result
    details = json.dumps(result["details"], allow_nan=False)  # raises on NaN or Infinity
    assert "NaN" not in details and "Infinity" not in details


async def test_a_dividend_yield_of_100_per_cent_is_refused_before_it_is_queued(
    gql: GraphQLClient,
) -> None:
    """A yield is a fraction below one: 7 given for 7 % would fail the whole job later."""
    payload = await create(
        gql,
        customPeers=[{"name": "Y", "dividendYield": 1.0}],
        assumptions=methods("DIVIDEND_YIELD", multipleRange={"low": 0.05, "high": 7}),
    )
    assert payload["job"] is None
    fields = {tuple(e["field"]): e["code"] for e in payload["userErrors"]}
    assert fields == {
        ("input", "customPeers", "0", "dividendYield"): "OUT_OF_RANGE",
        ("input", "assumptions", "methods", "0", "multipleRange", "high"): "OUT_OF_RANGE",
    }


@pytest.mark.parametrize("field", ["name", "country", "currency", "source"])
async def test_control_characters_in_a_callers_peer_are_refused(
    gql: GraphQLClient, field: str
) -> None:
    """As in companyName: an escape sequence in a name would reach every report printing it."""
    peer = {"name": "Global", "evToEbitda": 10.0} | {field: "red \u001b[31m alert\u0007"}
    payload = await create(gql, customPeers=[peer])
    assert payload["job"] is None
    [found] = payload["userErrors"]
    assert (found["field"], found["code"]) == (["input", "customPeers", "0", field], "INVALID")


async def test_two_callers_peers_of_one_name_are_refused(gql: GraphQLClient) -> None:
    payload = await create(
        gql, customPeers=[{"name": "Global", "evToEbitda": 10}, {"name": "Global", "evToEbit": 12}]
    )
    assert payload["job"] is None
    [found] = payload["userErrors"]
    assert (found["field"], found["code"]) == (
        ["input", "customPeers", "1", "name"],
        "DUPLICATE_PEER",
    )


async def test_a_callers_peer_named_like_an_asx_peer_leaves_that_peers_figures_alone(
    app: Starlette, gql: GraphQLClient
) -> None:
    """The peers listed reproduce the headline median only if each exclusion is shown on the
    peer it was made for."""
    first = (await outcome(app, gql, {}))["result"]
    [asx] = [p for p in first["peers"] if not p["exclusions"]][:1]
    namesake = {
        "name": asx["ticker"],
        "evToEbitda": 12.0,
        "priceToEarnings": 20.0,
        "postAasb16": False,  # US GAAP: left out of EV multiples, and of nothing else
    }
    again = (await outcome(app, gql, {"customPeers": [namesake]}))["result"]
    [shown] = [p for p in again["peers"] if p["ticker"] == asx["ticker"]]
    assert shown["exclusions"] == []
    [caller] = again["customPeers"]
    assert [e["method"] for e in caller["exclusions"]] == ["EV_TO_EBITDA"]
    kept = [
        p["evToEbitda"]
        for p in again["peers"]
        if not any(e["method"] == "EV_TO_EBITDA" and e["period"] == "LTM" for e in p["exclusions"])
    ]
    assert statistics.median(kept) == pytest.approx(again["peerMedianEvToEbitda"])
