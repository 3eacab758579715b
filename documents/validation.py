"""Checks across the figures read: each doubt is an Issue with both numbers, never a silent drop
or a silent fix. The extraction keeps every figure as printed whatever the checks find.

- BALANCE_SHEET_DOES_NOT_BALANCE: total assets against total liabilities plus total equity (AASB
  101.54; "Total liabilities and equity" where printed). Liabilities are the current and
  non-current totals added when no total is printed.
- SUBTOTAL_MISMATCH (a warning): printed totals against their lines (subtotals.py), and total
  assets = current + non-current, total liabilities likewise, gross profit = revenue - cost of
  sales, profit = profit before tax - income tax, EBIT + finance income - finance costs = profit
  before tax, net change in cash = operating + investing + financing cash flows.
- CASH_ROLL_FORWARD: opening cash + net change (+ exchange-rate effects, AASB 107.28) against
  closing cash, per period.
- CONFLICTING_FIGURES: one figure printed differently in two places: a field in two statements
  (depreciation on the income statement and in the cash-flow reconciliation), the balance sheet's
  cash against the cash-flow statement's closing cash (a bank overdraft netted into cash, AASB
  107.8, explains such a difference and is named), a period's opening cash against the prior
  period's closing cash, and the cash-flow statement's change in working capital against the
  reconciliation note's (conflicts.py). A figure is in conflict only when no line of the same
  statement has the other's value.
- UNITS_UNCLEAR: a statement stating no units (read as whole currency units), or two, or
  statements stating different units.
- YEAR_UNDATED: a period whose column gives a year without a day and month, with none given.
- UNREADABLE_FIGURE: a cell under a period that has digits but is not a figure (an OCR misread,
  "1,2O0"): left out of the extraction, and said so.

Two figures agree within the rounding of the coarser (one unit of its last printed digit); a sum
within half a unit per term.
"""

from __future__ import annotations

from collections.abc import Sequence

from documents.concepts import Concept
from documents.conflicts import conflicts
from documents.figures import Figure, agree, as_printed, index_figures
from documents.mapping import Mapped, period_name
from documents.model import Issue
from documents.subtotals import block_totals, section_totals
from documents.table import StatementKind, Table

_C = Concept
_K = StatementKind


def _balance(found: dict[Concept, list[Figure]], when: str) -> list[Issue]:
    first = {concept: figures[0] for concept, figures in found.items()}
    assets = first.get(_C.TOTAL_ASSETS)
    if assets is None:
        return []
    issues = []
    liabilities = first.get(_C.TOTAL_LIABILITIES)
    parts = [first.get(_C.TOTAL_CURRENT_LIABILITIES), first.get(_C.TOTAL_NON_CURRENT_LIABILITIES)]
    equity = first.get(_C.TOTAL_EQUITY)
    both = first.get(_C.TOTAL_LIABILITIES_AND_EQUITY)
    if liabilities is None and all(p is not None for p in parts):
        current, non_current = parts
        assert current is not None and non_current is not None
        liabilities_value, liabilities_terms = (
            current.value + non_current.value,
            [current, non_current],
        )
    elif liabilities is not None:
        liabilities_value, liabilities_terms = liabilities.value, [liabilities]
    else:
        liabilities_value, liabilities_terms = 0.0, []
    if equity is not None and liabilities_terms:
        # Equity attributable to owners and total equity (with non-controlling interests) may
        # both be printed: the sheet balances if either closes it.
        for candidate in found[_C.TOTAL_EQUITY]:
            terms = [assets, candidate, *liabilities_terms]
            if agree(assets.value, liabilities_value + candidate.value, *terms):
                break
        else:
            right = liabilities_value + equity.value
            issues.append(
                Issue(
                    "BALANCE_SHEET_DOES_NOT_BALANCE",
                    f"at {when} total assets are {as_printed(assets, assets)} but total "
                    f"liabilities {as_printed(liabilities_value, assets)} plus total equity "
                    f"{as_printed(equity, assets)} are {as_printed(right, assets)} (page "
                    f"{assets.source.page}, a difference of "
                    f"{as_printed(abs(assets.value - right), assets)})",
                    assets.source.page,
                )
            )
    if both is not None and not agree(assets.value, both.value, assets, both):
        issues.append(
            Issue(
                "BALANCE_SHEET_DOES_NOT_BALANCE",
                f"at {when} total assets are {as_printed(assets, assets)} but total liabilities "
                f"and equity are {as_printed(both, assets)} (page {assets.source.page})",
                assets.source.page,
            )
        )
    return issues


def _relation(
    found: dict[Concept, list[Figure]],
    when: str,
    total: Concept,
    terms: Sequence[tuple[int, Concept]],
    name: str,
) -> list[Issue]:
    """`total` = sum of sign x term; every candidate line for the total is tried."""
    if total not in found or any(concept not in found for _, concept in terms):
        return []
    parts = [(sign, found[concept][0]) for sign, concept in terms]
    expected = sum(sign * figure.value for sign, figure in parts)
    candidates = found[total]
    if any(agree(c.value, expected, c, *(f for _, f in parts)) for c in candidates):
        return []
    printed = candidates[0]
    shown = " ".join(
        f"{'+' if sign > 0 else '-'} {f.source.label} {f.source.raw_text}" for sign, f in parts
    ).removeprefix("+ ")
    return [
        Issue(
            "SUBTOTAL_MISMATCH",
            f"{name} for {when}: '{printed.source.label}' is {printed.source.raw_text} on page "
            f"{printed.source.page}, but {shown} is {as_printed(expected, printed)}",
            printed.source.page,
        )
    ]


_RELATIONS: tuple[tuple[Concept, tuple[tuple[int, Concept], ...], str], ...] = (
    (_C.TOTAL_ASSETS, ((1, _C.TOTAL_CURRENT_ASSETS), (1, _C.TOTAL_NON_CURRENT_ASSETS)), "assets"),
    (
        _C.TOTAL_LIABILITIES,
        ((1, _C.TOTAL_CURRENT_LIABILITIES), (1, _C.TOTAL_NON_CURRENT_LIABILITIES)),
        "liabilities",
    ),
    (_C.GROSS_PROFIT, ((1, _C.REVENUE), (-1, _C.COST_OF_SALES)), "gross profit"),
    (
        _C.PROFIT_BEFORE_TAX,
        ((1, _C.EBIT), (1, _C.FINANCE_INCOME), (-1, _C.FINANCE_COSTS)),
        "profit before tax",
    ),
    (
        _C.NET_CHANGE_IN_CASH,
        ((1, _C.NET_OPERATING_CASH), (1, _C.NET_INVESTING_CASH), (1, _C.NET_FINANCING_CASH)),
        "net change in cash",
    ),
)


def _profit_after_tax(found: dict[Concept, list[Figure]], when: str) -> list[Issue]:
    if not all(c in found for c in (_C.PROFIT_BEFORE_TAX, _C.INCOME_TAX, _C.NET_INCOME)):
        return []
    pbt, tax = found[_C.PROFIT_BEFORE_TAX][0], found[_C.INCOME_TAX][0]
    options = (pbt.value - abs(tax.value), pbt.value + abs(tax.value))
    profits = found[_C.NET_INCOME]
    if any(agree(p.value, o, p, pbt, tax) for p in profits for o in options):
        return []
    profit = profits[0]
    return [
        Issue(
            "SUBTOTAL_MISMATCH",
            f"profit after tax for {when}: '{profit.source.label}' is {profit.source.raw_text} on "
            f"page {profit.source.page}, but {pbt.source.label} {pbt.source.raw_text} less "
            f"{tax.source.label} {tax.source.raw_text} is {as_printed(options[0], profit)}",
            profit.source.page,
        )
    ]


def _roll_forward(found: dict[Concept, list[Figure]], when: str) -> list[Issue]:
    needed = (_C.OPENING_CASH, _C.NET_CHANGE_IN_CASH, _C.CLOSING_CASH)
    if not all(c in found for c in needed):
        return []
    opening, change, closing = (found[c][0] for c in needed)
    fx = found.get(_C.EXCHANGE_ON_CASH, [None])[0]
    expected = opening.value + change.value + (fx.value if fx is not None else 0.0)
    terms = [opening, change, closing] + ([fx] if fx is not None else [])
    if agree(expected, closing.value, *terms):
        return []
    fx_text = f" + exchange-rate effects {fx.source.raw_text}" if fx is not None else ""
    return [
        Issue(
            "CASH_ROLL_FORWARD",
            f"for {when}: opening cash {opening.source.raw_text} + net change "
            f"{change.source.raw_text}{fx_text} = {as_printed(expected, closing)}, but closing "
            f"cash is printed as {closing.source.raw_text} (page {closing.source.page})",
            closing.source.page,
        )
    ]


def _unread(tables: Sequence[Table]) -> list[Issue]:
    return [
        Issue(
            "UNREADABLE_FIGURE",
            f"'{line.label}' on page {line.page} ({table.columns[column].label}): '{text}' is not "
            "a figure; it is left out",
            line.page,
        )
        for table in tables
        if table.kind is not _K.OTHER
        for line in table.lines
        for column, text in line.unread
    ]


def _units(tables: Sequence[Table]) -> list[Issue]:
    issues = []
    statements = [t for t in tables if t.kind is not _K.OTHER]
    for table in statements:
        if table.units.doubt is not None:
            reading = (
                f"in {table.units.printed}" if table.units.printed else "as whole currency units"
            )
            issues.append(
                Issue(
                    "UNITS_UNCLEAR",
                    f"the {table.kind} on page {table.page}: {table.units.doubt}; its figures are "
                    f"read {reading}",
                    table.page,
                )
            )
    stated = {t.units.multiplier for t in statements}
    if len(stated) > 1:
        listed = ", ".join(
            f"{t.kind} {t.units.printed or 'none stated'} (page {t.page})" for t in statements
        )
        issues.append(
            Issue(
                "UNITS_UNCLEAR",
                f"the statements state different units: {listed}; each is read in its own",
                statements[0].page,
            )
        )
    return issues


def _undated(mapped: Mapped, tables: Sequence[Table]) -> list[Issue]:
    issues = []
    for period in mapped.periods:
        if period.fiscal_year_end is not None:
            continue
        page = next((t.page for t in tables for c in t.columns if c.key == period.key), None)
        year = f"the year {period.year}" if period.year is not None else "no year"
        issues.append(
            Issue(
                "YEAR_UNDATED",
                f"the column headed '{period.label}' gives {year} but no day and month, and none "
                "was given: its figures are undated (give the fiscal year end to date them)",
                page,
            )
        )
    return issues


def validate(tables: Sequence[Table], mapped: Mapped) -> tuple[Issue, ...]:
    """Every check in the module docstring, in the order a reviewer reads a report."""
    index = index_figures(mapped.figures)
    when = {period.key: period_name(period) for period in mapped.periods}
    issues: list[Issue] = []
    for number, table in enumerate(tables):
        if table.kind is _K.OTHER:
            continue
        issues.extend(block_totals(table))
        issues.extend(section_totals(table))
        for column in table.columns:
            found = index.get((number, column.key), {})
            label = when.get(column.key, column.label)
            if table.kind is _K.BALANCE:
                issues.extend(_balance(found, label))
            if table.kind is _K.INCOME:
                issues.extend(_profit_after_tax(found, label))
            if table.kind is _K.CASH_FLOW:
                issues.extend(_roll_forward(found, label))
            for total, terms, name in _RELATIONS:
                issues.extend(_relation(found, label, total, terms, name))
    issues.extend(conflicts(mapped, index, when))
    issues.extend(_unread(tables))
    issues.extend(_units(tables))
    issues.extend(_undated(mapped, tables))
    return tuple(dict.fromkeys(issues))
