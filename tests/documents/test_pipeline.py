"""The pipeline end to end on real bytes: a scanned statement through OCR and the statement
reader, a mixed PDF OCR'd only where it has no text, and a workbook."""

from __future__ import annotations

from datetime import date

from documents.model import Field
from documents.pipeline import extract_document
from tests.fixtures.scans import mixed_pdf, scanned_statement_pdf

YEAR_END = date(2025, 6, 30)


def test_a_scanned_income_statement_is_read_to_the_dollar() -> None:
    """The fixture's true figures (tests/fixtures/scans.py), in $'000: revenue 125,400 and 118,250,
    profit for the year 18,330 and (2,140), operating profit 26,295 and 2,450."""
    progress: list[tuple[int, int]] = []
    extraction = extract_document(
        scanned_statement_pdf(), "application/pdf", YEAR_END, lambda d, n: progress.append((d, n))
    )
    periods = {p.fiscal_year_end: p for p in extraction.periods}
    latest, prior = periods[YEAR_END], periods[date(2024, 6, 30)]
    assert latest.value(Field.REVENUE) == 125_400_000
    assert prior.value(Field.REVENUE) == 118_250_000
    assert latest.value(Field.NET_INCOME) == 18_330_000
    assert prior.value(Field.NET_INCOME) == -2_140_000
    assert latest.value(Field.EBIT) == 26_295_000
    revenue = next(f for f in latest.fields if f.name is Field.REVENUE)
    assert revenue.source is not None and revenue.source.page == 1
    assert 0 < revenue.confidence <= 1
    assert progress == [(1, 1)]


def test_a_mixed_pdf_is_read_from_its_text_and_its_scans() -> None:
    extraction = extract_document(mixed_pdf(), "application/pdf", YEAR_END)
    values = [p.value(Field.REVENUE) for p in extraction.periods]
    assert 125_400_000 in values
