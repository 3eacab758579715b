"""The documents story as a user lives it, over HTTP and a websocket against the served app, with
PostgreSQL, Redis and an arq worker and the real readers (OCR included): upload an annual report
PDF, a scanned statement and a workbook; follow each extraction live; read every figure with its
page and confidence and every inconsistency flagged; correct one; value the company from the
documents, the corrected figure traced into the result.

True figures: tests/fixtures/statements/truth.py (AUSTRALIAN, WORKBOOK) and the scanned
statement's (tests/fixtures/scans.py): revenue 125,400 and 118,250 ($'000)."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

import httpx
from starlette.applications import Starlette

from documents.model import Field
from edge.state import app_state
from runtime.services import Services
from tests.fixtures.accounts import bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.scans import scanned_statement_pdf
from tests.fixtures.servers import graphql_socket, serve_in_background
from tests.fixtures.statements import australian, workbooks
from tests.fixtures.statements.truth import AUSTRALIAN, WORKBOOK
from tests.fixtures.uploads import PREFLIGHT, multipart
from tests.fixtures.valuations import run_worker

FY25 = date(2025, 6, 30)
PROGRESS = """subscription ($id: ID!) { documentProgress(id: $id) {
  seq status stage percent message } }"""
DOCUMENT = """query ($id: ID!) { document(id: $id) { status pages mediaType
  extraction { currency units periods { fiscalYearEnd revenue depreciationAndAmortisation
    fields { name value confidence stated formula source { page label rawText } } }
    issues { code message page } } } }"""
CORRECT = """mutation ($id: ID!, $value: Float!) { correctDocumentFigure(documentId: $id,
  fiscalYearEnd: "2025-06-30", field: DEPRECIATION_AND_AMORTISATION, value: $value,
  reason: "the income statement's figure; the cash-flow sheet's 2,400 is a typo") {
  userErrors { code message } } }"""
VALUE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id } userErrors { field code message } } }"""
RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message }
  result { priceRange { low mid high } documentSources { documentId fiscalYearEnd field value
  page corrected provenance } } } }"""


async def _upload(
    http: httpx.AsyncClient, caller: dict[str, str], data: bytes, name: str, **variables: Any
) -> str:
    response = await http.post(
        "/graphql", headers={**PREFLIGHT, **caller}, **multipart(data, name, variables=variables)
    )
    payload = response.json()["data"]["uploadDocument"]
    assert payload["userErrors"] == [], payload
    return str(payload["document"]["id"])


async def _follow(host: str, caller: dict[str, str], ids: list[str]) -> dict[str, list[Any]]:
    """Every documentProgress event of each document, over one graphql-transport-ws socket."""
    events: dict[str, list[Any]] = {doc: [] for doc in ids}
    open_ = set(ids)
    async with graphql_socket(host) as socket:
        init = {"type": "connection_init", "payload": {"authorization": caller["Authorization"]}}
        await socket.send(json.dumps(init))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        for doc in ids:
            payload = {"query": PROGRESS, "variables": {"id": doc}}
            await socket.send(json.dumps({"id": doc, "type": "subscribe", "payload": payload}))
        while open_:
            message = json.loads(await asyncio.wait_for(socket.recv(), 120))
            if message["type"] == "complete":
                open_.discard(message["id"])
            elif message["type"] == "next":
                events[message["id"]].append(message["payload"]["data"]["documentProgress"])
            else:
                raise AssertionError(message)
    return events


def _period(document: dict[str, Any], year_end: date) -> dict[str, Any]:
    periods = document["extraction"]["periods"]
    return next(p for p in periods if p["fiscalYearEnd"] == year_end.isoformat())


def _field(period: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in period["fields"] if f["name"] == name)


async def test_upload_follow_read_correct_and_value_from_documents(
    services_app: Starlette,
) -> None:
    async with serve_in_background(services_app) as host:
        await _story(app_state(services_app).services, host)


async def _story(services: Services, host: str) -> None:
    async with httpx.AsyncClient(base_url=f"http://{host}", timeout=60) as http:
        _, caller = await bearer_for_new_organisation(services, GraphQLClient(http))
        report = await _upload(http, caller, australian.report(), "annual-report-2025.pdf")
        scan = await _upload(
            http, caller, scanned_statement_pdf(), "scan.pdf", fye=FY25.isoformat()
        )
        book = await _upload(
            http,
            caller,
            workbooks.xlsx(conflict=True),
            "management-accounts.xlsx",
            fye=FY25.isoformat(),
        )
        ids = [report, scan, book]
        following = asyncio.create_task(_follow(host, caller, ids))
        await asyncio.sleep(0.5)  # subscribed before the worker starts
        await run_worker(services)
        events = await following

        async def call(query: str, **variables: Any) -> dict[str, Any]:
            response = await http.post(
                "/graphql", headers=caller, json={"query": query, "variables": variables}
            )
            body = response.json()
            assert "errors" not in body, body
            return dict(body["data"])

        # Followed live, each to its end, in order.
        for doc in ids:
            stages = [e["stage"] for e in events[doc]]
            assert stages[-1] == "DONE" and "EXTRACTING" in stages, (doc, stages)
            percents = [e["percent"] for e in events[doc]]
            assert percents == sorted(percents) and percents[-1] == 100

        # The annual report: every stated figure to the dollar, each with its page.
        read = (await call(DOCUMENT, id=report))["document"]
        assert (read["status"], read["pages"], read["extraction"]["currency"]) == (
            "COMPLETED",
            6,
            "AUD",
        )
        for year_end, figures in AUSTRALIAN.items():
            period = _period(read, year_end)
            for name, value in figures.items():
                if value is None:
                    continue
                field = _field(period, name.value.upper())
                assert field["value"] == value, (year_end, name)
                assert field["source"]["page"] in range(3, 7)
                assert 0 < field["confidence"] <= 1
        ebitda = _field(_period(read, FY25), "EBITDA")
        assert ebitda["stated"] is False and ebitda["formula"]

        # The scan: read by OCR, with the engine's confidence, on page 1.
        scanned = (await call(DOCUMENT, id=scan))["document"]
        revenue = _field(_period(scanned, FY25), "REVENUE")
        assert revenue["value"] == 125_400_000 and revenue["source"]["page"] == 1
        assert 0 < revenue["confidence"] <= 1
        # The engine's own confidences, not a text layer's 1.0 throughout.
        read_by_ocr = [f for p in scanned["extraction"]["periods"] for f in p["fields"]]
        assert min(f["confidence"] for f in read_by_ocr if f["value"] is not None) < 1
        assert _period(scanned, date(2024, 6, 30))["revenue"] == 118_250_000

        # The workbook: its figures, and the inconsistency flagged with both numbers.
        workbook = (await call(DOCUMENT, id=book))["document"]
        issues = workbook["extraction"]["issues"]
        conflict = next(i for i in issues if i["code"] == "CONFLICTING_FIGURES")
        assert "2,500" in conflict["message"] and "2,400" in conflict["message"]
        latest = _period(workbook, FY25)
        assert latest["revenue"] == WORKBOOK[FY25][Field.REVENUE]

        # Correct the figure in doubt, then value the company from the workbook alone.
        corrected = await call(CORRECT, id=book, value=2_500_000)
        assert corrected["correctDocumentFigure"]["userErrors"] == []
        company = {
            "companyName": "Wattle Software Pty Ltd",
            "gicsIndustryGroup": "SOFTWARE_AND_SERVICES",
            "preOfferShares": 10e6,
            "primaryRaise": 5e6,
            "documentIds": [book],
        }
        created = (await call(VALUE, input=company))["createValuation"]
        assert created["userErrors"] == [], created
        await run_worker(services)
        job = (await call(RESULT, id=created["job"]["id"]))["valuation"]
        assert job["status"] == "COMPLETED", job
        sources = {(s["fiscalYearEnd"], s["field"]): s for s in job["result"]["documentSources"]}
        d_and_a = sources[("2025-06-30", "depreciation_and_amortisation")]
        assert (d_and_a["value"], d_and_a["corrected"]) == (2_500_000, True)
        assert d_and_a["provenance"] == f"document:{book} p.{d_and_a['page']}"
        assert sources[("2025-06-30", "revenue")]["value"] == WORKBOOK[FY25][Field.REVENUE]
        price = job["result"]["priceRange"]
        assert 0 < price["low"] < price["mid"] < price["high"]
