"""The merge rule of a valuation's figures from documents (contracts/document_figures.py)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from contracts.document_extraction import Correction, StoredExtraction, apply_corrections
from contracts.document_figures import DocumentFigures, Merged, Missing, merge
from documents.model import ExtractedPeriod, Field
from tests.fixtures.uploads import BALANCE, FULL_YEAR, statements, year

FY24, FY25 = date(2024, 6, 30), date(2025, 6, 30)
NOW = datetime(2025, 9, 1, tzinfo=UTC)


def _document(
    *periods: ExtractedPeriod,
    created_at: datetime = NOW,
    corrections: Sequence[Correction] = (),
) -> DocumentFigures:
    stored = StoredExtraction.of(statements(*periods))
    return DocumentFigures(uuid.uuid4(), created_at, apply_corrections(stored, list(corrections)))


def _merge(
    documents: list[DocumentFigures], typed: Sequence[date] = (), **typed_flags: bool
) -> Merged:
    flags = {"net_debt_typed": False, "leases_typed": False, "book_equity_typed": False}
    return merge(documents, set(typed), **{**flags, **typed_flags})


def test_every_document_year_becomes_history_and_net_debt_is_borrowings_less_cash() -> None:
    merged = _merge([_document(year(FY24, **FULL_YEAR), year(FY25, **FULL_YEAR, **BALANCE))])
    assert sorted(merged.history) == [FY24, FY25]
    assert merged.net_debt == 30e6 - 12e6
    assert merged.lease_liabilities == 6e6
    assert merged.book_equity == 55e6
    assert merged.missing == []


def test_a_typed_year_wins_over_the_documents() -> None:
    merged = _merge([_document(year(FY24, **FULL_YEAR), year(FY25, **FULL_YEAR))], typed=[FY25])
    assert sorted(merged.history) == [FY24]


def test_the_newer_document_wins_a_year_both_give_and_the_older_fills_its_gaps() -> None:
    older = _document(
        year(FY24, **{**FULL_YEAR, "revenue": 90e6}), created_at=NOW - timedelta(days=400)
    )
    restated = {k: v for k, v in FULL_YEAR.items() if k != "capital_expenditure"}
    newer = _document(year(FY24, **{**restated, "revenue": 95e6}), year(FY25, **FULL_YEAR))
    merged = _merge([older, newer])
    fy24 = merged.history[FY24]
    assert (
        fy24[Field.REVENUE].value == 95e6 and fy24[Field.REVENUE].document_id == newer.document_id
    )
    assert fy24[Field.CAPITAL_EXPENDITURE].document_id == older.document_id


def test_a_correction_wins_within_its_document() -> None:
    correction = Correction(FY25, Field.REVENUE, 100e6, 101e6, "typo on p.3", "cfo@x.au", NOW)
    merged = _merge([_document(year(FY25, **FULL_YEAR), corrections=[correction])])
    use = merged.history[FY25][Field.REVENUE]
    assert use.value == 101e6 and use.corrected


def test_a_missing_required_figure_is_named_with_its_year() -> None:
    partial = {k: v for k, v in FULL_YEAR.items() if k != "ebit"}
    merged = _merge([_document(year(FY25, **partial, **BALANCE))])
    assert merged.missing == [Missing(FY25, Field.EBIT)]


def test_net_debt_needs_cash_and_borrowings_of_the_latest_balance_sheet() -> None:
    merged = _merge([_document(year(FY25, **FULL_YEAR, cash=5e6))])
    assert merged.missing == [Missing(FY25, Field.BORROWINGS)]
    typed = _merge([_document(year(FY25, **FULL_YEAR, cash=5e6))], net_debt_typed=True)
    assert typed.missing == [] and typed.net_debt is None


def test_a_year_with_only_a_balance_sheet_is_not_a_historical_year() -> None:
    merged = _merge([_document(year(FY24, **BALANCE), year(FY25, **FULL_YEAR, **BALANCE))])
    assert sorted(merged.history) == [FY25]


def test_every_figure_used_carries_its_document_and_page() -> None:
    document = _document(year(FY25, **FULL_YEAR, **BALANCE))
    uses = _merge([document]).uses()
    assert {u.field for u in uses} == {*FULL_YEAR, *BALANCE}
    assert all(u.document_id == document.document_id and u.page == 3 for u in uses)
