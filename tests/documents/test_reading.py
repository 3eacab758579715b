"""How printed figures, units, currencies and period headings are read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.numbers import format_amount, is_note_reference, parse_amount
from documents.periods import date_columns, parse_heading, period_end_stated
from documents.table import Column
from documents.units import document_cues, document_currency, read_units


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("1,234", Decimal(1234), 0),
        ("(1,234)", Decimal(-1234), 0),
        ("-1,234", Decimal(-1234), 0),
        ("( 1,234 )", Decimal(-1234), 0),
        ("$ 391,035", Decimal(391035), 0),
        ("($1,200)", Decimal(-1200), 0),
        ("A$1,245.6", Decimal("1245.6"), 1),
        ("1,245.6", Decimal("1245.6"), 1),
        ("30.5", Decimal("30.5"), 1),
        ("-", Decimal(0), 0),
        ("—", Decimal(0), 0),
        ("–", Decimal(0), 0),
        ("nil", Decimal(0), 0),
        ("12,000*", Decimal(12000), 0),
        ("1 234 567".replace(" ", "\u202f"), Decimal(1234567), 0),
    ],
)
def test_parse_amount_reads_the_forms_statements_print(
    text: str, value: Decimal, decimals: int
) -> None:
    assert parse_amount(text) == (value, decimals)


@pytest.mark.parametrize("text", ["Revenue", "(1,234", "1,234)", "12%", "n/a", "", "$'000"])
def test_parse_amount_refuses_what_is_not_a_figure(text: str) -> None:
    assert parse_amount(text) is None


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=2))
def test_format_then_parse_gives_the_figure_back(units: int, decimals: int) -> None:
    value = Decimal(units).scaleb(-decimals)
    assert parse_amount(format_amount(value, decimals)) == (value, decimals)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("5", True),
        ("12(a)", True),
        ("3.2", True),
        ("4, 5", True),
        ("2025", False),
        ("1,234", False),
    ],
)
def test_note_references_are_small_numbers(text: str, note: bool) -> None:
    assert is_note_reference(text) is note


@pytest.mark.parametrize(
    ("header", "printed", "multiplier"),
    [
        ("Note 2025 2024 $'000 $'000", "$'000", 1000),
        ("2025 $000 2024 $000", "$000", 1000),
        ("2025 £m 2024 £m", "£m", 1_000_000),
        ("A$m", "A$m", 1_000_000),
        ("US$'000", "US$'000", 1000),
        ("$ million", "$ million", 1_000_000),
        ("(in thousands, except per share data)", "in thousands", 1000),
        ("2025 $ 2024 $", "$", 1),
    ],
)
def test_units_come_from_the_header(header: str, printed: str, multiplier: int) -> None:
    units = read_units(header)
    assert (units.printed, units.multiplier, units.doubt) == (printed, Decimal(multiplier), None)


def test_a_us_header_s_exception_for_shares_is_not_the_statement_s_units() -> None:
    """Apple Inc., Form 10-K 2024, Item 8: "(In millions, except number of shares, which are
    reflected in thousands, and per-share amounts)"."""
    units = read_units(
        "(In millions, except number of shares, which are reflected in thousands, and per-share "
        "amounts)"
    )
    assert (units.multiplier, units.share_multiplier) == (Decimal(1_000_000), Decimal(1000))
    assert units.doubt is None


def test_a_header_without_units_is_whole_units_and_in_doubt() -> None:
    units = read_units("Statement of profit or loss 2025 2024")
    assert (units.printed, units.multiplier) == (None, Decimal(1))
    assert units.doubt == "the header states no units"


def test_two_units_in_one_header_are_in_doubt() -> None:
    assert read_units("$'000 and $m").doubt == "the header states $'000, $m"


@pytest.mark.parametrize(
    ("header", "document", "currency"),
    [
        ("A$'000", "", "AUD"),
        ("US$m", "ABN 12 345 678 901", "USD"),
        ("£m", "", "GBP"),
        ("$'000", "Australian Accounting Standards (AASB)", "AUD"),
        ("$", "Annual report on Form 10-K, Securities and Exchange Commission", "USD"),
        ("$'000", "", "AUD"),
        ("'000", "", None),
        ("'000", "Corporations Act 2001", "AUD"),
    ],
)
def test_currency_rule(header: str, document: str, currency: str | None) -> None:
    """A stated code or sign wins; a bare $ (or no sign) follows the document's Australian or US
    cues; a bare $ with neither is AUD; no sign and no cue is unknown (documents/units.py)."""
    assert document_currency(header, document_cues(document)) == currency


@pytest.mark.parametrize(
    ("text", "year", "dated"),
    [
        ("2025", 2025, None),
        ("FY25", 2025, None),
        ("FY2024", 2024, None),
        ("2024/25", 2025, None),
        ("2024-25", 2025, None),
        ("2025 $'000", 2025, None),
        ("2024 Restated", 2024, None),
        ("30 June 2025", 2025, date(2025, 6, 30)),
        ("30 Jun 2025", 2025, date(2025, 6, 30)),
        ("September 28, 2024", 2024, date(2024, 9, 28)),
        ("31/12/2024", 2024, date(2024, 12, 31)),
        ("2025-06-30", 2025, date(2025, 6, 30)),
    ],
)
def test_period_headings(text: str, year: int, dated: date | None) -> None:
    heading = parse_heading(text)
    assert heading is not None
    assert (heading.year, heading.fiscal_year_end) == (year, dated)


@pytest.mark.parametrize(
    "text", ["For the year ended 30 June 2025", "Revenue 2025", "Note", "2024/27", "Balance"]
)
def test_phrases_that_are_not_only_a_heading(text: str) -> None:
    assert parse_heading(text) is None


def test_the_year_ended_phrase_is_read() -> None:
    assert period_end_stated("Statement of cash flows for the year ended 30 June 2025") == date(
        2025, 6, 30
    )
    assert period_end_stated("Balance sheet as at 31 December 2024") == date(2024, 12, 31)


def test_year_only_columns_take_the_given_year_end_first() -> None:
    """fiscal_year_end given > the statement's "year ended" > a dated column elsewhere."""
    column = Column("2024", 2024, None, 0.0, 1.0)
    given_first = date_columns([column], date(2025, 6, 30), date(2025, 12, 31), (3, 31))
    stated_next = date_columns([column], None, date(2025, 12, 31), (3, 31))
    elsewhere = date_columns([column], None, None, (3, 31))
    nothing = date_columns([column], None, None, None)
    assert given_first[0].fiscal_year_end == date(2024, 6, 30)
    assert stated_next[0].fiscal_year_end == date(2024, 12, 31)
    assert elsewhere[0].fiscal_year_end == date(2024, 3, 31)
    assert nothing[0].fiscal_year_end is None


def test_a_29_february_year_end_is_the_last_day_in_other_years() -> None:
    dated = date_columns([Column("2025", 2025, None, 0.0, 1.0)], date(2024, 2, 29), None, None)
    assert dated[0].fiscal_year_end == date(2025, 2, 28)
