"""Workbooks and CSV files (tests/fixtures/statements/workbooks.py): statements found by their
labels on sheets in any order, and traced to sheet, row label and cell as shown."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_workbook
from documents.model import ExtractedField, Extraction, Field, Source
from documents.spreadsheet import shown, workbook_pages
from tests.fixtures.statements import workbooks
from tests.fixtures.statements.truth import CSV, CSV_CP1252, WORKBOOK, XLSX

F = Field
FY24, FY25 = date(2024, 6, 30), date(2025, 6, 30)


@pytest.fixture(scope="module")
def book() -> Extraction:
    return extract_workbook(workbooks.xlsx(), XLSX, FY25)


def _field(extraction: Extraction, when: date, name: Field) -> ExtractedField:
    period = next(p for p in extraction.periods if p.fiscal_year_end == when)
    return next(f for f in period.fields if f.name is name)


def test_sheets_become_pages_in_workbook_order() -> None:
    sheets = workbook_pages(workbooks.xlsx())
    assert [(s.page.number, s.name) for s in sheets] == [
        (1, "Cover"),
        (2, "Cash flow"),
        (3, "Assumptions"),
        (4, "Position"),
        (5, "Summary"),
        (6, "Data"),
    ]
    assert "(19,000)" in [w.text for w in sheets[5].page.words]  # the cell as shown


@pytest.mark.parametrize("when", [FY24, FY25])
def test_every_field_to_the_unit(book: Extraction, when: date) -> None:
    period = next(p for p in book.periods if p.fiscal_year_end == when)
    assert {n: period.value(n) for n in Field} == WORKBOOK[when]


def test_fy_columns_are_dated_by_the_fiscal_year_end(book: Extraction) -> None:
    assert [(p.fiscal_year_end, p.column_label) for p in book.periods] == [
        (FY24, "FY24"),
        (FY25, "FY25"),
    ]
    assert (book.currency, book.units, book.multiplier) == ("AUD", "$'000", 1000)
    assert book.issues == ()


def test_sources_are_sheet_row_label_and_cell_as_shown(book: Extraction) -> None:
    """The untitled sheet 6 is the income statement (found by its labels); the "Summary" sheet's
    EBITDA line is not a statement, so EBITDA is derived, not read from it."""
    assert _field(book, FY25, F.REVENUE).source == Source(6, "Revenue", "48,000")
    assert _field(book, FY25, F.CASH).source == Source(4, "Cash and cash equivalents", "9,000")
    assert _field(book, FY25, F.DIVIDENDS).source == Source(2, "Dividends paid", "(880)")
    assert _field(book, FY25, F.SHARES_OUTSTANDING).source == Source(
        3, "Shares on issue", "10,000,000"
    )
    ebitda = _field(book, FY25, F.EBITDA)
    assert (ebitda.value, ebitda.stated, ebitda.formula) == (
        11_500_000,
        False,
        "ebit + depreciation_and_amortisation",
    )
    assert ebitda.source == Source(
        6,
        "Earnings before interest and tax + Depreciation and amortisation expense",
        "9,000 + (2,500)",
    )


def test_working_capital_from_the_operating_changes(book: Extraction) -> None:
    """FY25: receivables (500) and payables 200 in cash terms: an investment of 300,000."""
    change = _field(book, FY25, F.CHANGE_IN_WORKING_CAPITAL)
    assert (change.value, change.stated) == (300_000, False)
    assert change.formula == (
        "-((Increase)/decrease in trade and other receivables + "
        "Increase/(decrease) in trade and other payables)"
    )
    assert change.source is not None and change.source.raw_text == "(500) + 200"
    assert change.source.page == 2


def test_current_and_non_current_borrowing_lines_are_added(book: Extraction) -> None:
    borrowings = _field(book, FY24, F.BORROWINGS)
    assert borrowings.value == 7_000_000
    assert borrowings.source == Source(
        4, "Current borrowings + Non-current borrowings", "1,000 + 6,000"
    )


def test_without_a_fiscal_year_end_fy_columns_are_undated() -> None:
    undated = extract_workbook(workbooks.xlsx(), XLSX)
    assert [p.fiscal_year_end for p in undated.periods] == [None, None]
    assert [i.code for i in undated.issues] == ["YEAR_UNDATED", "YEAR_UNDATED"]
    assert "'FY24'" in undated.issues[0].message


def test_a_figure_differing_between_statements_is_a_conflict() -> None:
    conflicted = extract_workbook(workbooks.xlsx(conflict=True), XLSX, FY25)
    conflicts = [i for i in conflicted.issues if i.code == "CONFLICTING_FIGURES"]
    assert len(conflicts) == 1
    assert conflicts[0].message == (
        "depreciation and amortisation for 30 June 2025: 'Depreciation and amortisation expense' "
        "(2,500) (income statement, page 6) but 'Depreciation and amortisation' 2,400 (cash flow "
        "statement, page 2)"
    )
    section = [i for i in conflicted.issues if i.code == "SUBTOTAL_MISMATCH"]
    assert len(section) == 1 and "'Net cash from operating activities'" in section[0].message
    assert "7,980" in section[0].message and "8,080" in section[0].message


def test_a_formula_without_its_value_is_reported_not_read_as_blank() -> None:
    extraction = extract_workbook(workbooks.xlsx_with_uncalculated_formula(), XLSX, FY25)
    assert extraction.periods[0].value(F.REVENUE) == 1_000_000
    assert extraction.periods[0].value(F.NET_INCOME) is None
    issue = next(i for i in extraction.issues if i.code == "FORMULA_NOT_CALCULATED")
    assert (issue.page, "B5" in issue.message) == (1, True)


def test_csv_with_two_statements_utf8_with_bom() -> None:
    extraction = extract_workbook(workbooks.csv_utf8_bom(), "text/csv")
    assert (extraction.currency, extraction.units) == ("AUD", "A$'000")
    for period in extraction.periods:
        assert period.fiscal_year_end is not None
        assert {n: period.value(n) for n in Field} == CSV[period.fiscal_year_end]
    assert extraction.issues == ()
    ebit = _field(extraction, FY25, F.EBIT)
    assert ebit.formula == "profit_before_tax + finance_costs"
    assert ebit.source == Source(
        1, "Profit before income tax expense + Finance costs", "51,500 + (4,500)"
    )


def test_csv_semicolons_in_windows_1252() -> None:
    """Semicolon-separated, with "12,500" figures that fool a plain sniffer, an em dash for nil
    and accented text: the dialect and the encoding are both found."""
    sheets = workbook_pages(workbooks.csv_cp1252(), "text/csv")
    assert "Café and kitchen costs" in [w.text for w in sheets[0].page.words]
    extraction = extract_workbook(workbooks.csv_cp1252(), "text/csv")
    for period in extraction.periods:
        assert period.fiscal_year_end is not None
        assert {n: period.value(n) for n in Field} == CSV_CP1252[period.fiscal_year_end]
    assert extraction.periods[-1].fields[0].source == Source(1, "Sales revenue", "12,500")


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (-1234, '#,##0;(#,##0);"-"', "(1,234)"),
        (0, '#,##0;(#,##0);"-"', "-"),
        (1234.5, "#,##0.0", "1,234.5"),
        (-1234, "#,##0_);(#,##0)", "(1,234)"),
        (1234567, "#,##0,", "1,235"),
        (0.3, "0%", "30%"),
        (-5, "0", "-5"),
        (1500, '"$"#,##0', "$1,500"),
        (12.0, "General", "12"),
        (date(2025, 6, 30), "d/mm/yyyy", "30 June 2025"),
    ],
)
def test_cells_are_shown_as_their_number_format_shows_them(
    value: object, number_format: str, text: str
) -> None:
    assert shown(value, number_format) == text
