"""Another organisation's document can be neither read, corrected, followed, nor valued from."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

import httpx
from starlette.applications import Starlette

from runtime.services import Services
from tests.fixtures.accounts import as_caller, bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.servers import graphql_socket, serve_in_background
from tests.fixtures.uploads import BALANCE, FULL_YEAR, completed_document, statements, year


async def _call(*args: Any, **variables: Any) -> Any:
    """as_caller, its answer untyped (tests index into it)."""
    return await as_caller(*args, **variables)


CORRECT = """mutation ($id: ID!) { correctDocumentFigure(documentId: $id,
  fiscalYearEnd: "2025-06-30", field: REVENUE, value: 1, reason: "mine now") {
    document { id } userErrors { field code } } }"""
EXTRACTION = """query ($id: ID!) { document(id: $id) { extraction { periods { revenue } } } }"""
PROGRESS = "subscription ($id: ID!) { documentProgress(id: $id) { seq status stage percent } }"
VALUE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id } userErrors { field code message } } }"""


async def _document(services: Services, organisation_id) -> str:  # type: ignore[no-untyped-def]
    return await completed_document(
        services, organisation_id, statements(year(date(2025, 6, 30), **FULL_YEAR, **BALANCE))
    )


async def test_correcting_another_organisations_document_is_not_found_and_changes_nothing(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    owner_org, owner = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    document = await _document(services, owner_org)
    refused = await _call(client, stranger, CORRECT, id=document)
    assert refused["correctDocumentFigure"] == {
        "document": None,
        "userErrors": [{"field": ["documentId"], "code": "NOT_FOUND"}],
    }
    still = await _call(client, owner, EXTRACTION, id=document)
    assert still["document"]["extraction"]["periods"] == [{"revenue": FULL_YEAR["revenue"]}]


async def test_valuing_from_another_organisations_document_is_refused_as_not_found(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    owner_org, _ = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    document = await _document(services, owner_org)
    given = {
        "companyName": "Borrowed Figures Pty Ltd",
        "gicsIndustryGroup": "SOFTWARE_AND_SERVICES",
        "preOfferShares": 1e8,
        "primaryRaise": 2e7,
        "documentIds": [document],
    }
    refused = await _call(client, stranger, VALUE, input=given)
    errors = refused["createValuation"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "documentIds", "0"], "DOCUMENT_NOT_FOUND")
    ]


async def test_following_another_organisations_document_ends_without_an_event(
    app: Starlette, services: Services, gql: GraphQLClient
) -> None:
    owner_org, _ = await bearer_for_new_organisation(services, gql)
    _, stranger = await bearer_for_new_organisation(services, gql)
    document = await _document(services, owner_org)
    async with serve_in_background(app) as host, graphql_socket(host) as socket:
        init = {"authorization": stranger["Authorization"]}
        await socket.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        subscribe = {"query": PROGRESS, "variables": {"id": document}}
        await socket.send(json.dumps({"id": "p", "type": "subscribe", "payload": subscribe}))
        first = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert first == {"id": "p", "type": "complete"}
