"""An Australian annual report's statements (tests/fixtures/statements/australian.py), read from
its text PDF: every field to the unit, where each came from, what is derived and how, and what the
checks say."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_pdf_text
from documents.model import ExtractedField, ExtractedPeriod, Extraction, Field, Source
from documents.pdf_text import page_count, pdf_pages
from tests.fixtures.statements import australian
from tests.fixtures.statements.truth import AUSTRALIAN

F = Field
FY24, FY25 = date(2024, 6, 30), date(2025, 6, 30)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract_pdf_text(australian.report())


@pytest.fixture(scope="module")
def flawed() -> Extraction:
    return extract_pdf_text(australian.report(flawed=True))


def _period(extraction: Extraction, when: date) -> ExtractedPeriod:
    return next(p for p in extraction.periods if p.fiscal_year_end == when)


def _field(extraction: Extraction, when: date, name: Field) -> ExtractedField:
    return next(f for f in _period(extraction, when).fields if f.name is name)


def test_the_pdf_has_six_pages_of_words_with_positions() -> None:
    data = australian.report()
    pages = pdf_pages(data)
    assert page_count(data) == len(pages) == 6
    revenue = next(w for w in pages[2].words if w.text == "250,000")
    assert (revenue.confidence, pages[2].ocr) == (1.0, False)
    assert revenue.x1 == pytest.approx(440.0, abs=0.5)  # right-aligned under "2025"


def test_currency_units_and_periods(extraction: Extraction) -> None:
    assert (extraction.currency, extraction.units, extraction.multiplier) == ("AUD", "$'000", 1000)
    assert [(p.fiscal_year_end, p.column_label) for p in extraction.periods] == [
        (FY24, "2024"),
        (FY25, "2025"),
    ]


@pytest.mark.parametrize("when", [FY24, FY25])
def test_every_field_to_the_unit(extraction: Extraction, when: date) -> None:
    """Revenue 250,000, EBIT 56,000, NPAT 36,400 ... $'000 for 2025; change in working capital
    is None: a direct-method cash-flow statement gives no reconciliation."""
    period = _period(extraction, when)
    assert {name: period.value(name) for name in Field} == AUSTRALIAN[when]


def test_stated_figures_carry_page_label_and_raw_text(extraction: Extraction) -> None:
    expected = {
        F.REVENUE: Source(3, "Revenue from contracts with customers", "250,000"),
        F.NET_INCOME: Source(
            3,
            "Profit for the year attributable to the owners of Kookaburra Foods Limited",
            "36,400",
        ),
        F.DEPRECIATION_AND_AMORTISATION: Source(
            3, "Depreciation and amortisation expense", "(12,000)"
        ),
        F.CASH: Source(4, "Cash and cash equivalents", "28,000"),
        F.TOTAL_ASSETS: Source(4, "Total assets", "260,000"),
        F.TOTAL_LIABILITIES: Source(4, "Total liabilities", "115,000"),
        F.TOTAL_EQUITY: Source(4, "Total equity", "145,000"),
        F.CAPITAL_EXPENDITURE: Source(5, "Payments for property, plant and equipment", "(21,000)"),
        F.DIVIDENDS: Source(5, "Dividends paid", "(17,000)"),
        F.SHARES_OUTSTANDING: Source(6, "Ordinary shares on issue - fully paid", "120,000,000"),
    }
    for name, source in expected.items():
        field = _field(extraction, FY25, name)
        assert (field.source, field.stated, field.formula, field.confidence) == (
            source,
            True,
            None,
            1.0,
        ), name


def test_ebit_is_derived_from_profit_before_tax_and_finance_costs(extraction: Extraction) -> None:
    """No EBIT line: EBIT = PBT 52,000 + finance costs 4,500 - finance income 500 = 56,000."""
    ebit = _field(extraction, FY25, F.EBIT)
    assert (ebit.value, ebit.stated) == (56_000_000, False)
    assert ebit.formula == "profit_before_tax + finance_costs - finance_income"
    assert ebit.source == Source(
        3,
        "Profit before income tax expense + Finance costs - Finance income",
        "52,000 + (4,500) - 500",
    )


def test_ebitda_is_ebit_plus_depreciation_and_amortisation(extraction: Extraction) -> None:
    ebitda = _field(extraction, FY25, F.EBITDA)
    assert (ebitda.value, ebitda.stated) == (68_000_000, False)
    assert ebitda.formula == "ebit + depreciation_and_amortisation"
    assert ebitda.source is not None and ebitda.source.raw_text.endswith("+ (12,000)")


def test_current_and_non_current_borrowings_and_leases_are_added(extraction: Extraction) -> None:
    borrowings = _field(extraction, FY25, F.BORROWINGS)
    leases = _field(extraction, FY24, F.LEASE_LIABILITIES)
    assert (borrowings.value, borrowings.stated) == (50_000_000, False)
    assert borrowings.source == Source(
        4, "Borrowings (current) + Borrowings (non-current)", "5,000 + 45,000"
    )
    assert borrowings.formula == "borrowings (current) + borrowings (non-current)"
    assert leases.value == 29_000_000
    assert leases.source is not None and leases.source.raw_text == "4,000 + 25,000"


def test_a_figure_the_document_lacks_is_none(extraction: Extraction) -> None:
    missing = _field(extraction, FY25, F.CHANGE_IN_WORKING_CAPITAL)
    assert (missing.value, missing.source, missing.confidence) == (None, None, 0.0)


def test_the_clean_report_warns_only_of_expenses_net_of_other_income(
    extraction: Extraction,
) -> None:
    """Total expenses (194,000) is printed net of other income 3,000: the four expense lines add
    to (197,000). A warning naming both numbers, not a rejection."""
    assert [i.code for i in extraction.issues] == ["SUBTOTAL_MISMATCH", "SUBTOTAL_MISMATCH"]
    first = extraction.issues[0]
    assert first.page == 3
    assert "(194,000)" in first.message and "(197,000)" in first.message
    assert "'Other income' (3,000)" in first.message
    assert "(182,500)" in extraction.issues[1].message


def test_an_unbalanced_balance_sheet_is_reported_with_both_numbers(flawed: Extraction) -> None:
    issues = [i for i in flawed.issues if i.code == "BALANCE_SHEET_DOES_NOT_BALANCE"]
    assert len(issues) == 1
    assert issues[0].page == 4
    assert "total assets are 260,000" in issues[0].message
    assert "115,000 plus total equity 146,000 are 261,000" in issues[0].message


def test_cash_that_does_not_roll_forward_is_reported(flawed: Extraction) -> None:
    """2024: opening 15,000 + increase 5,000 = 20,000, but closing cash is printed as 21,000."""
    issues = [i for i in flawed.issues if i.code == "CASH_ROLL_FORWARD"]
    assert [(i.page, "30 June 2024" in i.message) for i in issues] == [(5, True)]
    assert "15,000 + net change 5,000 = 20,000" in issues[0].message
    assert "21,000" in issues[0].message


def test_conflicting_cash_figures_name_both_and_their_pages(flawed: Extraction) -> None:
    conflicts = [i.message for i in flawed.issues if i.code == "CONFLICTING_FIGURES"]
    assert len(conflicts) == 3
    closing = next(m for m in conflicts if m.startswith("cash at 30 June 2025"))
    assert "28,000 (balance sheet, page 4)" in closing
    assert "28,400 (cash flow statement, page 5)" in closing
    assert "bank overdraft" in closing
    opening = [m for m in conflicts if "opening cash of the period to 30 June 2025" in m]
    assert len(opening) == 2
    assert all("21,400 (cash flow statement, page 5)" in m for m in opening)


def test_the_flawed_figures_are_still_extracted_as_printed(flawed: Extraction) -> None:
    assert _period(flawed, FY25).value(F.TOTAL_EQUITY) == 146_000_000
    assert _period(flawed, FY25).value(F.CASH) == 28_000_000


def test_the_contents_page_is_not_a_statement(extraction: Extraction) -> None:
    pages = {f.source.page for p in extraction.periods for f in p.fields if f.source}
    assert pages == {3, 4, 5, 6}


def test_bare_years_without_a_date_or_units_are_reported() -> None:
    undated = extract_pdf_text(australian.undated_statement())
    codes = sorted(i.code for i in undated.issues)
    assert codes == ["UNITS_UNCLEAR", "YEAR_UNDATED", "YEAR_UNDATED"]
    assert [p.fiscal_year_end for p in undated.periods] == [None, None]
    assert [p.value(F.REVENUE) for p in undated.periods] == [1_100_000, 1_250_000]
    assert (undated.units, undated.multiplier, undated.currency) == (None, 1.0, None)


def test_the_fiscal_year_end_dates_bare_years() -> None:
    dated = extract_pdf_text(australian.undated_statement(), date(2025, 6, 30))
    assert [p.fiscal_year_end for p in dated.periods] == [FY24, FY25]
    assert [i.code for i in dated.issues] == ["UNITS_UNCLEAR"]
