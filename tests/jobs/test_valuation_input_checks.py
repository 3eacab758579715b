"""createValuation refuses what the job could not value, before it takes a quota slot, and warns
about inputs that are possible but implausible together."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from edge.state import app_state
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE, CREATE_WITH_WARNINGS
from tests.fixtures.valuation_inputs import company, period
from tests.fixtures.valuations import create, finished, refusal

# Every field of the result, so that a figure GraphQL cannot represent (inf, NaN) shows as an error.
FULL_RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { low mid high } enterpriseValue { low mid high } equityValue { low mid high }
  targetMultiple peerMedianEvToEbitda wacc warnings details
  methods { method low mid high weight }
  peers { ticker evToEbitda evToEbit evToRevenue priceToEarnings leveredBeta debtToEquity
          revenueCagr }
  precedentTransactions { target acquirer announcedOn evToEbitda controlPremium synthetic }
  sources { subject source asOf synthetic stale } } } }"""


@pytest.mark.parametrize(
    ("overrides", "path", "bound"),
    [
        ({"netDebt": 1e308}, ("input", "netDebt"), "A$10tn"),
        ({"preOfferShares": 5e-324}, ("input", "preOfferShares"), "1,000"),
        ({"preOfferShares": 5e12}, ("input", "preOfferShares"), "1,000,000,000,000"),
        ({"primaryRaise": 2e13}, ("input", "primaryRaise"), "A$10tn"),
        ({"leaseLiabilities": 1e200}, ("input", "leaseLiabilities"), "A$10tn"),
        (
            {"history": [period(2024, 50e6), {**period(2025, 60e6), "ebitda": -1e14}]},
            ("input", "history", "1", "ebitda"),
            "-A$10tn",
        ),
        (
            {"forecast": [{**period(2026, 70e6), "capitalExpenditure": 3e13}]},
            ("input", "forecast", "0", "capitalExpenditure"),
            "A$10tn",
        ),
        (
            {"assumptions": {"terminalGrowth": 0.5}},
            ("input", "assumptions", "terminalGrowth"),
            "0.06",
        ),
    ],
)
async def test_a_number_out_of_bounds_is_refused_with_its_path_and_bound(
    gql: GraphQLClient, overrides: dict[str, Any], path: tuple[str, ...], bound: str
) -> None:
    errors = refusal(await create(gql, **overrides))
    assert path in errors, errors
    assert errors[path]["code"] in {"OUT_OF_RANGE", "NOT_POSITIVE"}
    assert bound in errors[path]["message"]


async def test_an_infinite_literal_is_refused_as_out_of_range(gql: GraphQLClient) -> None:
    # graphql-core reads the literal 1e309 as inf; it must not reach the engine.
    document = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
      job { id } userErrors { field code message } } }"""
    literal = document.replace("($input: ValuationInput!) ", "").replace(
        "input: $input", "input: " + _graphql_literal(company(netDebt=1.0))
    )
    assert "netDebt: 1.0" in literal
    literal = literal.replace("netDebt: 1.0", "netDebt: 1e309")
    payload = (await gql.execute(literal))["data"]["createValuation"]
    errors = refusal(payload)
    assert errors[("input", "netDebt")]["code"] == "OUT_OF_RANGE"
    assert "inf" in errors[("input", "netDebt")]["message"]


def _graphql_literal(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_graphql_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_graphql_literal(v) for v in value) + "]"
    if isinstance(value, str) and value.isupper():
        return value  # an enum value
    return json.dumps(value)


@pytest.mark.parametrize(
    "overrides",
    [
        # The largest amounts with the fewest shares: the highest price the bounds allow.
        {
            "history": [period(2024, 8e12), period(2025, 9e12)],
            "forecast": [period(2026, 9.5e12)],
            "netDebt": -9e12,
            "preOfferShares": 1e3,
            "primaryRaise": 1e13,
        },
        # Small amounts with the most shares: the lowest.
        {
            "history": [period(2024, 2e3), period(2025, 3e3)],
            "forecast": [],
            "netDebt": 0.0,
            "leaseLiabilities": 0.0,
            "preOfferShares": 1e12,
            "primaryRaise": 0.0,
        },
    ],
    ids=["largest", "smallest"],
)
async def test_a_valuation_at_the_bounds_serialises_every_field(
    app: Starlette, gql: GraphQLClient, overrides: dict[str, Any]
) -> None:
    payload = await create(gql, **overrides)
    assert payload["userErrors"] == [], payload
    await finished(app, gql, payload["job"]["id"])
    answer = await gql.execute(FULL_RESULT, id=payload["job"]["id"])
    assert "errors" not in answer, answer["errors"]
    job = answer["data"]["valuation"]
    assert job["status"] == "COMPLETED", job["error"]
    assert 0 < job["result"]["priceRange"]["low"] <= job["result"]["priceRange"]["high"]


async def test_implausible_inputs_are_warned_about_and_listed_with_the_result(
    app: Starlette, gql: GraphQLClient
) -> None:
    history = [
        period(2023, 0.4e6),  # to 53m the next year: a jump of 132x
        {**period(2024, 53e6), "ebitda": 60e6, "netIncome": 55e6},  # both above revenue
        period(2025, 60e6),
    ]
    payload = await create(gql, history=history, preOfferShares=1e12)
    assert payload["userErrors"] == []
    warned = {(tuple(w["field"]), w["code"]) for w in payload["warnings"]}
    assert warned == {
        (("input", "history", "1", "ebitda"), "EBITDA_ABOVE_REVENUE"),
        (("input", "history", "1", "netIncome"), "NET_INCOME_ABOVE_REVENUE"),
        (("input", "history", "1", "revenue"), "YEAR_ON_YEAR_JUMP"),
        (("input", "history", "1", "ebitda"), "YEAR_ON_YEAR_JUMP"),
        (("input", "history", "1", "ebit"), "YEAR_ON_YEAR_JUMP"),
        (("input", "history", "1", "netIncome"), "YEAR_ON_YEAR_JUMP"),
        (("input", "history", "1", "depreciationAndAmortisation"), "YEAR_ON_YEAR_JUMP"),
        (("input", "history", "1", "capitalExpenditure"), "YEAR_ON_YEAR_JUMP"),
        (("input", "preOfferShares"), "PRICE_BELOW_MINIMUM"),
    }
    job = await finished(app, gql, payload["job"]["id"])
    assert job["status"] == "COMPLETED", job
    assert {w["message"] for w in payload["warnings"]} <= set(job["result"]["warnings"])


async def test_plausible_inputs_bring_no_warnings_and_a_retry_brings_the_same(
    gql: GraphQLClient,
) -> None:
    assert (await create(gql))["warnings"] == []
    key = uuid.uuid4().hex
    first = await gql.execute(CREATE_WITH_WARNINGS, input=company(preOfferShares=1e12), key=key)
    again = await gql.execute(CREATE_WITH_WARNINGS, input=company(preOfferShares=1e12), key=key)
    warnings = first["data"]["createValuation"]["warnings"]
    assert [w["code"] for w in warnings] == ["PRICE_BELOW_MINIMUM"]
    assert again["data"]["createValuation"]["warnings"] == warnings


async def ticker_of(services: Services, condition: str) -> tuple[str, str]:
    async with services.sessions() as session:
        row = (
            await session.execute(
                text(f"SELECT ticker, name FROM company WHERE {condition} ORDER BY ticker LIMIT 1")
            )
        ).one()
    return row.ticker, row.name


async def test_unusable_named_peers_are_refused_naming_each_one(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app_state(app).services
    unclassified, _ = await ticker_of(services, "gics_industry_group IS NULL")
    peers = ["ZZZ9", "XRO", "xro", "WTC", unclassified]
    errors = refusal(await create(gql, peers=peers, excludePeers=["WTC"]))
    by_index = {path[-1]: (e["code"], e["message"]) for path, e in errors.items()}
    assert by_index["0"] == ("UNKNOWN_PEER", "ZZZ9 is not the code of an ASX-listed company.")
    assert by_index["2"][0] == "DUPLICATE_PEER" and "XRO" in by_index["2"][1]
    assert by_index["3"][0] == "PEER_EXCLUDED" and "WTC" in by_index["3"][1]
    assert by_index["4"][0] == "PEER_WITHOUT_INDUSTRY" and unclassified in by_index["4"][1]
    assert "1" not in by_index  # XRO itself is a usable peer


async def test_a_code_that_cannot_be_a_ticker_is_refused_before_any_lookup(
    gql: GraphQLClient,
) -> None:
    errors = refusal(await create(gql, peers=["XRO", "BH P"], excludePeers=["X" * 7]))
    assert errors[("input", "peers", "1")]["code"] == "INVALID_TICKER"
    assert "'BH P'" in errors[("input", "peers", "1")]["message"]
    assert errors[("input", "excludePeers", "0")]["code"] == "INVALID_TICKER"


async def test_the_company_itself_is_refused_as_its_own_peer(
    app: Starlette, gql: GraphQLClient
) -> None:
    ticker, name = await ticker_of(app_state(app).services, "ticker = 'XRO'")
    errors = refusal(await create(gql, companyName="Xero Ltd", peers=[ticker, "WTC", "TNE"]))
    assert errors[("input", "peers", "0")]["code"] == "PEER_IS_SUBJECT"
    assert name in errors[("input", "peers", "0")]["message"]


async def test_too_few_named_peers_with_a_beta_are_refused(gql: GraphQLClient) -> None:
    errors = refusal(await create(gql, peers=["XRO", "WTC"]))
    error = errors[("input", "peers")]
    assert error["code"] == "TOO_FEW_PEERS_WITH_BETA"
    assert error["message"] == (
        "2 of the 2 usable named peers have a beta (WTC, XRO); the beta is the peers' median and "
        "needs at least 3."
    )


async def test_an_industry_group_left_with_too_few_peers_is_refused(
    app: Starlette, gql: GraphQLClient
) -> None:
    async with app_state(app).services.sessions() as session:
        tickers = list(
            await session.scalars(
                text(
                    "SELECT ticker FROM company WHERE gics_industry_group = "
                    "'Semiconductors & Semiconductor Equipment' ORDER BY ticker"
                )
            )
        )
    payload = await create(
        gql,
        gicsIndustryGroup="SEMICONDUCTORS_AND_SEMICONDUCTOR_EQUIPMENT",
        excludePeers=tickers[2:],
    )
    error = refusal(payload)[("input", "gicsIndustryGroup")]
    assert error["code"] == "TOO_FEW_PEERS_WITH_BETA"
    assert "Semiconductors" in error["message"] and "Name the peers" in error["message"]


async def test_refused_valuations_take_no_quota_slot(app: Starlette, client: Any) -> None:
    from accounts.operators import create_user
    from accounts.tiers import Tier, policy_for

    email = f"refused-{uuid.uuid4().hex[:8]}@example.com"
    await create_user(
        app_state(app).services, email, "basic tier password", f"Org {email}", Tier.BASIC
    )
    login = await GraphQLClient(client).execute(
        'mutation ($e: String!) { login(email: $e, password: "basic tier password") '
        "{ accessToken } }",
        e=email,
    )
    headers = {"Authorization": f"Bearer {login['data']['login']['accessToken']}"}

    async def send(**overrides: Any) -> dict[str, Any]:
        response = await client.post(
            "/graphql",
            json={"query": CREATE, "variables": {"input": company(**overrides)}},
            headers=headers,
        )
        payload: dict[str, Any] = response.json()["data"]["createValuation"]
        return payload

    refused = [
        await send(peers=["ZZZ9", "XRO", "WTC"]),
        await send(peers=["XRO", "WTC"]),
        await send(netDebt=1e308),
    ]
    assert all(p["job"] is None and p["userErrors"] for p in refused)
    allowance = policy_for(Tier.BASIC).valuations_per_month
    assert allowance is not None
    created = [await send() for _ in range(allowance)]
    assert all(p["userErrors"] == [] for p in created), created
    assert (await send())["userErrors"][0]["code"] == "QUOTA_EXCEEDED"
