"""Tables -> the platform's fields for each period, stated or derived, each traced to its source.

For each field and period the figure is taken from the field's own statement (concepts.HOME)
when it gives one, else from the statements allowed below (depreciation and net profit from a
cash-flow reconciliation, AASB 107.20); within a statement, a "Total" line before its parts,
then the closer label match, then the first printed.

Derived, with the formula stated and `stated=False`:
- EBITDA = EBIT + depreciation and amortisation, when no EBITDA line is printed;
- EBIT = profit before tax + finance costs - finance income, when no EBIT line is printed and the
  finance costs are (an Australian income statement by nature, AASB 101.99, often goes straight
  from expenses to profit before tax). Without a finance-costs line EBIT is not guessed;
- the change in working capital = -(sum of the changes in operating assets and liabilities),
  when no single line gives it (AASB 107.20(a)); positive is an investment, as in
  providers/models.FinancialPeriod and the DCF's FCFF = EBIT (1 - t) + D&A - capex - change in
  working capital, so a receivables line printed "(3,300)" (an increase, cash absorbed) adds
  3,300 and a payables line printed "3,000" (an increase, cash kept) takes 3,000 off. The
  movements come from the cash-flow statement's operating section (the indirect method); a
  direct-method statement (AASB 107.18(a), receipts and payments) prints none, and they come from
  the note reconciling profit to net cash from operating activities instead (titles.py finds it
  by its title, anywhere in the document). Income tax payable, deferred tax and non-cash items
  (depreciation, impairment, share-based payments, disposals, exchange differences) are left out
  (labels.is_working_capital_movement). A line of the statement itself, a stated "Change in
  working capital" first, wins over the note; conflicts.py reports the two when they differ.
Net debt is not a field: the valuation derives it from borrowings, leases and cash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from documents.concepts import HOME, Concept
from documents.figures import Figure, added, collect
from documents.labels import is_working_capital_movement, match_label
from documents.model import ExtractedField, ExtractedPeriod, Field, Source
from documents.table import Column, Line, StatementKind, Table
from documents.titles import is_operating_reconciliation

_K = StatementKind
_ALSO: dict[Concept, tuple[StatementKind, ...]] = {
    Concept.NET_INCOME: (_K.INCOME, _K.CASH_FLOW),
    Concept.DEPRECIATION_AND_AMORTISATION: (_K.INCOME, _K.CASH_FLOW),
    Concept.CHANGE_IN_WORKING_CAPITAL: (_K.CASH_FLOW, _K.OTHER),  # OTHER: the reconciliation note
    Concept.SHARES_OUTSTANDING: (_K.BALANCE, _K.INCOME, _K.OTHER, _K.CASH_FLOW),
}


def allowed_kinds(concept: Concept) -> tuple[StatementKind, ...]:
    if concept in _ALSO:
        return _ALSO[concept]
    home = HOME.get(concept)
    return (home,) if home is not None else (_K.INCOME, _K.BALANCE, _K.CASH_FLOW)


@dataclass(frozen=True, slots=True)
class Period:
    key: str
    fiscal_year_end: date | None
    year: int | None
    label: str


@dataclass(frozen=True, slots=True)
class Mapped:
    periods: tuple[Period, ...]  # oldest first
    figures: tuple[Figure, ...]  # every figure read, chosen or not
    chosen: dict[tuple[Concept, str], Figure]  # per concept and period key, derived included


def period_name(period: Period) -> str:
    """A period as a reviewer reads it: "30 June 2025", or its heading when undated."""
    if period.fiscal_year_end is not None:
        return f"{period.fiscal_year_end.day} {period.fiscal_year_end:%B %Y}"
    return period.label


def _rank(figure: Figure) -> tuple[int, int, float, int, int]:
    kinds = allowed_kinds(figure.concept)
    return (kinds.index(figure.kind), -figure.priority, -figure.score, figure.table, figure.order)


def choose(figures: Sequence[Figure]) -> dict[tuple[Concept, str], Figure]:
    """The figure each concept and period is read from (module docstring)."""
    best: dict[tuple[Concept, str], Figure] = {}
    for figure in figures:
        if figure.kind not in allowed_kinds(figure.concept):
            continue
        key = (figure.concept, figure.period)
        if key not in best or _rank(figure) < _rank(best[key]):
            best[key] = figure
    return best


def _derived(
    parts: list[tuple[str, Figure]], concept: Concept, value: float, formula: str
) -> Figure:
    """A figure computed from `parts`, each with its sign in the formula ("+" or "-")."""
    first = parts[0][1]
    label = " ".join(f"{sign} {f.source.label}" for sign, f in parts).removeprefix("+ ")
    raw = " ".join(f"{sign} {f.source.raw_text}" for sign, f in parts).removeprefix("+ ")
    return replace(
        first,
        concept=concept,
        value=value,
        printed=Decimal(str(value)) / first.multiplier,
        source=Source(first.source.page, label, raw),
        confidence=min(f.confidence for _, f in parts),
        stated=False,
        formula=formula,
    )


def _derive_ebit(chosen: dict[tuple[Concept, str], Figure], period: str) -> Figure | None:
    pbt = chosen.get((Concept.PROFIT_BEFORE_TAX, period))
    costs = chosen.get((Concept.FINANCE_COSTS, period))
    net = chosen.get((Concept.NET_FINANCE_COSTS, period))
    if pbt is None or (costs is None and net is None):
        return None
    if costs is not None:
        income = chosen.get((Concept.FINANCE_INCOME, period))
        parts = [("+", pbt), ("+", costs)] + ([("-", income)] if income is not None else [])
        value = pbt.value + costs.value - (income.value if income is not None else 0.0)
        formula = "profit_before_tax + finance_costs" + (
            " - finance_income" if income is not None else ""
        )
        return _derived(parts, Concept.EBIT, value, formula)
    assert net is not None
    return _derived(
        [("+", pbt), ("+", net)],
        Concept.EBIT,
        pbt.value + net.value,
        "profit_before_tax + net_finance_costs",
    )


def is_reconciliation_note(table: Table) -> bool:
    """The note reconciling profit to net cash from operating activities (AASB 107.20)."""
    return table.kind is _K.OTHER and is_operating_reconciliation(table.title)


def _working_capital(tables: Sequence[Table]) -> list[Figure]:
    """The change in working capital from each cash-flow statement's operating lines and from
    the reconciliation note's."""
    found: list[Figure] = []
    for index, table in enumerate(tables):
        if table.kind is not _K.CASH_FLOW and not is_reconciliation_note(table):
            continue
        lines = []
        for line in table.lines:
            matched = match_label(line.label, line.section) if line.has_figures else None
            if matched is not None and matched.concept is Concept.NET_OPERATING_CASH:
                break
            if line.has_figures and is_working_capital_movement(line.label, line.section):
                lines.append(line)
        if not lines:
            continue
        for c, column in enumerate(table.columns):
            found.extend(_working_capital_column(table, index, lines, c, column))
    return found


def _working_capital_column(
    table: Table, index: int, lines: list[Line], c: int, column: Column
) -> list[Figure]:
    parts = []
    for order, line in enumerate(lines):
        cell = line.cells[c]
        if cell is None:
            continue
        parts.append(
            Figure(
                concept=Concept.CHANGE_IN_WORKING_CAPITAL,
                period=column.key,
                value=float(-cell.value * table.units.multiplier),
                printed=-cell.value,
                multiplier=table.units.multiplier,
                decimals=cell.decimals,
                source=Source(line.page, line.label, cell.raw_text),
                confidence=min(cell.confidence, line.label_confidence),
                kind=table.kind,
                table=index,
                order=order,
                priority=1,
                score=1.0,
            )
        )
    if not parts:
        return []
    formula = "-(" + " + ".join(part.source.label for part in parts) + ")"
    return [added(parts, Concept.CHANGE_IN_WORKING_CAPITAL, formula)]


def periods_of(tables: Sequence[Table]) -> tuple[Period, ...]:
    """The periods the primary statements report, oldest first; each labelled as the income
    statement (or else the first statement) heads it."""
    found: dict[str, Period] = {}
    ordered = sorted(
        tables, key=lambda t: [_K.INCOME, _K.BALANCE, _K.CASH_FLOW, _K.OTHER].index(t.kind)
    )
    for table in ordered:
        if table.kind is _K.OTHER:
            continue
        for column in table.columns:
            found.setdefault(
                column.key, Period(column.key, column.fiscal_year_end, column.year, column.label)
            )

    def when(period: Period) -> date:
        if period.fiscal_year_end is not None:
            return period.fiscal_year_end
        return date(period.year, 12, 31) if period.year is not None else date.max

    return tuple(sorted(found.values(), key=when))


def map_tables(tables: tuple[Table, ...]) -> Mapped:
    """Every field of every period (module docstring)."""
    figures = collect(tables) + _working_capital(tables)
    chosen = choose(figures)
    periods = periods_of(tables)
    for period in periods:
        if (Concept.EBIT, period.key) not in chosen:
            ebit = _derive_ebit(chosen, period.key)
            if ebit is not None:
                chosen[(Concept.EBIT, period.key)] = ebit
        ebit = chosen.get((Concept.EBIT, period.key))
        amortisation = chosen.get((Concept.DEPRECIATION_AND_AMORTISATION, period.key))
        if (
            (Concept.EBITDA, period.key) not in chosen
            and ebit is not None
            and amortisation is not None
        ):
            chosen[(Concept.EBITDA, period.key)] = _derived(
                [("+", ebit), ("+", amortisation)],
                Concept.EBITDA,
                ebit.value + amortisation.value,
                "ebit + depreciation_and_amortisation",
            )
    return Mapped(periods, tuple(figures), chosen)


def extracted_periods(mapped: Mapped) -> tuple[ExtractedPeriod, ...]:
    """Each period with every platform field; a field the document does not give is None."""
    result = []
    for period in mapped.periods:
        fields = []
        for name in Field:
            figure = mapped.chosen.get((Concept(name.value), period.key))
            if figure is None:
                fields.append(ExtractedField(name, None, 0.0, False, None))
                continue
            fields.append(
                ExtractedField(
                    name,
                    figure.value,
                    figure.confidence,
                    figure.stated,
                    figure.source,
                    figure.formula,
                )
            )
        result.append(ExtractedPeriod(period.fiscal_year_end, period.label, tuple(fields)))
    return tuple(result)
