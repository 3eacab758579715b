"""Pages -> the statements on them, as tables of labelled lines and period columns.

A statement starts at its title (titles.py). The top of a page without a title (or with the
statement's own title marked "(continued)") continues the statement the page before ended with
when it plausibly does (continuation.py states when): its lines join that statement, each keeping
its own page. Otherwise a page without a title is read as an "other" table when it has year
columns, for the share count an issued-capital note gives and for the reconciliation of profit to
the operating cash flows (known by its title), which gives a direct-method statement's change in
working capital (mapping.py); nothing else is taken from it.

Under the title, the year headings give the columns (periods.py); every later line is a label,
perhaps a note reference (a "Note" column, or a small number right after the label) and one cell
per column, a word belonging to the column whose span holds its centre. A currency sign or a
bracket printed apart from its figure is joined to it. A label wrapped onto a second line (which
starts in lower case) is joined to the first. A line without figures is a heading, the section of
the lines below it ("Non-current liabilities").

Worksheets arrive as pages too (spreadsheet.py), with their names as fallback titles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from documents.continuation import bare_start, plain_top, same_years
from documents.lines import TextLine, group_lines, lowest_confidence
from documents.model import Issue, PageText, Word
from documents.numbers import (
    AMOUNT_PART,
    is_amount_like,
    is_garbled_figure,
    is_note_reference,
    parse_amount,
)
from documents.periods import date_columns, header_lines, period_end_stated, read_header
from documents.table import Cell, Column, Line, StatementKind, Table
from documents.titles import (
    is_continued,
    is_operating_reconciliation,
    sheet_kind,
    title_kind,
    vote,
)
from documents.units import Cues, document_cues, document_currency, read_units

_K = StatementKind
_SIGN_REACH = 80.0  # points between a lone "$" and its figure
_HEADER_REACH = 4  # lines above the year headings read for units and the period's date


@dataclass(frozen=True, slots=True)
class Statements:
    tables: tuple[Table, ...]
    issues: tuple[Issue, ...]


def _merged_figure_words(words: Sequence[Word]) -> list[tuple[Word, float]]:
    """Words with a lone currency sign or bracket joined to the figure beside it; each with the
    x used to place it in a column (the figure's own centre)."""
    merged: list[tuple[Word, float]] = []
    pending: Word | None = None
    for word in words:
        text = word.text.strip()
        if AMOUNT_PART.match(text) and text != ")":
            if pending is not None:
                merged.append((pending, (pending.x0 + pending.x1) / 2))
            pending = word
            continue
        centre = (word.x0 + word.x1) / 2
        if pending is not None:
            if is_amount_like(text) and word.x0 - pending.x1 <= _SIGN_REACH:
                gap = " " if word.x0 - pending.x1 > 1.0 and pending.text != "(" else ""
                word = replace(word, text=f"{pending.text}{gap}{text}", x0=pending.x0)
            else:
                merged.append((pending, (pending.x0 + pending.x1) / 2))
            pending = None
        if text == ")" and merged and is_amount_like(merged[-1][0].text):
            last, x = merged.pop()
            merged.append((replace(last, text=last.text + ")", x1=word.x1), x))
            continue
        merged.append((word, centre))
    if pending is not None:
        merged.append((pending, (pending.x0 + pending.x1) / 2))
    return merged


def _read_line(
    line: TextLine, columns: Sequence[Column], note_span: tuple[float, float] | None
) -> tuple[list[Word], str | None, list[list[Word]]]:
    """(label words, note, the words of each column's cell)."""
    first = columns[0].x0
    label: list[Word] = []
    note: str | None = None
    cells: list[list[Word]] = [[] for _ in columns]
    for word, x in _merged_figure_words(line.words):
        text = word.text.strip()
        if note_span and note_span[0] <= x <= note_span[1] and is_note_reference(text):
            note = text
            continue
        column = next((i for i, c in enumerate(columns) if c.x0 <= x <= c.x1), None)
        if column is not None and (is_amount_like(text) or is_garbled_figure(text)):
            cells[column].append(word)  # a garbled figure ("1,2O0") stays a figure, unread
        elif x < first or not any(cells):
            label.append(word)
    if note is None and len(label) > 1 and any(cells) and is_note_reference(label[-1].text):
        note = label.pop().text
    return label, note, cells


def _cell(words: Sequence[Word]) -> Cell | None:
    if not words:
        return None
    raw = " ".join(word.text for word in words)
    parsed = parse_amount(raw)
    if parsed is None:
        return None
    value, decimals = parsed
    shown = raw.replace("( ", "(").replace(" )", ")")
    return Cell(value, shown, lowest_confidence(words), decimals)


def _lines(
    lines: Sequence[TextLine], columns: Sequence[Column], note_span: tuple[float, float] | None
) -> tuple[list[Line], int]:
    """The table's lines, wrapped labels joined; and how many lines precede its first figure
    (the rest of the header: "$'000 $'000", "Restated")."""
    read: list[Line] = []
    leading: int | None = None
    zone = min(columns[0].x0, note_span[0] if note_span else columns[0].x0)
    for n, text_line in enumerate(lines):
        label_words, note, cell_words = _read_line(text_line, columns, note_span)
        cells = tuple(_cell(words) for words in cell_words)
        unread = tuple(
            (c, " ".join(w.text for w in words))
            for c, (words, cell) in enumerate(zip(cell_words, cells, strict=True))
            if words and cell is None
        )
        label = " ".join(word.text for word in label_words).strip()
        label_words_left = any((w.x0 + w.x1) / 2 < zone for w in label_words)
        has_figures = any(cell is not None for cell in cells) or bool(unread)
        if has_figures and leading is None:
            leading = n
        if not has_figures and (not label or label.isdigit() or not label_words_left):
            continue  # a heading's units line ("Note $'000 $'000"), a page number
        confidence = lowest_confidence(label_words)
        previous = read[-1] if read else None
        wrapped = previous is not None and not previous.has_figures and label[:1].islower()
        if previous is not None and wrapped and has_figures:
            read[-1] = Line(
                f"{previous.label} {label}",
                previous.page,
                cells,
                min(previous.label_confidence, confidence),
                note or previous.note,
                previous.section,
                unread,
            )
            continue
        section = next((r.label for r in reversed(read) if not r.has_figures), "")
        read.append(Line(label, text_line.page, cells, confidence, note, section, unread))
    return read, leading if leading is not None else len(lines)


def _mark(text: str) -> StatementKind | None:
    """What a line starting a table names: a statement, or the operating cash-flow reconciliation
    note (an "other" table known by its title)."""
    if (kind := title_kind(text)) is not None:
        return kind
    return _K.OTHER if is_operating_reconciliation(text) else None


_Spanned = tuple[Table, tuple[float, float] | None]  # a table and its Note column's span


def _tables_in_lines(
    lines: Sequence[TextLine],
    page: PageText,
    cues: Cues,
    fallback: tuple[StatementKind, str] | None,
    follows: _Spanned | None = None,
) -> list[_Spanned]:
    """The tables in `lines` of `page`, each with its Note column's span; `follows` is the table
    the lines follow on the page (a statement continued from the page before)."""
    marks = [(i, k, line.text) for i, line in enumerate(lines) if (k := _mark(line.text))]
    if not marks or marks[0][0] > 0:
        kind, title = fallback if fallback is not None else (_K.OTHER, "")
        marks = [(0, kind, title), *marks]
    tables: list[_Spanned] = []
    for n, (start, kind, title) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        segment = lines[start:end]
        heads = header_lines(segment, page.width)
        previous = tables[-1] if tables else follows
        if not heads and previous is not None and is_operating_reconciliation(title):
            under = _under_previous(segment, page, title, *previous)
            if under is not None:
                tables.append((under, previous[1]))
        for h, at in enumerate(heads):
            stop = heads[h + 1] if h + 1 < len(heads) else len(segment)
            header = read_header(segment, at, page.width, stop)
            body, leading = _lines(segment[at + 1 : stop], header.columns, header.note_span)
            above = segment[
                max((heads[h - 1] + 1) if h else 0, at - _HEADER_REACH) : at + 1 + leading
            ]
            header_text = " ".join([title, *(line.text for line in above)])
            figures = " ".join(c.raw_text for line in body for c in line.cells if c is not None)
            units = read_units(header_text)
            currency = document_currency(f"{header_text} {figures}", cues)
            if not any(line.has_figures for line in body):
                continue
            table = Table(
                kind, title, page.number, header.columns, tuple(body), units, currency, header_text
            )
            tables.append((table, header.note_span))
    return tables


def _under_previous(
    segment: Sequence[TextLine],
    page: PageText,
    title: str,
    previous: Table,
    note_span: tuple[float, float] | None,
) -> Table | None:
    """The reconciliation of profit to the operating cash flows printed under the statement
    above it on the page, in that statement's columns without repeating their headings (the
    rule that a page continues a statement, continuation.py, says whether it is)."""
    start = bare_start(segment[1:], previous.columns, note_span, _K.OTHER)
    if start is None:
        return None
    body, _ = _lines(segment[1 + start :], previous.columns, note_span)
    return Table(
        _K.OTHER,
        title,
        page.number,
        previous.columns,
        tuple(body),
        previous.units,
        previous.currency,
        title,
    )


@dataclass(frozen=True, slots=True)
class _Open:
    """The statement a page ends with, which the next page may continue (continuation.py)."""

    table: Table
    note_span: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class _Continued:
    lines: tuple[Line, ...]
    end: int  # the page's lines from here on are read on their own
    note_span: tuple[float, float] | None


def _continuation(lines: Sequence[TextLine], page: PageText, open_: _Open) -> _Continued | None:
    """The lines at the top of `page` that continue `open_`'s statement, or None when the page
    does not plausibly continue it (continuation.py)."""
    statement = open_.table
    kind = statement.kind
    marks = [i for i, line in enumerate(lines) if _mark(line.text) is not None]
    if marks and title_kind(lines[marks[0]].text) is kind and is_continued(lines[marks[0]].text):
        marks = marks[1:]  # "... (continued)": the statement's own title, carried over
    boundary = marks[0] if marks else len(lines)
    segment = lines[:boundary]
    heads = header_lines(segment, page.width)
    if heads:
        at = heads[0]
        stop = heads[1] if len(heads) > 1 else len(segment)
        if not plain_top(segment[:at], kind):
            return None
        header = read_header(segment, at, page.width, stop)
        if not same_years(statement.columns, header.columns):
            return None
        body, leading = _lines(segment[at + 1 : stop], header.columns, header.note_span)
        stated = read_units(" ".join(line.text for line in segment[: at + 1 + leading]))
        if stated.printed is not None and stated.multiplier != statement.units.multiplier:
            return None
        note_span, end = header.note_span, stop
    else:
        start = bare_start(segment, statement.columns, open_.note_span, kind)
        if start is None:
            return None
        body, _ = _lines(segment[start:], statement.columns, open_.note_span)
        note_span, end = open_.note_span, boundary
    if not any(line.has_figures for line in body):
        return None
    if vote(replace(statement, lines=tuple(body))) not in (_K.OTHER, kind):
        return None
    # Lines above the page's first heading stand under the heading the statement ended in.
    tail = statement.lines[-1]
    carried = tail.section if tail.has_figures else tail.label
    joined = tuple(line if line.section else replace(line, section=carried) for line in body)
    return _Continued(joined, end, note_span)


def read_statements(
    pages: Sequence[PageText],
    fiscal_year_end: date | None = None,
    sheet_names: Mapping[int, str] | None = None,
) -> Statements:
    """The statements (and other year-column tables) on `pages`, their columns dated; a
    statement continued on the next page read as one (continuation.py)."""
    cues = document_cues(" ".join(word.text for page in pages for word in page.words))
    tables: list[Table] = []
    open_: _Open | None = None
    for page in pages:
        name = (sheet_names or {}).get(page.number)
        fallback = None
        if name is not None:
            named = sheet_kind(name)
            fallback = (named, name) if named is not None else (_K.OTHER, name)
        lines = group_lines(page)
        continued = None
        if (
            open_ is not None
            and name is None
            and open_.table.kind is not _K.OTHER
            and open_.table.lines[-1].page == page.number - 1
        ):
            continued = _continuation(lines, page, open_)
        if continued is not None:
            tables[-1] = replace(tables[-1], lines=(*tables[-1].lines, *continued.lines))
            open_ = _Open(tables[-1], continued.note_span)
            lines = lines[continued.end :]
        else:
            open_ = None
        found = _tables_in_lines(
            lines, page, cues, fallback, (open_.table, open_.note_span) if open_ else None
        )
        if name is not None:
            found = [
                (replace(t, kind=vote(t)) if t.kind is _K.OTHER and t.title == name else t, span)
                for t, span in found
            ]
        tables.extend(table for table, _ in found)
        if found:
            open_ = _Open(*found[-1])
    return _dated(tables, fiscal_year_end)


def _dated(tables: list[Table], fiscal_year_end: date | None) -> Statements:
    full = Counter(
        (c.fiscal_year_end.month, c.fiscal_year_end.day)
        for t in tables
        if t.kind is not _K.OTHER
        for c in t.columns
        if c.fiscal_year_end is not None
    )
    stated = {id(t): period_end_stated(t.header_text) for t in tables}
    full.update((d.month, d.day) for d in stated.values() if d is not None)
    elsewhere = full.most_common(1)[0][0] if full else None
    issues: list[Issue] = []
    if fiscal_year_end is not None:
        for table in tables:
            said = stated[id(table)]
            if said is not None and (said.month, said.day) != (
                fiscal_year_end.month,
                fiscal_year_end.day,
            ):
                issues.append(
                    Issue(
                        "FISCAL_YEAR_END_DIFFERS",
                        f"the {table.kind} on page {table.page} is for the period ended "
                        f"{said:%d %B %Y}; the fiscal year end given is "
                        f"{fiscal_year_end:%d %B}: its year-only columns are dated "
                        f"{fiscal_year_end:%d %B}",
                        table.page,
                    )
                )
                break
    dated = tuple(
        replace(t, columns=date_columns(t.columns, fiscal_year_end, stated[id(t)], elsewhere))
        for t in tables
    )
    return Statements(dated, tuple(issues))
