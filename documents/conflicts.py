"""CONFLICTING_FIGURES: one amount printed differently in two places, both shown with their pages.

Four places an annual report prints the same amount twice:
- a field in two statements: net profit and depreciation on the income statement and in the
  cash-flow statement's reconciliation (AASB 107.20(b));
- cash at the year end on the balance sheet and as the cash-flow statement's closing cash (AASB
  107.45 asks for the reconciliation; a bank overdraft netted into cash, AASB 107.8, is the usual
  reason they differ, so the message names it);
- a period's opening cash and the prior period's closing cash;
- the change in working capital on the cash-flow statement (a stated line, or its movement lines
  added) and the movement lines of the note reconciling profit to net cash from operating
  activities (AASB 107.20): the statement's is used, the note's is shown beside it, both in the
  statement's sign (a cash effect).

A figure is in conflict only when no line of the chosen figure's statement has its value: the
profit attributable to owners and the profit for the year both stand on an income statement, and
the cash-flow statement may start from either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta

from documents.concepts import Concept
from documents.figures import Figure, Index, agree, as_printed
from documents.mapping import Mapped, Period, allowed_kinds
from documents.model import Issue
from documents.table import StatementKind

_C = Concept
_COMPARED = frozenset({c for c in Concept if c.field is not None} | {_C.PROFIT_BEFORE_TAX}) - {
    _C.CHANGE_IN_WORKING_CAPITAL,
    _C.EBITDA,
    _C.EBIT,
}
_MIN_SCORE = 0.85
_OVERDRAFT = (
    "; a bank overdraft included in the cash-flow statement's cash (AASB 107.8) would explain it"
)


def _where(figure: Figure) -> str:
    source = figure.source
    return f"'{source.label}' {source.raw_text} ({figure.kind}, page {source.page})"


def _issue(heading: str, first: Figure, second: Figure, note: str = "") -> Issue:
    return Issue(
        "CONFLICTING_FIGURES",
        f"{heading}: {_where(first)} but {_where(second)}{note}",
        second.source.page,
    )


def _same_field(mapped: Mapped, index: Index, when: Mapping[str, str]) -> Iterator[Issue]:
    for figure in mapped.figures:
        if figure.concept not in _COMPARED or figure.score < _MIN_SCORE:
            continue
        chosen = mapped.chosen.get((figure.concept, figure.period))
        if chosen is None or chosen.table == figure.table or chosen.score < _MIN_SCORE:
            continue
        if figure.kind not in allowed_kinds(figure.concept):
            continue
        if figure.kind is StatementKind.OTHER and chosen.kind is StatementKind.OTHER:
            continue
        alike = index.get((chosen.table, chosen.period), {}).get(figure.concept, [chosen])
        if any(agree(other.value, figure.value, other, figure) for other in alike):
            continue
        name = figure.concept.value.replace("_", " ")
        yield _issue(f"{name} for {when.get(figure.period, figure.period)}", chosen, figure)


def _previous(periods: tuple[Period, ...], period: Period) -> Period | None:
    position = periods.index(period)
    if position == 0:
        return None
    before = periods[position - 1]
    if period.fiscal_year_end is not None and before.fiscal_year_end is not None:
        gap = period.fiscal_year_end - before.fiscal_year_end
        return before if timedelta(days=330) <= gap <= timedelta(days=400) else None
    if period.year is not None and before.year == period.year - 1:
        return before
    return None


def _figures(index: Index, concept: Concept, period: str, kind: StatementKind) -> list[Figure]:
    return [
        figure
        for (_, key), found in index.items()
        if key == period
        for figure in found.get(concept, [])
        if figure.kind is kind
    ]


def _cash(mapped: Mapped, index: Index, when: Mapping[str, str]) -> Iterator[Issue]:
    balance, flows = StatementKind.BALANCE, StatementKind.CASH_FLOW
    for period in mapped.periods:
        name = when.get(period.key, period.label)
        cash = _figures(index, _C.CASH, period.key, balance)
        for closing in _figures(index, _C.CLOSING_CASH, period.key, flows):
            if cash and not any(agree(c.value, closing.value, c, closing) for c in cash):
                yield _issue(f"cash at {name}", cash[0], closing, _OVERDRAFT)
        before = _previous(mapped.periods, period)
        if before is None:
            continue
        earlier = when.get(before.key, before.label)
        prior_cash = _figures(index, _C.CASH, before.key, balance)
        prior_closing = _figures(index, _C.CLOSING_CASH, before.key, flows)
        for opening in _figures(index, _C.OPENING_CASH, period.key, flows):
            for prior in (prior_cash, prior_closing):
                if prior and not any(agree(p.value, opening.value, p, opening) for p in prior):
                    heading = f"cash at {earlier}, the opening cash of the period to {name}"
                    yield _issue(heading, prior[0], opening)


def _working_capital(mapped: Mapped, when: Mapping[str, str]) -> Iterator[Issue]:
    concept = _C.CHANGE_IN_WORKING_CAPITAL
    for period in mapped.periods:
        chosen = mapped.chosen.get((concept, period.key))
        if chosen is None or chosen.kind is not StatementKind.CASH_FLOW:
            continue
        note = next(
            (
                f
                for f in mapped.figures
                if f.concept is concept and f.period == period.key and f.kind is StatementKind.OTHER
            ),
            None,
        )
        if note is None or agree(chosen.value, note.value, chosen, note):
            continue
        # The platform's sign is the investment; the statement and the note print the cash effect.
        yield Issue(
            "CONFLICTING_FIGURES",
            f"change in working capital for {when.get(period.key, period.label)}: {_where(chosen)}"
            " but the working-capital lines of the reconciliation of profit to net cash from "
            f"operating activities add to {as_printed(-note.value, note)} (page "
            f"{note.source.page}): {note.source.raw_text}",
            note.source.page,
        )


def conflicts(mapped: Mapped, index: Index, when: Mapping[str, str]) -> list[Issue]:
    """Every conflict in the module docstring, each reported once."""
    found = [
        *_same_field(mapped, index, when),
        *_cash(mapped, index, when),
        *_working_capital(mapped, when),
    ]
    return list(dict.fromkeys(found))
