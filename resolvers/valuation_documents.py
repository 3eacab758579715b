"""createValuation's `documentIds`: the input completed from the organisation's documents, by the
merge rule of contracts/document_figures.py, or the refusals that say which document, field and
year stand in the way."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass

from contracts.document_figures import DocumentFigures, DocumentFigureUse, merge
from contracts.document_job import DocumentStatus
from documents.model import Field
from jobs import documents as jobs
from resolvers.valuation_input_errors import error
from schema.context import Info
from schema.ids import decode_id
from schema.types.valuation import ValuationInputWarning
from schema.types.valuation_inputs import FinancialPeriodInput, ValuationInput
from schema.types.valuation_payloads import CreateValuationError

MAX_DOCUMENTS = 10
_LABELS = {
    Field.REVENUE: "revenue",
    Field.EBITDA: "EBITDA",
    Field.EBIT: "EBIT",
    Field.NET_INCOME: "net income",
    Field.DEPRECIATION_AND_AMORTISATION: "depreciation and amortisation",
    Field.CAPITAL_EXPENDITURE: "capital expenditure",
    Field.CHANGE_IN_WORKING_CAPITAL: "change in working capital",
    Field.CASH: "cash",
    Field.BORROWINGS: "borrowings",
}


@dataclass(frozen=True, slots=True)
class Completed:
    """The input with the documents' figures in, the figures used, and what to look at."""

    input: ValuationInput
    uses: list[DocumentFigureUse]
    warnings: list[ValuationInputWarning]


def without_documents(data: ValuationInput) -> ValuationInput | CreateValuationError:
    """An input that names no document: net debt is required, leases default to none."""
    if data.net_debt is None:
        return error(("netDebt",), "REQUIRED", "Net debt is required unless documentIds is given.")
    if data.lease_liabilities is None:
        return dataclasses.replace(data, lease_liabilities=0.0)
    return data


async def with_documents(
    info: Info, data: ValuationInput
) -> Completed | list[CreateValuationError]:
    given = data.document_ids or []
    if len(given) > MAX_DOCUMENTS:
        return [error(("documentIds",), "TOO_MANY", f"At most {MAX_DOCUMENTS} documents.")]
    ids: list[uuid.UUID | None] = [decode_id("Document", i) for i in given]
    refusals: list[CreateValuationError] = []
    seen: set[uuid.UUID] = set()
    for index, document_id in enumerate(ids):
        if document_id is not None and document_id in seen:
            refusals.append(
                error(("documentIds", str(index)), "DUPLICATE_DOCUMENT", "Listed twice.")
            )
        if document_id is not None:
            seen.add(document_id)
    services = info.context.services
    organisation_id = info.context.principal.organisation_id
    rows = {}
    for document_id in seen:
        row = await jobs.owned_document(services, organisation_id, document_id)
        if row is not None:
            rows[document_id] = row
    for index, document_id in enumerate(ids):
        row = rows.get(document_id) if document_id is not None else None
        path = ("documentIds", str(index))
        if row is None:
            # Another organisation's document reads exactly like one that does not exist.
            refusals.append(error(path, "DOCUMENT_NOT_FOUND", "No document of yours has this ID."))
        elif row.status != DocumentStatus.COMPLETED.value:
            refusals.append(
                error(
                    path, "DOCUMENT_NOT_COMPLETED", f"The document is {row.status}, not COMPLETED."
                )
            )
        elif row.extraction and (row.extraction.get("currency") or "AUD") != "AUD":
            currency = row.extraction.get("currency")
            refusals.append(
                error(
                    path,
                    "DOCUMENT_CURRENCY",
                    f"Its figures are in {currency}; valuations are in AUD.",
                )
            )
    if refusals:
        return refusals
    documents = list(rows.values())
    corrections = await jobs.corrections_for(services, documents)
    figures = [
        DocumentFigures(d.id, d.created_at, jobs.corrected_periods(d, corrections.get(d.id, [])))
        for d in documents
    ]
    merged = merge(
        figures,
        {p.fiscal_year_end for p in data.history},
        net_debt_typed=data.net_debt is not None,
        leases_typed=data.lease_liabilities is not None,
        book_equity_typed=data.book_equity is not None,
    )
    if merged.missing:
        return [
            error(
                ("documentIds",),
                "DOCUMENT_FIELD_MISSING",
                f"{_LABELS.get(m.field, m.field.value)} for the year ending {m.fiscal_year_end} "
                "is in none of the documents: type that year in `history` (or net debt in "
                "`netDebt`), or add it with correctDocumentFigure.",
            )
            for m in merged.missing
        ]
    history = sorted(
        [*data.history, *(_period(year, found) for year, found in merged.history.items())],
        key=lambda p: p.fiscal_year_end,
    )
    completed = dataclasses.replace(
        data,
        history=history,
        net_debt=data.net_debt if data.net_debt is not None else merged.net_debt,
        lease_liabilities=data.lease_liabilities
        if data.lease_liabilities is not None
        else merged.lease_liabilities or 0.0,
        book_equity=data.book_equity if data.book_equity is not None else merged.book_equity,
    )
    warnings = [
        ValuationInputWarning(
            field=["documentIds"],
            code="DOCUMENT_PERIOD_UNDATED",
            message=f"The column '{label}' of a document has no fiscal year end and was left "
            "out; upload it again with fiscalYearEnd to use it.",
        )
        for _, label in merged.undated
    ]
    return Completed(completed, merged.uses(), warnings)


def _period(year: object, found: dict[Field, DocumentFigureUse]) -> FinancialPeriodInput:
    values = {name.value: use.value for name, use in found.items()}
    return FinancialPeriodInput(fiscal_year_end=year, **values)  # type: ignore[arg-type]
