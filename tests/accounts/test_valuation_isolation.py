"""Another organisation's valuation job can be neither cancelled nor followed."""

from __future__ import annotations

import asyncio
import json

import httpx
from starlette.applications import Starlette

from runtime.services import Services
from tests.fixtures.accounts import as_caller, bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import PROGRESS
from tests.fixtures.ownership_probes import PROBES
from tests.fixtures.servers import graphql_socket, serve_in_background

CANCEL = """mutation ($id: ID!) { cancelValuation(id: $id) {
  job { id status } userErrors { field code } } }"""
STATUS = "query ($id: ID!) { valuation(id: $id) { status } }"


async def test_cancelling_another_organisations_job_is_not_found_and_changes_nothing(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    owner_org, owner = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    job = await PROBES["valuation_job"].create(services, owner_org)

    refused = await as_caller(client, stranger, CANCEL, id=job)
    assert refused["cancelValuation"] == {
        "job": None,
        "userErrors": [{"field": ["id"], "code": "NOT_FOUND"}],
    }
    still = await as_caller(client, owner, STATUS, id=job)
    assert still["valuation"] == {"status": "QUEUED"}


async def test_following_another_organisations_job_ends_without_an_event(
    app: Starlette, services: Services, gql: GraphQLClient
) -> None:
    owner_org, _ = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    job = await PROBES["valuation_job"].create(services, owner_org)
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        init = {"authorization": stranger["Authorization"]}
        await socket.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        subscribe = {"query": PROGRESS, "variables": {"id": job}}
        await socket.send(json.dumps({"id": "p", "type": "subscribe", "payload": subscribe}))
        first = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert first == {"id": "p", "type": "complete"}
