"""Every figure a document's tables give for a concept, in the platform's units and signs.

Signs follow the platform's FinancialPeriod (providers/models.py): depreciation and amortisation,
capital expenditure, dividends, finance costs and cost of sales are positive amounts however
printed ("(21,000)" paid for plant is capex of 21,000,000); a line labelled as a loss ("Net loss",
"Loss for the year") is negative however printed; a change in working capital is positive when it
is an investment, the opposite of its cash effect as the cash-flow statement prints it.

Lines reporting parts of one amount are added within a statement: borrowings and lease
liabilities under current and under non-current liabilities (AASB 101.60), or depreciation and
amortisation printed apart. A "Total borrowings" line, when printed, is taken instead.

Share counts are read from columns headed "Number" or "Shares", from lines whose label says
"number", or from tables that state no money units; they are whole numbers unless the label, the
column heading or the header's "except shares, in thousands" says otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from documents.concepts import Concept
from documents.labels import match_label, normalise
from documents.model import Source
from documents.numbers import format_amount
from documents.table import Cell, Column, Line, StatementKind, Table

_MAGNITUDES = frozenset(
    {
        Concept.DEPRECIATION_AND_AMORTISATION,
        Concept.DEPRECIATION,
        Concept.AMORTISATION,
        Concept.CAPITAL_EXPENDITURE,
        Concept.DIVIDENDS,
        Concept.FINANCE_COSTS,
        Concept.FINANCE_INCOME,
        Concept.COST_OF_SALES,
    }
)
_ADDED = frozenset(
    {Concept.BORROWINGS, Concept.LEASE_LIABILITIES, Concept.DEPRECIATION, Concept.AMORTISATION}
)
_LABEL_THOUSANDS = re.compile(r"'000|’000|\b000s\b|thousands", re.I)
_LABEL_MILLIONS = re.compile(r"\bmillions?\b|\(m\)", re.I)


@dataclass(frozen=True, slots=True)
class Figure:
    concept: Concept
    period: str  # the column's key (table.Column.key)
    value: float  # currency units (a count for shares), in the platform's sign
    printed: Decimal  # as printed, signed, in the statement's units
    multiplier: Decimal
    decimals: int
    source: Source
    confidence: float
    kind: StatementKind
    table: int  # index among the document's tables
    order: int  # the line's position in its table
    priority: int
    score: float
    stated: bool = True
    formula: str | None = None

    @property
    def resolution(self) -> float:
        """The value of one unit in the last printed digit: how far rounding may move it."""
        return float(self.multiplier) * 10.0**-self.decimals


def _signed(concept: Concept, printed: Decimal, label: str, loss: bool) -> Decimal:
    if loss:
        return -abs(printed)
    if concept in _MAGNITUDES:
        return abs(printed)
    if concept is Concept.NET_FINANCE_COSTS:
        return -printed if normalise(label).startswith("net finance income") else abs(printed)
    if concept is Concept.CHANGE_IN_WORKING_CAPITAL:
        return -printed
    return printed


def _share_multiplier(line: Line, column: Column, table: Table) -> Decimal | None:
    """How to scale a share count on this line and column; None when the cell is money."""
    label = line.label
    stated = (
        Decimal(1000)
        if _LABEL_THOUSANDS.search(label)
        else Decimal(1_000_000)
        if _LABEL_MILLIONS.search(label)
        else None
    )
    if column.counts:
        return stated or column.count_multiplier
    says_number = "number" in label.lower() or "no. of" in label.lower()
    if says_number or table.units.printed is None:
        return stated or table.units.share_multiplier
    return None


def _figure(
    table: Table, index: int, order: int, line: Line, column: Column, cell: Cell
) -> Figure | None:
    found = match_label(line.label, line.section)
    if found is None:
        return None
    concept = found.concept
    if table.kind is StatementKind.OTHER and concept is not Concept.SHARES_OUTSTANDING:
        return None
    if concept is Concept.SHARES_OUTSTANDING:
        multiplier = _share_multiplier(line, column, table)
        if multiplier is None:
            return None
    elif column.counts:
        return None
    else:
        multiplier = table.units.multiplier
    signed = _signed(concept, cell.value, line.label, found.loss)
    named = found.part is None or "current" in normalise(line.label).split()
    named = named or "noncurrent" in normalise(line.label).split()
    label = line.label if named else f"{line.label} ({found.part})"
    return Figure(
        concept=concept,
        period=column.key,
        value=float(signed * multiplier),
        printed=cell.value,
        multiplier=multiplier,
        decimals=cell.decimals,
        source=Source(line.page, label, cell.raw_text),
        confidence=round(found.score * min(cell.confidence, line.label_confidence), 4),
        kind=table.kind,
        table=index,
        order=order,
        priority=found.priority,
        score=found.score,
    )


def added(parts: list[Figure], concept: Concept, formula: str | None = None) -> Figure:
    """One figure adding `parts` (one statement, one period), traced to each: the source is the
    first part's page, and a part printed on another page (a statement continued there, or a
    note's) is labelled with its own."""
    first = parts[0]
    labels = [
        part.source.label
        if part.source.page == first.source.page
        else f"{part.source.label} (page {part.source.page})"
        for part in parts
    ]
    return Figure(
        concept=concept,
        period=first.period,
        value=sum(part.value for part in parts),
        printed=sum((part.printed for part in parts), Decimal(0)),
        multiplier=first.multiplier,
        decimals=max(part.decimals for part in parts),
        source=Source(
            first.source.page,
            " + ".join(labels),
            " + ".join(part.source.raw_text for part in parts),
        ),
        confidence=min(part.confidence for part in parts),
        kind=first.kind,
        table=first.table,
        order=first.order,
        priority=first.priority,
        score=min(part.score for part in parts),
        stated=False,
        formula=formula or " + ".join(part.source.label.lower() for part in parts),
    )


def _combine(figures: list[Figure]) -> list[Figure]:
    """Parts of one amount in one statement added; a printed total preferred to its parts."""
    groups: defaultdict[tuple[int, Concept, str], list[Figure]] = defaultdict(list)
    kept: list[Figure] = []
    for figure in figures:
        if figure.concept in _ADDED:
            groups[(figure.table, figure.concept, figure.period)].append(figure)
        else:
            kept.append(figure)
    for (_, concept, _), parts in groups.items():
        top = max(part.priority for part in parts)
        totals = [part for part in parts if part.priority == top]
        kept.append(totals[0] if top > 2 or len(totals) == 1 else added(totals, concept))
    by_table: defaultdict[tuple[int, str], dict[Concept, Figure]] = defaultdict(dict)
    for figure in kept:
        by_table[(figure.table, figure.period)].setdefault(figure.concept, figure)
    for found in by_table.values():
        if Concept.DEPRECIATION_AND_AMORTISATION in found:
            continue
        parts = [found[c] for c in (Concept.DEPRECIATION, Concept.AMORTISATION) if c in found]
        if parts:
            formula = " + ".join(p.concept.value for p in parts)
            kept.append(added(parts, Concept.DEPRECIATION_AND_AMORTISATION, formula))
    return kept


def collect(tables: tuple[Table, ...]) -> list[Figure]:
    """Every mapped figure in `tables`, parts added (module docstring)."""
    figures: list[Figure] = []
    for index, table in enumerate(tables):
        for order, line in enumerate(table.lines):
            if not line.has_figures:
                continue
            for column, cell in zip(table.columns, line.cells, strict=True):
                if cell is not None:
                    figure = _figure(table, index, order, line, column, cell)
                    if figure is not None:
                        figures.append(figure)
    return _combine(figures)


Index = dict[tuple[int, str], dict[Concept, list[Figure]]]


def index_figures(figures: Sequence[Figure]) -> Index:
    """Figures by table and period, then concept; a "Total" line first, then in printed order."""
    index: defaultdict[tuple[int, str], dict[Concept, list[Figure]]] = defaultdict(dict)
    for figure in sorted(figures, key=lambda f: (-f.priority, f.order)):
        index[(figure.table, figure.period)].setdefault(figure.concept, []).append(figure)
    return index


def as_printed(figure: Figure | float, like: Figure) -> str:
    """A figure (or an amount in currency units) as `like`'s statement would print it."""
    value = figure.value if isinstance(figure, Figure) else figure
    return format_amount(value / float(like.multiplier), like.decimals)


def agree(a: float, b: float, *figures: Figure) -> bool:
    """Whether two amounts are equal but for the rounding of the figures they come from: half a
    unit of the last printed digit per figure, and half of the coarsest once more."""
    return abs(a - b) <= 0.5 * sum(f.resolution for f in figures) + 0.5 * max(
        f.resolution for f in figures
    )
