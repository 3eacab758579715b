"""The extraction stage's entry points: a document's bytes (or the OCR stage's pages) in, an
`Extraction` out: each field per period with its confidence and source, and every doubt as an
issue. Nothing here does I/O; the upload job calls these with the bytes it holds.

The extraction's currency is the primary statements' (units.py states the rule); its units and
multiplier are theirs when they agree, else the income statement's, with an UNITS_UNCLEAR issue
(each figure is multiplied by its own statement's units either way).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from documents.mapping import extracted_periods, map_tables
from documents.model import Extraction, Issue, PageText
from documents.pdf_text import pdf_pages
from documents.spreadsheet import workbook_pages
from documents.statements import Statements, read_statements
from documents.table import StatementKind
from documents.validation import validate


def _extraction(statements: Statements, extra: Sequence[Issue] = ()) -> Extraction:
    tables = statements.tables
    primary = [t for t in tables if t.kind is not StatementKind.OTHER]
    if not primary:
        issue = Issue(
            "NO_STATEMENTS_FOUND",
            "no income statement, balance sheet or cash-flow statement with year columns was found",
        )
        return Extraction(None, None, 1.0, (), (*statements.issues, *extra, issue))
    mapped = map_tables(tables)
    currencies = Counter(t.currency for t in primary if t.currency is not None)
    first = primary[0]
    return Extraction(
        currency=currencies.most_common(1)[0][0] if currencies else None,
        units=first.units.printed,
        multiplier=float(first.units.multiplier),
        periods=extracted_periods(mapped),
        issues=(*statements.issues, *extra, *validate(tables, mapped)),
    )


def extract_pages(pages: Sequence[PageText], fiscal_year_end: date | None = None) -> Extraction:
    """Figures from pages of words: a text PDF's or the OCR stage's. `fiscal_year_end` dates
    columns headed only by a year (periods.py)."""
    return _extraction(read_statements(pages, fiscal_year_end))


def extract_pdf_text(data: bytes, fiscal_year_end: date | None = None) -> Extraction:
    """Figures from a text PDF (an annual report as published, not a scan)."""
    return extract_pages(pdf_pages(data), fiscal_year_end)


def extract_workbook(
    data: bytes, media_type: str, fiscal_year_end: date | None = None
) -> Extraction:
    """Figures from an XLSX workbook or a CSV file (`media_type` says which)."""
    sheets = workbook_pages(data, media_type)
    names = {sheet.page.number: sheet.name for sheet in sheets}
    statements = read_statements([sheet.page for sheet in sheets], fiscal_year_end, names)
    uncalculated = [
        Issue(
            "FORMULA_NOT_CALCULATED",
            f"sheet '{sheet.name}' has formulas saved without their values ("
            f"{', '.join(sheet.uncalculated[:5])}{', ...' if len(sheet.uncalculated) > 5 else ''}"
            "): open and save the workbook in a spreadsheet program so that they are calculated",
            sheet.page.number,
        )
        for sheet in sheets
        if sheet.uncalculated
    ]
    return _extraction(statements, uncalculated)
