"""Whether the top of a page carries on the statement the page before it ended with.

Long annual reports run a balance sheet or a cash-flow statement onto a second page, which
carries "(continued)" in a title, or only the year headings, or nothing but lines and figures in
the same columns. Read alone, such a page would be an "other" table (or nothing) and its lines
(total liabilities, equity) lost. It continues the statement when it plausibly does:

- it directly follows the page the statement ends on, and no title of its own comes first, or
  only the statement's own title marked "(continued)" (statements.py checks these);
- nothing above its first figure names something else: another statement ("Statement of changes
  in equity"), a note ("Notes to the financial statements", "Note 21. Dividends", "21. Dividends")
  or the operating cash-flow reconciliation; and no prose (a line of ten words or more without
  figures) stands above or among its lines, as it does in a note;
- its columns are the statement's: headed by the same years in the same order, or, without
  headings, each line's figures sit one to a column of the statement's (a statement of changes in
  equity, four columns of figures where the balance sheet has two, does not);
- its lines are not, by their labels, another statement's (titles.vote), and it states no other
  units (statements.py checks these).

Otherwise the page is read on its own, as any page is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from documents.lines import TextLine, phrases
from documents.numbers import AMOUNT_PART, is_note_reference
from documents.periods import period_end_stated
from documents.table import Column, StatementKind
from documents.titles import is_continued, is_operating_reconciliation, title_kind

_ANOTHER_STATEMENT = re.compile(r"\bstatements? of\b", re.I)
_NOTE_HEADING = re.compile(r"^(?:(?i:notes?)\s+(?:(?i:to)\b|\d)|\d{1,3}[.)]?\s+[A-Z][a-z])")
_PROSE_WORDS = 10
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_MIN_FIGURE_LINES = 2


def names_something_else(text: str, kind: StatementKind) -> bool:
    """A line naming another statement, a note or the cash-flow reconciliation: anything but
    `kind`'s statement continued."""
    named = title_kind(text)
    if named is not None:
        return named is not kind or not is_continued(text)
    stripped = text.strip()
    return bool(
        _ANOTHER_STATEMENT.search(stripped)
        or _NOTE_HEADING.match(stripped)
        or is_operating_reconciliation(stripped)
    )


def _title_like(text: str) -> bool:
    return title_kind(text) is not None or is_continued(text) or period_end_stated(text) is not None


def _figure_phrases(line: TextLine) -> list[tuple[str, float]] | None:
    """The figures printed after a line's label, each with its centre (a lone "$" or bracket
    left out); None for a page number standing alone."""
    groups = phrases(line.words)
    label_end = max(
        (n for n, p in enumerate(groups) if any(c.isalpha() for c in p.text)), default=-1
    )
    if label_end < 0 and len(groups) == 1 and _PAGE_NUMBER.match(groups[0].text.strip()):
        return None
    found = []
    for phrase in groups[label_end + 1 :]:
        words = [w for w in phrase.words if not AMOUNT_PART.match(w.text.strip())]
        if words:
            found.append((" ".join(w.text for w in words), (words[0].x0 + words[-1].x1) / 2))
    return found


def _figures_placed(
    line: TextLine, columns: Sequence[Column], note_span: tuple[float, float] | None
) -> bool | None:
    """Whether each figure on `line` sits in a column of its own (a note reference beside the
    label aside); None when the line prints no figure."""
    figures = _figure_phrases(line)
    if not figures:
        return None
    placed: set[int] = set()
    for text, centre in figures:
        column = next((i for i, c in enumerate(columns) if c.x0 <= centre <= c.x1), None)
        if column is None:
            in_note_column = (
                note_span[0] <= centre <= note_span[1]
                if note_span is not None
                else centre < columns[0].x0
            )
            if in_note_column and is_note_reference(text):
                continue
            return False
        if column in placed:
            return False
        placed.add(column)
    return True if placed else None


def _is_prose(line: TextLine) -> bool:
    return len(line.words) >= _PROSE_WORDS and not _figure_phrases(line)


def plain_top(lines: Sequence[TextLine], kind: StatementKind) -> bool:
    """No line above the table names something else or is prose."""
    return not any(names_something_else(line.text, kind) or _is_prose(line) for line in lines)


def same_years(statement: Sequence[Column], found: Sequence[Column]) -> bool:
    """Headings naming the statement's periods, in its order."""
    return len(statement) == len(found) and all(
        a.year is not None
        and a.year == b.year
        and (a.fiscal_year_end is None or b.fiscal_year_end in (None, a.fiscal_year_end))
        for a, b in zip(statement, found, strict=True)
    )


def bare_start(
    lines: Sequence[TextLine],
    columns: Sequence[Column],
    note_span: tuple[float, float] | None,
    kind: StatementKind,
) -> int | None:
    """Where lines without year headings start continuing the statement whose `columns` they
    would fall in: at the heading over the first figure line, or at that line; None when they do
    not continue it (module docstring)."""
    placed = [_figures_placed(line, columns, note_span) for line in lines]
    figure_lines = [n for n, ok in enumerate(placed) if ok is not None]
    if len(figure_lines) < _MIN_FIGURE_LINES or not all(placed[n] for n in figure_lines):
        return None
    first, last = figure_lines[0], figure_lines[-1]
    if not plain_top(lines[:first], kind) or any(_is_prose(line) for line in lines[first:last]):
        return None
    above = lines[first - 1] if first else None
    return first - 1 if above is not None and not _title_like(above.text) else first
