"""Statement-line labels in Australian (AASB 101, AASB 107), UK (Companies Act 2006 formats) and
US (Regulation S-X) wording, mapped to the platform's fields."""

from __future__ import annotations

import pytest

from documents.concepts import Concept
from documents.labels import (
    is_block_total,
    is_working_capital_heading,
    is_working_capital_line,
    is_working_capital_movement,
    match_label,
    normalise,
)

C = Concept


@pytest.mark.parametrize(
    ("label", "concept"),
    [
        ("Revenue", C.REVENUE),
        ("Revenue from contracts with customers", C.REVENUE),
        ("Total revenue", C.REVENUE),
        ("Turnover", C.REVENUE),
        ("Net sales", C.REVENUE),
        ("Sales revenue", C.REVENUE),
        ("Operating profit", C.EBIT),
        ("Profit from operations", C.EBIT),
        ("Earnings before interest and tax", C.EBIT),
        ("Operating income", C.EBIT),
        ("EBITDA", C.EBITDA),
        ("Profit for the year", C.NET_INCOME),
        ("Profit after income tax", C.NET_INCOME),
        ("Net profit after tax", C.NET_INCOME),
        ("Profit attributable to owners of the parent", C.NET_INCOME),
        ("Net income", C.NET_INCOME),
        ("Profit/(loss) for the year", C.NET_INCOME),
        ("Depreciation and amortisation expense", C.DEPRECIATION_AND_AMORTISATION),
        ("Depreciation and amortization", C.DEPRECIATION_AND_AMORTISATION),
        ("Payments for property, plant and equipment", C.CAPITAL_EXPENDITURE),
        ("Purchase of property, plant and equipment", C.CAPITAL_EXPENDITURE),
        ("Capital expenditures", C.CAPITAL_EXPENDITURE),
        ("Cash and cash equivalents", C.CASH),
        ("Borrowings", C.BORROWINGS),
        ("Interest-bearing loans and borrowings", C.BORROWINGS),
        ("Long-term debt", C.BORROWINGS),
        ("Lease liabilities", C.LEASE_LIABILITIES),
        ("Total assets", C.TOTAL_ASSETS),
        ("Total liabilities", C.TOTAL_LIABILITIES),
        ("Total equity", C.TOTAL_EQUITY),
        ("Total stockholders' equity", C.TOTAL_EQUITY),
        ("Number of shares on issue", C.SHARES_OUTSTANDING),
        ("Ordinary shares", C.SHARES_OUTSTANDING),
        ("Dividends paid", C.DIVIDENDS),
        ("Dividends provided for or paid", C.DIVIDENDS),
        ("Changes in working capital", C.CHANGE_IN_WORKING_CAPITAL),
        ("Profit before income tax expense", C.PROFIT_BEFORE_TAX),
        ("Income before provision for income taxes", C.PROFIT_BEFORE_TAX),
        ("Provision for income taxes", C.INCOME_TAX),
        ("Finance costs", C.FINANCE_COSTS),
        ("Interest payable and similar charges", C.FINANCE_COSTS),
        ("Finance income", C.FINANCE_INCOME),
        ("Net cash from operating activities", C.NET_OPERATING_CASH),
        ("Net cash provided by (used in) investing activities", C.NET_INVESTING_CASH),
        ("Net cash used in financing activities", C.NET_FINANCING_CASH),
        ("Net increase/(decrease) in cash and cash equivalents", C.NET_CHANGE_IN_CASH),
        ("Cash and cash equivalents at the beginning of the financial year", C.OPENING_CASH),
        ("Cash and cash equivalents at the end of the financial year", C.CLOSING_CASH),
        ("Effects of exchange rate changes on cash and cash equivalents", C.EXCHANGE_ON_CASH),
    ],
)
def test_the_dictionary_maps_each_wording_exactly(label: str, concept: Concept) -> None:
    found = match_label(label)
    assert found is not None
    assert (found.concept, found.score) == (concept, 1.0)


@pytest.mark.parametrize(
    "label",
    [
        "Total current liabilities",
        "Income taxes paid",
        "Income tax payable",
        "Dividends paid to non-controlling interests",
        "Total comprehensive income for the year",
        "Basic earnings per share (cents)",
        "Trade and other receivables",
        "Repayment of borrowings",
    ],
)
def test_near_but_different_lines_are_not_taken_for_a_field(label: str) -> None:
    found = match_label(label)
    assert found is None or found.concept.field is None


def test_an_ocr_slip_maps_with_a_lower_score() -> None:
    found = match_label("Revenve")
    assert found is not None
    assert found.concept is C.REVENUE
    assert 0.7 < found.score < 1.0


def test_note_references_case_punctuation_and_spelling_are_normalised() -> None:
    assert normalise("Finance costs (Note 8)") == "finance costs"
    assert (
        normalise("Depreciation & Amortisation Expense:") == "depreciation and amortization expense"
    )
    assert normalise("Less: Income tax expense") == "income tax expense"
    assert normalise("Borrowings ($'000)") == "borrowings"
    assert normalise("Non-current lease liabilities") == "noncurrent lease liabilities"


def test_a_total_line_outranks_its_parts() -> None:
    total, part = match_label("Total revenue"), match_label("Revenue from contracts with customers")
    assert total is not None and part is not None
    assert total.priority > part.priority


@pytest.mark.parametrize(
    ("label", "section", "part"),
    [
        ("Borrowings", "Current liabilities", "current"),
        ("Borrowings", "Non-current liabilities", "non-current"),
        ("Current borrowings", "", "current"),
        ("Lease liabilities - non-current", "", "non-current"),
        ("Non-current lease liabilities", "Liabilities", "non-current"),
    ],
)
def test_current_and_non_current_parts_are_named(label: str, section: str, part: str) -> None:
    found = match_label(label, section)
    assert found is not None
    assert found.concept in {C.BORROWINGS, C.LEASE_LIABILITIES}
    assert found.part == part


def test_owners_under_a_profit_heading_are_the_parent_s_profit() -> None:
    under_profit = match_label("Owners of Kookaburra Foods Limited", "Profit is attributable to:")
    under_comprehensive = match_label(
        "Owners of Kookaburra Foods Limited", "Total comprehensive income is attributable to:"
    )
    assert under_profit is not None and under_profit.concept is C.NET_INCOME
    assert under_comprehensive is None


def test_a_loss_label_is_flagged() -> None:
    loss, profit = match_label("Net loss"), match_label("Profit/(loss) for the year")
    assert loss is not None and loss.loss
    assert profit is not None and not profit.loss


def test_working_capital_lines_and_headings() -> None:
    assert is_working_capital_line("(Increase)/decrease in trade and other receivables")
    assert is_working_capital_line("Decrease in inventories")
    assert not is_working_capital_line("Net increase in cash and cash equivalents")
    assert is_working_capital_heading("Changes in operating assets and liabilities:")


_HEADING = "Change in operating assets and liabilities:"


@pytest.mark.parametrize(
    "label",
    [
        "(Increase)/decrease in trade and other receivables",
        "Decrease/(increase) in inventories",
        "(Increase)/decrease in other assets",
        "Increase/(decrease) in trade and other payables",
        "Increase in provisions",
        "Increase/(decrease) in deferred revenue",
        "Increase/(decrease) in employee benefits",
    ],
)
def test_working_capital_movements(label: str) -> None:
    assert is_working_capital_movement(label, _HEADING)
    assert is_working_capital_movement(label, "")


@pytest.mark.parametrize(
    "label",
    [
        "Increase/(decrease) in income tax payable",
        "Decrease/(increase) in deferred tax assets",
        "Increase/(decrease) in deferred tax liabilities",
        "Increase in provision for income tax",
        "(Increase)/decrease in current tax assets",
        "Depreciation and amortisation",
        "Impairment of receivables",
        "Share-based payments",
        "Net loss on disposal of property, plant and equipment",
        "Net foreign exchange loss",
        "Inventories written down",
    ],
)
def test_tax_and_non_cash_lines_are_not_working_capital_even_under_its_heading(
    label: str,
) -> None:
    assert not is_working_capital_movement(label, _HEADING)


def test_total_comprehensive_income_is_not_a_block_total() -> None:
    assert is_block_total("Total expenses")
    assert not is_block_total("Total comprehensive income for the year")
