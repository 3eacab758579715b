"""Printed totals against the lines they add up: warnings, never rejections.

Two kinds of printed total are checked, in the statement's own units:

- a "Total ..." line against the lines above it since the last heading or subtotal ("Total current
  assets" against cash, receivables and inventories). It passes when it equals their sum, or the
  sum of the run of lines directly above it that share its sign (a "Total expenses" after revenue
  without an "Expenses" heading). Fewer than two lines are not checked, nor "Total assets" right
  after "Total non-current assets" (the relation checks in validation.py cover those);
- a cash-flow statement's "Net cash from ... activities" against the lines of its section (AASB
  107.10), a printed "Cash generated from operations" standing in for the lines above it.

Real reports do not always add up on their face: some net other income into "Total expenses"
(AASB 101.85 leaves the subtotals to the preparer), so a difference is a SUBTOTAL_MISMATCH warning
with both numbers, and, when the difference is exactly another line of the statement, its name.
Each sum allows half a unit of rounding per line (figures are rounded one by one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from documents.concepts import Concept
from documents.labels import is_block_total, is_subtotal, match_label, normalise
from documents.model import Issue
from documents.numbers import format_amount
from documents.table import Line, StatementKind, Table

_SECTION_TOTALS = frozenset(
    {Concept.NET_OPERATING_CASH, Concept.NET_INVESTING_CASH, Concept.NET_FINANCING_CASH}
)
_SECTION_HEADING = re.compile(r"(?:operating|investing|financing) activities$")


def _tolerance(decimals: int, terms: int) -> Decimal:
    return Decimal(5).scaleb(-1 - decimals) * (terms + 1)


def _column_name(table: Table, c: int) -> str:
    return table.columns[c].label


def _explain(table: Table, c: int, difference: Decimal, used: Sequence[Line]) -> str:
    for line in table.lines:
        cell = line.cells[c] if c < len(line.cells) else None
        if line in used or cell is None or cell.value == 0:
            continue
        if abs(cell.value) == abs(difference):
            return f", which is '{line.label}' ({cell.raw_text}): the total appears to net it"
    return ""


def _check_total(
    table: Table, total: Line, items: Sequence[Line], c: int, what: str
) -> Issue | None:
    cell = total.cells[c]
    if cell is None:
        return None
    parts = [(line, line.cells[c]) for line in items if line.cells[c] is not None]
    if len(parts) < 2:
        return None
    values = [part.value for _, part in parts if part is not None]
    decimals = max([cell.decimals] + [p.decimals for _, p in parts if p is not None])
    everything = sum(values, Decimal(0))
    if abs(everything - cell.value) <= _tolerance(decimals, len(values)):
        return None
    run: list[Decimal] = []
    for value in reversed(values):
        if value != 0 and (value < 0) != (cell.value < 0):
            break
        run.append(value)
    if len(run) >= 2 and abs(sum(run, Decimal(0)) - cell.value) <= _tolerance(decimals, len(run)):
        return None
    difference = everything - cell.value
    return Issue(
        "SUBTOTAL_MISMATCH",
        f"'{total.label}' on page {total.page} ({_column_name(table, c)}) is printed as "
        f"{cell.raw_text}; the {len(values)} {what} add to {format_amount(everything, decimals)}, "
        f"a difference of {format_amount(abs(difference), decimals)}"
        f"{_explain(table, c, difference, [line for line, _ in parts])}",
        total.page,
    )


def block_totals(table: Table) -> list[Issue]:
    """ "Total ..." lines against the lines above them (module docstring)."""
    issues: list[Issue] = []
    items: list[Line] = []
    for line in table.lines:
        if not line.has_figures:
            items = []
        elif is_block_total(line.label):
            for c in range(len(table.columns)):
                issue = _check_total(table, line, items, c, "lines above it")
                if issue is not None:
                    issues.append(issue)
            items = []
        elif is_subtotal(line.label):
            items = []
        else:
            items.append(line)
    return issues


def section_totals(table: Table) -> list[Issue]:
    """A cash-flow statement's net cash lines against their sections (module docstring)."""
    if table.kind is not StatementKind.CASH_FLOW:
        return []
    issues: list[Issue] = []
    items: list[Line] | None = None
    for line in table.lines:
        found = match_label(line.label, line.section)
        if not line.has_figures:
            heading = normalise(line.label)
            if (found is not None and found.concept in _SECTION_TOTALS) or _SECTION_HEADING.search(
                heading
            ):
                items = []
            continue
        if items is None:
            continue
        if found is not None and found.concept in _SECTION_TOTALS:
            for c in range(len(table.columns)):
                issue = _check_total(table, line, items, c, "lines of its section")
                if issue is not None:
                    issues.append(issue)
            items = None
        elif normalise(line.label).startswith("cash generated"):
            items = [line]
        else:
            items.append(line)
    return issues
