"""A valuation's figures taken from documents: which document's figure wins, and where each came
from.

The merge rule (the README's "Documents" section says it to callers):

1. Typed periods win: a fiscal year the caller typed in `history` is taken whole as typed, and no
   document figure of that year is used.
2. Every other year that a document gives any income-statement or cash-flow figure for becomes a
   historical year, and needs all seven of createValuation's figures (revenue, EBITDA, EBIT, net
   income, D&A, capex, change in working capital); dividends when given.
3. For one year and one figure in several documents, the newer document wins: the one whose
   latest fiscal year is later (its comparatives are restated, AASB 108 para 42), then the one
   uploaded later. A figure the newer document lacks is taken from an older one.
4. Within a document, a correction wins over the extracted value.
5. Net debt (borrowings - cash), lease liabilities and book equity (total equity), when the input
   does not type them, come from the latest fiscal year with a balance sheet (cash, borrowings,
   lease liabilities or total equity); net debt then needs both cash and borrowings, lease
   liabilities not given count as none.

Each figure used is recorded with its document, page and label (`DocumentFigureUse`), stored with
the job's input and shown in the result's `documentSources`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from contracts.document_extraction import CorrectedPeriod
from documents.model import Field

REQUIRED = (
    Field.REVENUE,
    Field.EBITDA,
    Field.EBIT,
    Field.NET_INCOME,
    Field.DEPRECIATION_AND_AMORTISATION,
    Field.CAPITAL_EXPENDITURE,
    Field.CHANGE_IN_WORKING_CAPITAL,
)
HISTORY_FIELDS = (*REQUIRED, Field.DIVIDENDS)
BALANCE_FIELDS = (Field.CASH, Field.BORROWINGS, Field.LEASE_LIABILITIES, Field.TOTAL_EQUITY)


class DocumentFigureUse(BaseModel):
    """One figure a valuation took from a document."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document_id: uuid.UUID
    fiscal_year_end: date
    field: str  # a documents.model.Field value
    value: float
    page: int | None = None
    label: str | None = None
    corrected: bool = False


@dataclass(frozen=True, slots=True)
class DocumentFigures:
    """One document's corrected periods, and what orders it among the others."""

    document_id: uuid.UUID
    created_at: datetime
    periods: list[CorrectedPeriod]

    @property
    def latest_year(self) -> date:
        years = [p.fiscal_year_end for p in self.periods if p.fiscal_year_end is not None]
        return max(years, default=date.min)


@dataclass(frozen=True, slots=True)
class Missing:
    """A required figure no document gives (and the caller did not type)."""

    fiscal_year_end: date
    field: Field


@dataclass(slots=True)
class Merged:
    # year -> figure -> the use that won
    history: dict[date, dict[Field, DocumentFigureUse]] = field(default_factory=dict)
    net_debt: float | None = None
    lease_liabilities: float | None = None
    book_equity: float | None = None
    balance_uses: list[DocumentFigureUse] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    undated: list[tuple[uuid.UUID, str]] = field(default_factory=list)  # document, column label

    def uses(self) -> list[DocumentFigureUse]:
        found = [use for year in sorted(self.history) for use in self.history[year].values()]
        return [*found, *self.balance_uses]


def _winning(
    documents: list[DocumentFigures],
) -> tuple[dict[date, dict[Field, DocumentFigureUse]], list[tuple[uuid.UUID, str]]]:
    newest_first = sorted(documents, key=lambda d: (d.latest_year, d.created_at), reverse=True)
    per_year: dict[date, dict[Field, DocumentFigureUse]] = {}
    undated: list[tuple[uuid.UUID, str]] = []
    for document in newest_first:
        for period in document.periods:
            year = period.fiscal_year_end
            if year is None:
                if any(f.value is not None for f in period.figures):
                    undated.append((document.document_id, period.column_label))
                continue
            for figure in period.figures:
                value = figure.value
                if value is None:
                    continue
                per_year.setdefault(year, {}).setdefault(
                    figure.name,
                    DocumentFigureUse(
                        document_id=document.document_id,
                        fiscal_year_end=year,
                        field=figure.name.value,
                        value=value,
                        page=figure.page,
                        label=figure.label,
                        corrected=figure.correction is not None,
                    ),
                )
    return per_year, undated


def merge(
    documents: list[DocumentFigures],
    typed_years: set[date],
    *,
    net_debt_typed: bool,
    leases_typed: bool,
    book_equity_typed: bool,
) -> Merged:
    per_year, undated = _winning(documents)
    merged = Merged(undated=undated)
    for year in sorted(per_year):
        figures = per_year[year]
        if year in typed_years or not any(name in figures for name in HISTORY_FIELDS):
            continue
        merged.history[year] = {n: figures[n] for n in HISTORY_FIELDS if n in figures}
        merged.missing.extend(Missing(year, n) for n in REQUIRED if n not in figures)
    balance_years = [y for y in per_year if any(n in per_year[y] for n in BALANCE_FIELDS)]
    if not balance_years:
        if not net_debt_typed:
            latest = max(per_year, default=None)
            if latest is not None:
                merged.missing.append(Missing(latest, Field.BORROWINGS))
        return merged
    latest = max(balance_years)
    sheet = per_year[latest]
    if not net_debt_typed:
        cash, borrowings = sheet.get(Field.CASH), sheet.get(Field.BORROWINGS)
        if cash is None or borrowings is None:
            merged.missing.extend(
                Missing(latest, name)
                for name, use in ((Field.BORROWINGS, borrowings), (Field.CASH, cash))
                if use is None
            )
        else:
            merged.net_debt = borrowings.value - cash.value
            merged.balance_uses.extend((borrowings, cash))
    if not leases_typed:
        leases = sheet.get(Field.LEASE_LIABILITIES)
        merged.lease_liabilities = leases.value if leases is not None else 0.0
        if leases is not None:
            merged.balance_uses.append(leases)
    if not book_equity_typed:
        equity = sheet.get(Field.TOTAL_EQUITY)
        if equity is not None:
            merged.book_equity = equity.value
            merged.balance_uses.append(equity)
    return merged
