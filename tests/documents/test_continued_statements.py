"""A statement continued onto the next page without its title is read as one statement; a page
that follows a statement without continuing it (a note, another statement) is not glued on.

The fixtures (tests/fixtures/statements/continued.py) split the Australian fixture's balance sheet
before "Non-current liabilities": total assets 260,000 ($'000, 2025) on page 2; total liabilities
115,000 and total equity 145,000 on page 3; borrowings 5,000 current (page 2) + 45,000
non-current (page 3) = 50,000."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_pdf_text
from documents.model import ExtractedField, Extraction, Field, Source
from documents.pdf_text import pdf_pages
from documents.statements import read_statements
from documents.table import StatementKind
from tests.fixtures.statements import continued
from tests.fixtures.statements.continued import Continuation
from tests.fixtures.statements.truth import AUSTRALIAN

F = Field
K = StatementKind
FY24, FY25 = date(2024, 6, 30), date(2025, 6, 30)


def _field(extraction: Extraction, when: date, name: Field) -> ExtractedField:
    period = next(p for p in extraction.periods if p.fiscal_year_end == when)
    return next(f for f in period.fields if f.name is name)


@pytest.fixture(scope="module", params=list(Continuation), ids=lambda c: c.name.lower())
def split(request: pytest.FixtureRequest) -> Extraction:
    return extract_pdf_text(continued.split_balance_sheet(request.param))


@pytest.mark.parametrize("when", [FY24, FY25])
def test_every_field_to_the_unit_as_if_on_one_page(split: Extraction, when: date) -> None:
    period = next(p for p in split.periods if p.fiscal_year_end == when)
    assert {name: period.value(name) for name in Field} == AUSTRALIAN[when]


def test_each_total_comes_from_its_own_page(split: Extraction) -> None:
    sources = {
        name: _field(split, FY25, name).source
        for name in (F.TOTAL_ASSETS, F.TOTAL_LIABILITIES, F.TOTAL_EQUITY, F.LEASE_LIABILITIES)
    }
    assert sources == {
        F.TOTAL_ASSETS: Source(2, "Total assets", "260,000"),
        F.TOTAL_LIABILITIES: Source(3, "Total liabilities", "115,000"),
        F.TOTAL_EQUITY: Source(3, "Total equity", "145,000"),
        F.LEASE_LIABILITIES: Source(
            2,
            "Lease liabilities (current) + Lease liabilities (non-current) (page 3)",
            "4,000 + 23,000",
        ),
    }


def test_borrowings_add_their_current_and_non_current_parts_across_the_pages(
    split: Extraction,
) -> None:
    borrowings = _field(split, FY25, F.BORROWINGS)
    assert (borrowings.value, borrowings.stated) == (50_000_000, False)
    assert borrowings.source == Source(
        2, "Borrowings (current) + Borrowings (non-current) (page 3)", "5,000 + 45,000"
    )
    assert borrowings.formula == "borrowings (current) + borrowings (non-current)"


def test_the_balance_check_passes_across_the_pages(split: Extraction) -> None:
    """The only issues are the income statement's two warnings (the clean Australian report's):
    the balance sheet balances and its totals add up although they are on two pages."""
    assert [(i.code, i.page) for i in split.issues] == [
        ("SUBTOTAL_MISMATCH", 1),
        ("SUBTOTAL_MISMATCH", 1),
    ]


@pytest.mark.parametrize("form", list(Continuation), ids=lambda c: c.name.lower())
def test_a_balance_sheet_that_does_not_balance_across_its_pages_is_reported(
    form: Continuation,
) -> None:
    """Total assets 260,000 (page 2) against total liabilities 115,000 plus total equity 146,000
    (page 3): 261,000. Read as two tables, the check could not see either side's other page."""
    extraction = extract_pdf_text(continued.split_balance_sheet(form, unbalanced=True))
    issues = [i for i in extraction.issues if i.code == "BALANCE_SHEET_DOES_NOT_BALANCE"]
    assert len(issues) == 1
    assert "total assets are 260,000" in issues[0].message
    assert "115,000 plus total equity 146,000 are 261,000" in issues[0].message


def test_the_continued_statement_is_one_table_with_each_line_on_its_page() -> None:
    pages = pdf_pages(continued.split_balance_sheet(Continuation.BARE))
    tables = read_statements(pages).tables
    assert [(t.kind, t.page) for t in tables] == [
        (K.INCOME, 1),
        (K.BALANCE, 2),
        (K.CASH_FLOW, 4),
        (K.OTHER, 5),
    ]
    balance = tables[1]
    by_label = {line.label: line for line in balance.lines if line.has_figures}
    assert by_label["Total assets"].page == 2
    assert by_label["Total equity"].page == 3
    non_current = [line for line in balance.lines if line.page == 3 and line.has_figures]
    assert non_current[0].label == "Borrowings"
    assert non_current[0].section == "Non-current liabilities"


@pytest.mark.parametrize("note_heading", [True, False], ids=["note heading", "prose"])
def test_a_note_with_year_columns_after_the_cash_flows_is_not_glued_on(
    note_heading: bool,
) -> None:
    """A dividends note (page 2) under the same "2025 / 2024" columns as the cash-flow statement
    (page 1), headed "Note 21. Dividends" or opened by prose: its own table, not the statement's
    last lines (its "Total dividends paid" 17,000 would otherwise stand among the cash flows)."""
    pages = pdf_pages(continued.note_after_cash_flows(note_heading))
    tables = read_statements(pages).tables
    assert [(t.kind, t.page) for t in tables] == [(K.CASH_FLOW, 1), (K.OTHER, 2)]
    assert {line.page for line in tables[0].lines} == {1}
    assert [line.label for line in tables[1].lines][-1] == "Total dividends paid"


@pytest.mark.parametrize("titled", [True, False], ids=["titled", "untitled"])
def test_the_statement_of_changes_in_equity_does_not_continue_the_balance_sheet(
    titled: bool,
) -> None:
    """Its last two columns sit under the balance sheet's year columns, but it is another
    statement: by its title, or, untitled, by its four columns of figures where the balance
    sheet has two. The balance sheet keeps its own figures (total equity 145,000)."""
    data = continued.changes_in_equity_after_balance_sheet(titled)
    tables = read_statements(pdf_pages(data)).tables
    assert [(t.kind, t.page) for t in tables] == [(K.BALANCE, 1)]
    assert {line.page for line in tables[0].lines} == {1}
    extraction = extract_pdf_text(data)
    assert _field(extraction, FY25, F.TOTAL_EQUITY).value == 145_000_000
    assert _field(extraction, FY24, F.TOTAL_EQUITY).value == 123_400_000
