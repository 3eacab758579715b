"""createValuation through a real arq worker, to a completed IPO price range."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.applications import Starlette

from edge.state import app_state
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE, JOB
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import finished


async def test_valuation_runs_to_an_ordered_price_range(app: Starlette, gql: GraphQLClient) -> None:
    created = (await gql.execute(CREATE, input=company()))["data"]["createValuation"]
    assert created["userErrors"] == []
    assert created["job"]["status"] == "QUEUED"
    job = await finished(app, gql, created["job"]["id"])
    assert job["status"] == "COMPLETED", job
    price = job["result"]["priceRange"]
    assert 0 < price["low"] <= price["mid"] <= price["high"]
    assert len(job["result"]["peers"]) == 12
    assert {m["method"] for m in job["result"]["methods"]} >= {"DCF", "EV_TO_EBITDA"}


async def test_same_idempotency_key_returns_the_same_job(gql: GraphQLClient) -> None:
    key = uuid.uuid4().hex
    first = (await gql.execute(CREATE, input=company(), key=key))["data"]["createValuation"]
    again = (await gql.execute(CREATE, input=company(), key=key))["data"]["createValuation"]
    assert again["job"]["id"] == first["job"]["id"]


async def test_reusing_an_idempotency_key_with_other_input_is_refused(gql: GraphQLClient) -> None:
    key = uuid.uuid4().hex
    await gql.execute(CREATE, input=company(), key=key)
    other = (await gql.execute(CREATE, input=company(netDebt=1.0), key=key))["data"][
        "createValuation"
    ]
    assert other["job"] is None
    assert other["userErrors"][0]["code"] == "IDEMPOTENCY_KEY_REUSED"


async def test_bad_input_gets_precise_user_errors(gql: GraphQLClient) -> None:
    bad = company(preOfferShares=0, assumptions={"taxRate": 0.9}, history=[])
    result = (await gql.execute(CREATE, input=bad))["data"]["createValuation"]
    assert result["job"] is None
    codes = {(tuple(e["field"]), e["code"]) for e in result["userErrors"]}
    assert (("input", "preOfferShares"), "NOT_POSITIVE") in codes
    assert (("input", "assumptions", "taxRate"), "OUT_OF_RANGE") in codes
    assert (("input", "history"), "REQUIRED") in codes


async def test_unknown_valuation_is_null(gql: GraphQLClient) -> None:
    assert (await gql.execute(JOB, id="nope"))["data"]["valuation"] is None


async def test_valuations_over_the_monthly_quota_are_refused(app: Starlette, client: Any) -> None:
    from accounts.operators import create_user
    from accounts.tiers import Tier

    services: Services = app_state(app).services
    email = f"basic-{uuid.uuid4().hex[:8]}@example.com"
    await create_user(services, email, "basic tier password", f"Org {email}", Tier.BASIC)
    gql = GraphQLClient(client)
    login = await gql.execute(
        'mutation ($e: String!) { login(email: $e, password: "basic tier password") '
        "{ accessToken } }",
        e=email,
    )
    headers = {"Authorization": f"Bearer {login['data']['login']['accessToken']}"}
    answers = []
    for _ in range(3):
        response = await client.post(
            "/graphql", json={"query": CREATE, "variables": {"input": company()}}, headers=headers
        )
        answers.append(response.json()["data"]["createValuation"])
    assert [a["userErrors"] for a in answers[:2]] == [[], []]
    assert answers[2]["userErrors"][0]["code"] == "QUOTA_EXCEEDED"


async def test_valuations_page_newest_first_without_gaps(gql: GraphQLClient) -> None:
    for _ in range(3):
        await gql.execute(CREATE, input=company())
    listing = "query ($after: ID) { valuations(first: 2, after: $after) { id createdAt } }"
    everything = "{ valuations(first: 100) { id } }"
    first = (await gql.execute(listing))["data"]["valuations"]
    second = (await gql.execute(listing, after=first[-1]["id"]))["data"]["valuations"]
    all_ids = [job["id"] for job in (await gql.execute(everything))["data"]["valuations"]]
    assert [job["id"] for job in first + second] == all_ids[:4]


async def test_concurrent_requests_with_one_idempotency_key_make_one_job(
    gql: GraphQLClient,
) -> None:
    import asyncio

    key = uuid.uuid4().hex
    answers = await asyncio.gather(
        *(gql.execute(CREATE, input=company(), key=key) for _ in range(4))
    )
    payloads = [a["data"]["createValuation"] for a in answers]
    assert all(p["userErrors"] == [] for p in payloads), payloads
    assert len({p["job"]["id"] for p in payloads}) == 1
