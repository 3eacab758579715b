"""The change in working capital of a direct-method cash-flow statement, from the note that
reconciles profit to net cash from operating activities (tests/fixtures/statements/
reconciliation.py gives the note's figures).

By hand, in $'000, the platform's sign (positive is an investment: FCFF = EBIT (1 - t) + D&A -
capex - change in working capital, valuation/dcf.py), from the note's cash effects:
  2025: -((3,300) + (2,000) + (500) + 3,000 + 900) = -(-1,900) =  1,900: working capital absorbed
        1,900 of cash;
  2024: -((1,000) + 500 + 250 + 2,700 + 800)       = -(3,250)  = -3,250: it released 3,250.
Income tax payable (500, 570) and deferred tax (-, (200)) are left out: tax is the valuation's
own (EBIT x t); so are depreciation, impairment, share-based payments, disposals and exchange."""

from __future__ import annotations

from datetime import date

import pytest

from documents.extract import extract_pdf_text
from documents.model import ExtractedField, Extraction, Field, Source
from tests.fixtures.statements import reconciliation
from tests.fixtures.statements.truth import AUSTRALIAN

F = Field
FY24, FY25 = date(2024, 6, 30), date(2025, 6, 30)
WORKING_CAPITAL = {FY25: 1_900_000, FY24: -3_250_000}
LINES = (
    "(Increase)/decrease in trade and other receivables",
    "Decrease/(increase) in inventories",
    "(Increase)/decrease in other assets",
    "Increase/(decrease) in trade and other payables",
    "Increase in provisions",
)


def _field(extraction: Extraction, when: date, name: Field) -> ExtractedField:
    period = next(p for p in extraction.periods if p.fiscal_year_end == when)
    return next(f for f in period.fields if f.name is name)


@pytest.fixture(scope="module", params=["end", "after cash flows", "under cash flows"])
def direct(request: pytest.FixtureRequest) -> tuple[Extraction, int]:
    """The extraction, and the page the reconciliation is on."""
    page = {"end": 7, "after cash flows": 6, "under cash flows": 5}[request.param]
    return extract_pdf_text(reconciliation.direct_method_report(request.param)), page


@pytest.mark.parametrize("when", [FY24, FY25])
def test_the_note_gives_the_change_in_working_capital_to_the_unit(
    direct: tuple[Extraction, int], when: date
) -> None:
    extraction, _ = direct
    assert _field(extraction, when, F.CHANGE_IN_WORKING_CAPITAL).value == WORKING_CAPITAL[when]


def test_it_is_derived_with_its_formula_and_the_note_s_lines(
    direct: tuple[Extraction, int],
) -> None:
    extraction, page = direct
    derived = _field(extraction, FY25, F.CHANGE_IN_WORKING_CAPITAL)
    assert (derived.stated, derived.confidence) == (False, 1.0)
    assert derived.formula == "-(" + " + ".join(LINES) + ")"
    assert derived.source == Source(
        page, " + ".join(LINES), "(3,300) + (2,000) + (500) + 3,000 + 900"
    )


@pytest.mark.parametrize("when", [FY24, FY25])
def test_every_other_field_is_unchanged(direct: tuple[Extraction, int], when: date) -> None:
    extraction, _ = direct
    period = next(p for p in extraction.periods if p.fiscal_year_end == when)
    expected = {**AUSTRALIAN[when], F.CHANGE_IN_WORKING_CAPITAL: WORKING_CAPITAL[when]}
    assert {name: period.value(name) for name in Field} == expected


def test_the_note_is_not_read_as_a_statement(direct: tuple[Extraction, int]) -> None:
    """The clean Australian report's two warnings and nothing else: the note's "Net cash from
    operating activities" and profit are not taken for the statements' own."""
    extraction, _ = direct
    assert [(i.code, i.page) for i in extraction.issues] == [
        ("SUBTOTAL_MISMATCH", 3),
        ("SUBTOTAL_MISMATCH", 3),
    ]


def test_a_stated_line_on_an_indirect_method_statement_wins_over_the_note() -> None:
    extraction = extract_pdf_text(reconciliation.indirect_method_report())
    stated = _field(extraction, FY25, F.CHANGE_IN_WORKING_CAPITAL)
    assert (stated.value, stated.stated, stated.formula) == (1_900_000, True, None)
    assert stated.source == Source(5, "Change in working capital", "(1,900)")
    assert _field(extraction, FY24, F.CHANGE_IN_WORKING_CAPITAL).value == -3_250_000
    assert not [i for i in extraction.issues if i.code == "CONFLICTING_FIGURES"]


def test_a_stated_line_that_differs_from_the_note_is_a_conflict_with_both_figures() -> None:
    """The statement prints (2,100) for 2025, the note's lines add to (1,900); 2024 agrees."""
    extraction = extract_pdf_text(reconciliation.indirect_method_report(stated=-2_100))
    assert _field(extraction, FY25, F.CHANGE_IN_WORKING_CAPITAL).value == 2_100_000
    conflicts = [i for i in extraction.issues if i.code == "CONFLICTING_FIGURES"]
    assert len(conflicts) == 1
    message = conflicts[0].message
    assert message.startswith("change in working capital for 30 June 2025")
    assert "'Change in working capital' (2,100) (cash flow statement, page 5)" in message
    assert "add to (1,900) (page 7)" in message
    assert conflicts[0].page == 7
