"""correctDocumentFigure: the extracted value kept, the correction stored with who, when and why,
audited, and in force wherever the figure is read."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from sqlalchemy import select

from models.accounts import AuditEvent
from runtime.services import Services
from tests.fixtures.accounts import as_caller, bearer_for_new_organisation
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.uploads import FULL_YEAR, completed_document, statements, year


async def _call(*args: Any, **variables: Any) -> Any:
    """as_caller, its answer untyped (tests index into it)."""
    return await as_caller(*args, **variables)


FY25 = date(2025, 6, 30)
CORRECT = """mutation ($id: ID!, $fye: Date!, $field: DocumentField!, $value: Float!,
  $reason: String!) {
  correctDocumentFigure(documentId: $id, fiscalYearEnd: $fye, field: $field, value: $value,
    reason: $reason) {
    document { extraction { periods { revenue cash fields { name value corrected {
      value previousValue reason by at } } } } corrections { field oldValue newValue reason by } }
    userErrors { field code message } } }"""


async def _setup(services: Services, gql: GraphQLClient) -> tuple[object, dict[str, str], str]:
    organisation, caller = await bearer_for_new_organisation(services, gql)
    document = await completed_document(services, organisation, statements(year(FY25, **FULL_YEAR)))
    return organisation, caller, document


async def test_a_correction_wins_and_the_extracted_value_is_kept(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    organisation, caller, document = await _setup(services, gql)
    answer = await _call(
        client,
        caller,
        CORRECT,
        id=document,
        fye="2025-06-30",
        field="REVENUE",
        value=101.5e6,
        reason="p.12 reads 101.5m; the scan dropped a digit",
    )
    payload = answer["correctDocumentFigure"]
    assert payload["userErrors"] == []
    (period,) = payload["document"]["extraction"]["periods"]
    assert period["revenue"] == 101.5e6
    revenue = next(f for f in period["fields"] if f["name"] == "REVENUE")
    assert revenue["value"] == FULL_YEAR["revenue"]  # as extracted
    assert revenue["corrected"]["value"] == 101.5e6
    assert revenue["corrected"]["previousValue"] == FULL_YEAR["revenue"]
    assert revenue["corrected"]["by"].startswith("iso-")
    assert payload["document"]["corrections"] == [
        {
            "field": "REVENUE",
            "oldValue": FULL_YEAR["revenue"],
            "newValue": 101.5e6,
            "reason": "p.12 reads 101.5m; the scan dropped a digit",
            "by": revenue["corrected"]["by"],
        }
    ]
    async with services.sessions() as session:
        events = (
            await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.event == "document.figure_corrected",  # type: ignore[arg-type]
                    AuditEvent.organisation_id == organisation,  # type: ignore[arg-type]
                )
            )
        ).all()
    assert [(e.detail["field"], e.detail["old_value"], e.detail["new_value"]) for e in events] == [
        ("revenue", FULL_YEAR["revenue"], 101.5e6)
    ]


async def test_a_second_correction_records_the_value_it_replaced(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    _, caller, document = await _setup(services, gql)
    for value in (1.0, 2.0):
        await _call(
            client,
            caller,
            CORRECT,
            id=document,
            fye="2025-06-30",
            field="REVENUE",
            value=value,
            reason="again",
        )
    answer = await _call(
        client,
        caller,
        CORRECT,
        id=document,
        fye="2025-06-30",
        field="REVENUE",
        value=3.0,
        reason="third",
    )
    corrections = answer["correctDocumentFigure"]["document"]["corrections"]
    assert [(c["oldValue"], c["newValue"]) for c in corrections] == [
        (FULL_YEAR["revenue"], 1.0),
        (1.0, 2.0),
        (2.0, 3.0),
    ]


async def test_a_figure_the_document_lacks_can_be_added(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    _, caller, document = await _setup(services, gql)
    answer = await _call(
        client,
        caller,
        CORRECT,
        id=document,
        fye="2025-06-30",
        field="CASH",
        value=4e6,
        reason="note 9",
    )
    (period,) = answer["correctDocumentFigure"]["document"]["extraction"]["periods"]
    cash = next(f for f in period["fields"] if f["name"] == "CASH")
    assert period["cash"] == 4e6 and cash["value"] is None
    assert cash["corrected"]["previousValue"] is None


async def test_corrections_are_refused_with_stable_codes(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    _, caller, document = await _setup(services, gql)
    cases: list[tuple[dict[str, Any], str, list[str]]] = [
        ({"fye": "2019-06-30"}, "UNKNOWN_FISCAL_YEAR", ["fiscalYearEnd"]),
        ({"reason": "   "}, "REASON_REQUIRED", ["reason"]),
        ({"reason": "x" * 1_001}, "REASON_REQUIRED", ["reason"]),
        ({"value": 1e14}, "OUT_OF_RANGE", ["value"]),
    ]
    for changes, code, field in cases:
        variables = {
            "id": document,
            "fye": "2025-06-30",
            "field": "REVENUE",
            "value": 1.0,
            "reason": "r",
            **changes,
        }
        answer = await _call(client, caller, CORRECT, **variables)
        assert answer["correctDocumentFigure"]["userErrors"][0]["code"] == code, changes
        assert answer["correctDocumentFigure"]["userErrors"][0]["field"] == field


async def test_a_document_not_completed_cannot_be_corrected(
    services: Services, gql: GraphQLClient, client: httpx.AsyncClient
) -> None:
    from tests.fixtures.uploads import PDF_BYTES, upload

    _, caller = await bearer_for_new_organisation(services, gql)
    uploaded = await upload(client, PDF_BYTES, headers=caller)
    document = uploaded.json()["data"]["uploadDocument"]["document"]["id"]
    answer = await _call(
        client,
        caller,
        CORRECT,
        id=document,
        fye="2025-06-30",
        field="REVENUE",
        value=1.0,
        reason="too soon",
    )
    assert answer["correctDocumentFigure"]["userErrors"][0]["code"] in ("NOT_COMPLETED",)
