"""Pages of words as the OCR stage hands them over (`extract_pages`): word confidences carried
into each figure's, and the layout rules (wrapped labels, note numbers, losses, no guessing)."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_pages
from documents.model import ExtractedField, Extraction, Field, PageText, Source
from tests.fixtures.statements.pages import ocr_page

F = Field
FY25 = date(2025, 6, 30)
_HEAD = [
    [(50.0, "Bilby Mining Limited", 0.99)],
    [(50.0, "Consolidated statement of profit or loss", 0.98)],
    [(50.0, "For the year ended 30 June 2025", 0.97)],
    [(440.0, "2025", 0.99), (530.0, "2024", 0.99)],
    [(440.0, "$'000", 0.95), (530.0, "$'000", 0.95)],
]


def _row(
    label: str, confidence: float, *figures: tuple[str, float]
) -> list[tuple[float, str, float]]:
    """A line: its label at the margin, its figures under 2025 and 2024."""
    return [(50.0, label, confidence)] + [
        (x, text, c) for x, (text, c) in zip((440.0, 530.0), figures, strict=False)
    ]


def _income(rows: list[list[tuple[float, str, float]]]) -> PageText:
    return ocr_page(1, [*_HEAD, *rows])


def _field(extraction: Extraction, name: Field, when: date = FY25) -> ExtractedField:
    period = next(p for p in extraction.periods if p.fiscal_year_end == when)
    return next(f for f in period.fields if f.name is name)


@pytest.fixture(scope="module")
def scanned() -> Extraction:
    page = _income(
        [
            [*_row("Revenve", 0.62, ("10,000", 0.9), ("9,000", 0.93)), (300.0, "4", 0.9)],
            _row("Depreciation and amortisation", 0.97, ("(1,000)", 0.95), ("(900)", 0.96)),
            _row("Profit before income tax", 0.97, ("3,000", 0.8), ("2,500", 0.9)),
            _row("Income tax expense", 0.97, ("(900)", 0.9), ("(750)", 0.9)),
            _row("Profit for the year", 0.96, ("2,100", 0.85), ("1,750", 0.9)),
        ]
    )
    return extract_pages([page])


def test_confidence_is_the_label_match_times_the_lowest_word_confidence(
    scanned: Extraction,
) -> None:
    """ "Revenve" (an OCR slip, fuzzy score 0.771) read at 0.62, its figure at 0.9."""
    revenue = _field(scanned, F.REVENUE)
    assert revenue.value == 10_000_000
    assert revenue.confidence == pytest.approx(0.771 * 0.62, abs=1e-3)
    assert revenue.source == Source(1, "Revenve", "10,000")
    profit = _field(scanned, F.NET_INCOME)
    assert profit.confidence == pytest.approx(0.85)


def test_no_finance_costs_no_ebit(scanned: Extraction) -> None:
    """Profit before tax and tax are given, finance costs are not: EBIT is not guessed, and so
    neither is EBITDA."""
    assert _field(scanned, F.EBIT).value is None
    assert _field(scanned, F.EBITDA).value is None
    assert _field(scanned, F.DEPRECIATION_AND_AMORTISATION).value == 1_000_000


def test_a_bare_dollar_sign_with_no_other_cue_is_australian_dollars(scanned: Extraction) -> None:
    assert (scanned.currency, scanned.units, scanned.multiplier) == ("AUD", "$'000", 1000)


def test_the_checks_run_on_ocr_pages() -> None:
    """Profit before tax 3,000 less tax 900 is 2,100, not the 2,000 read."""
    page = _income(
        [
            _row("Profit before income tax", 0.97, ("3,000", 0.8), ("2,500", 0.9)),
            _row("Income tax expense", 0.97, ("(900)", 0.9), ("(750)", 0.9)),
            _row("Profit for the year", 0.96, ("2,000", 0.55), ("1,750", 0.9)),
        ]
    )
    issues = extract_pages([page]).issues
    assert [i.code for i in issues] == ["SUBTOTAL_MISMATCH"]
    assert "'Profit for the year' is 2,000" in issues[0].message
    assert "is 2,100" in issues[0].message


def test_a_wrapped_label_is_joined_and_a_note_number_is_not_part_of_it() -> None:
    page = ocr_page(
        1,
        [
            [(50.0, "Statement of cash flows for the year ended 30 June 2025", 1.0)],
            [(440.0, "2025", 1.0), (530.0, "2024", 1.0)],
            [(440.0, "$'000", 1.0), (530.0, "$'000", 1.0)],
            [(50.0, "Cash flows from investing activities", 1.0)],
            [(50.0, "Payments for property, plant and", 1.0)],
            [(60.0, "equipment", 1.0), (330.0, "13", 1.0), (440.0, "(5,000)", 1.0),
             (530.0, "(4,000)", 1.0)],
            [(50.0, "Net cash used in investing activities", 1.0), (440.0, "(5,000)", 1.0),
             (530.0, "(4,000)", 1.0)],
        ],
    )  # fmt: skip
    capex = _field(extract_pages([page]), F.CAPITAL_EXPENDITURE)
    assert (capex.value, capex.source) == (
        5_000_000,
        Source(1, "Payments for property, plant and equipment", "(5,000)"),
    )


def test_a_loss_line_is_negative_however_printed() -> None:
    page = _income(
        [
            [(50.0, "Revenue", 1.0), (440.0, "8,000", 1.0), (530.0, "7,000", 1.0)],
            [(50.0, "Loss for the year", 1.0), (440.0, "1,200", 1.0), (530.0, "(300)", 1.0)],
        ]
    )
    extraction = extract_pages([page])
    assert [p.value(F.NET_INCOME) for p in extraction.periods] == [-300_000, -1_200_000]


def test_a_page_without_statements_says_so() -> None:
    page = ocr_page(1, [[(50.0, "Chairman's letter", 1.0)], [(50.0, "Dear shareholders,", 1.0)]])
    extraction = extract_pages([page])
    assert extraction.periods == ()
    assert [i.code for i in extraction.issues] == ["NO_STATEMENTS_FOUND"]


def test_a_given_year_end_that_differs_from_the_statement_s_is_reported() -> None:
    page = _income([[(50.0, "Revenue", 1.0), (440.0, "8,000", 1.0), (530.0, "7,000", 1.0)]])
    extraction = extract_pages([page], date(2025, 12, 31))
    assert [i.code for i in extraction.issues] == ["FISCAL_YEAR_END_DIFFERS"]
    assert [p.fiscal_year_end for p in extraction.periods] == [
        date(2024, 12, 31),
        date(2025, 12, 31),
    ]


def test_statements_in_different_units_are_each_read_in_their_own() -> None:
    balance = ocr_page(
        2,
        [
            [(50.0, "Statement of financial position as at 30 June 2025", 1.0)],
            [(440.0, "2025", 1.0), (530.0, "2024", 1.0)],
            [(440.0, "$m", 1.0), (530.0, "$m", 1.0)],
            [(50.0, "Total assets", 1.0), (440.0, "12.5", 1.0), (530.0, "11.0", 1.0)],
            [(50.0, "Total liabilities", 1.0), (440.0, "4.5", 1.0), (530.0, "4.0", 1.0)],
            [(50.0, "Total equity", 1.0), (440.0, "8.0", 1.0), (530.0, "7.0", 1.0)],
        ],
    )
    income = _income([[(50.0, "Revenue", 1.0), (440.0, "8,000", 1.0), (530.0, "7,000", 1.0)]])
    extraction = extract_pages([income, balance])
    assert _field(extraction, F.REVENUE).value == 8_000_000
    assert _field(extraction, F.TOTAL_ASSETS).value == 12_500_000
    assert (extraction.units, extraction.multiplier) == ("$'000", 1000)
    assert [i.code for i in extraction.issues] == ["UNITS_UNCLEAR"]
    assert "$'000 (page 1)" in extraction.issues[0].message
    assert "$m (page 2)" in extraction.issues[0].message


def test_a_misread_figure_is_left_out_and_reported() -> None:
    page = _income(
        [
            _row("Revenue", 0.95, ("1O,000", 0.41), ("9,000", 0.9)),
            _row("Profit for the year", 0.95, ("2,100", 0.9), ("1,750", 0.9)),
        ]
    )
    extraction = extract_pages([page])
    assert [p.value(F.REVENUE) for p in extraction.periods] == [9_000_000, None]
    assert [i.code for i in extraction.issues] == ["UNREADABLE_FIGURE"]
    assert extraction.issues[0].message == (
        "'Revenue' on page 1 (2025): '1O,000' is not a figure; it is left out"
    )
