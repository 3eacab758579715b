"""UK- and US-style income statements (tests/fixtures/statements/foreign.py)."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_pdf_text
from documents.model import Extraction, Field, Source
from tests.fixtures.statements import foreign
from tests.fixtures.statements.truth import UK, US

F = Field


@pytest.fixture(scope="module")
def uk() -> Extraction:
    return extract_pdf_text(foreign.uk_income_statement())


@pytest.fixture(scope="module")
def us() -> Extraction:
    return extract_pdf_text(foreign.us_income_statement())


def test_uk_statement_in_pounds_million(uk: Extraction) -> None:
    """ "£m" with one decimal: turnover 1,245.6 is exactly 1,245,600,000."""
    assert (uk.currency, uk.units, uk.multiplier) == ("GBP", "£m", 1_000_000)
    assert [p.fiscal_year_end for p in uk.periods] == [date(2024, 3, 31), date(2025, 3, 31)]
    for period in uk.periods:
        assert period.fiscal_year_end is not None
        assert {n: period.value(n) for n in Field} == UK[period.fiscal_year_end]
    assert uk.issues == ()


def test_uk_wording_and_sources(uk: Extraction) -> None:
    latest = uk.periods[-1]
    sources = {f.name: f.source for f in latest.fields if f.source is not None}
    assert sources == {
        F.REVENUE: Source(1, "Turnover", "1,245.6"),
        F.EBIT: Source(1, "Operating profit", "157.9"),
        F.NET_INCOME: Source(1, "Equity holders of the parent", "105.0"),
    }


def test_without_depreciation_there_is_no_ebitda(uk: Extraction) -> None:
    ebitda = next(f for f in uk.periods[-1].fields if f.name is F.EBITDA)
    assert (ebitda.value, ebitda.formula) == (None, None)


def test_us_10k_statement_of_operations(us: Extraction) -> None:
    """Apple Inc., Form 10-K for fiscal 2024 (filed 1 November 2024), Part II Item 8,
    Consolidated Statements of Operations: total net sales $391,035m, operating income
    $123,216m, net income $93,736m for the year ended September 28, 2024."""
    assert (us.currency, us.units, us.multiplier) == ("USD", "In millions", 1_000_000)
    assert [(p.fiscal_year_end, p.column_label) for p in us.periods] == [
        (date(2022, 9, 24), "September 24, 2022"),
        (date(2023, 9, 30), "September 30, 2023"),
        (date(2024, 9, 28), "September 28, 2024"),
    ]
    for period in us.periods:
        assert period.fiscal_year_end is not None
        assert {n: period.value(n) for n in Field} == US[period.fiscal_year_end]


def test_us_sources_keep_the_dollar_sign_as_printed(us: Extraction) -> None:
    latest = {f.name: f.source for f in us.periods[-1].fields if f.source is not None}
    assert latest[F.REVENUE] == Source(1, "Total net sales", "391,035")
    assert latest[F.EBIT] == Source(1, "Operating income", "123,216")
    assert latest[F.NET_INCOME] == Source(1, "Net income", "$ 93,736")


def test_us_statement_adds_up(us: Extraction) -> None:
    """Net sales, cost of sales and operating expenses add to their totals; gross margin and net
    income follow; the share counts (in thousands) are not taken for shares on issue."""
    assert us.issues == ()
    assert all(p.value(F.SHARES_OUTSTANDING) is None for p in us.periods)
