"""createValuation(input: { documentIds }): the figures the input does not type come from the
documents, corrections applied, each traced to its document and page in the result."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from starlette.applications import Starlette

from contracts.valuation_input import ValuationJobInput
from core.redis import is_embedded
from documents.extract import extract_pdf_text
from documents.model import ExtractedPeriod
from runtime.services import Services
from tests.fixtures.accounts import as_caller, bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.statements import reconciliation
from tests.fixtures.uploads import (
    BALANCE,
    FULL_YEAR,
    PDF_BYTES,
    completed_document,
    statements,
    upload,
    year,
)
from tests.fixtures.valuation_inputs import period
from tests.fixtures.valuations import job_row, run_worker


async def _call(*args: Any, **variables: Any) -> Any:
    """as_caller, its answer untyped (tests index into it)."""
    return await as_caller(*args, **variables)


VALUE = """mutation ($input: ValuationInput!) { createValuation(input: $input) {
  job { id status } userErrors { field code message } warnings { code } } }"""
RESULT = """query ($id: ID!) { valuation(id: $id) { status error { code message } result {
  priceRange { mid } documentSources { documentId fiscalYearEnd field value page corrected
  provenance } } } }"""
CORRECT = """mutation ($id: ID!) { correctDocumentFigure(documentId: $id, fiscalYearEnd:
  "2025-06-30", field: REVENUE, value: 64000000, reason: "restated in the FY25 report") {
  userErrors { code } } }"""


def _years(start: int, count: int) -> list[ExtractedPeriod]:
    return [
        year(
            date(start + n, 6, 30),
            **{k: v * (1.1**n) for k, v in FULL_YEAR.items()},
            **(BALANCE if n == count - 1 else {}),
        )
        for n in range(count)
    ]


def _company(**overrides: object) -> dict[str, object]:
    return {
        "companyName": "Documented Pty Ltd",
        "gicsIndustryGroup": "SOFTWARE_AND_SERVICES",
        "preOfferShares": 200e6,
        "primaryRaise": 50e6,
        **overrides,
    }


async def test_history_and_net_debt_come_from_the_documents_with_corrections(
    app: Starlette, services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    organisation, caller = await bearer_for_new_organisation(services, gql)
    document = await completed_document(services, organisation, statements(*_years(2023, 3)))
    await _call(client, caller, CORRECT, id=document)
    typed_2023 = period(2023, 77e6)
    created = await _call(
        client, caller, VALUE, input=_company(documentIds=[document], history=[typed_2023])
    )
    payload = created["createValuation"]
    assert payload["userErrors"] == [], payload
    row = await job_row(services, payload["job"]["id"])
    stored = ValuationJobInput.model_validate(row.inputs)
    history = stored.valuation.history
    assert [p.fiscal_year_end.year for p in history] == [2023, 2024, 2025]
    assert history[0].revenue == 77e6  # typed wins
    assert history[2].revenue == 64e6  # the correction wins over the extracted value
    assert stored.valuation.net_debt == BALANCE["borrowings"] - BALANCE["cash"]
    assert stored.valuation.lease_liabilities == BALANCE["lease_liabilities"]
    assert stored.valuation.book_equity == BALANCE["total_equity"]

    if not is_embedded(services.redis):
        await run_worker(services)
    for _ in range(200):
        job = (await _call(client, caller, RESULT, id=payload["job"]["id"]))["valuation"]
        if job["status"] in ("COMPLETED", "FAILED"):
            break
        import asyncio

        await asyncio.sleep(0.05)
    assert job["status"] == "COMPLETED", job
    sources = job["result"]["documentSources"]
    revenue_2025 = next(
        s for s in sources if s["field"] == "revenue" and s["fiscalYearEnd"] == "2025-06-30"
    )
    assert revenue_2025 == {
        "documentId": document,
        "fiscalYearEnd": "2025-06-30",
        "field": "revenue",
        "value": 64e6,
        "page": 3,
        "corrected": True,
        "provenance": f"document:{document} p.3",
    }
    assert not any(s["fiscalYearEnd"] == "2023-06-30" for s in sources)  # the typed year's


async def test_a_document_not_completed_is_refused(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    _, caller = await bearer_for_new_organisation(services, gql)
    uploaded = await upload(client, PDF_BYTES, headers=caller)
    document = uploaded.json()["data"]["uploadDocument"]["document"]["id"]
    created = await _call(client, caller, VALUE, input=_company(documentIds=[document]))
    errors = created["createValuation"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "documentIds", "0"], "DOCUMENT_NOT_COMPLETED")
    ]


async def test_a_missing_required_figure_is_named_with_its_year(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    organisation, caller = await bearer_for_new_organisation(services, gql)
    without_capex = {k: v for k, v in FULL_YEAR.items() if k != "capital_expenditure"}
    document = await completed_document(
        services, organisation, statements(year(date(2025, 6, 30), **without_capex, **BALANCE))
    )
    created = await _call(client, caller, VALUE, input=_company(documentIds=[document]))
    (refused,) = created["createValuation"]["userErrors"]
    assert refused["code"] == "DOCUMENT_FIELD_MISSING"
    assert "capital expenditure" in refused["message"] and "2025-06-30" in refused["message"]


async def test_figures_in_another_currency_are_refused(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    organisation, caller = await bearer_for_new_organisation(services, gql)
    document = await completed_document(
        services, organisation, statements(*_years(2024, 2), currency="USD")
    )
    created = await _call(client, caller, VALUE, input=_company(documentIds=[document]))
    assert created["createValuation"]["userErrors"][0]["code"] == "DOCUMENT_CURRENCY"


async def test_without_documents_net_debt_is_required(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    _, caller = await bearer_for_new_organisation(services, gql)
    created = await _call(client, caller, VALUE, input=_company(history=[period(2025, 60e6)]))
    (refused,) = created["createValuation"]["userErrors"]
    assert (refused["field"], refused["code"]) == (["input", "netDebt"], "REQUIRED")


async def test_a_direct_method_report_values_with_the_working_capital_of_its_note(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    """The Australian report's cash-flow statement has no working-capital line: its change in
    working capital comes from the reconciliation note on page 7 (1,900,000 absorbed in 2025,
    3,250,000 released in 2024: tests/documents/test_working_capital_note.py), and with it the
    report gives every figure a historical year needs."""
    organisation, caller = await bearer_for_new_organisation(services, gql)
    extraction = extract_pdf_text(reconciliation.direct_method_report())
    document = await completed_document(services, organisation, extraction)
    created = await _call(client, caller, VALUE, input=_company(documentIds=[document]))
    payload = created["createValuation"]
    assert payload["userErrors"] == [], payload
    stored = ValuationJobInput.model_validate(
        (await job_row(services, payload["job"]["id"])).inputs
    )
    fy24, fy25 = date(2024, 6, 30), date(2025, 6, 30)
    history = [(p.fiscal_year_end, p.change_in_working_capital) for p in stored.valuation.history]
    assert history == [(fy24, -3_250_000), (fy25, 1_900_000)]
    uses = [u for u in stored.document_figures or [] if u.field == "change_in_working_capital"]
    assert [(u.fiscal_year_end, u.value, u.page) for u in uses] == [
        (fy24, -3_250_000, 7),
        (fy25, 1_900_000, 7),
    ]
