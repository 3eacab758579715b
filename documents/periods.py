"""Period columns: finding a statement's year headings, where they sit, and dating them.

A heading is a phrase made only of a period and its trimmings: "2025", "FY25", "2024/25",
"30 June 2025", "September 28, 2024", "2025 $'000", "2024 Restated". The heading line is the first
with two or more such phrases (two years side by side, AASB 101.38 comparatives); a statement
with one period is accepted when its single heading sits right of the page's middle, so that a
centred "30 June 2025" under a title is not taken for a column.

Words stacked over or under a heading belong to it: "30 June" over "2025" dates it; "Number" or
"Shares" marks a column of counts rather than money (an issued-capital note's).

Dating, for a column headed only by a year (FY25 and 2024/25 name the year they end in):
1. the `fiscal_year_end` the caller gives (its month and day, that year);
2. the statement's own "for the year ended 30 June 2025" / "as at 30 June 2025";
3. the month and day of a fully dated column elsewhere in the document;
otherwise the column stays undated and the extraction says so (YEAR_UNDATED). Numeric dates are
read day first (30/06/2025), as Australian and UK reports print them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from documents.lines import Phrase, TextLine, phrases
from documents.table import Column

_MONTH_NAMES = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
_MONTH_NAMES["sept"] = 9
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"((?:19|20)\d{2})"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+{_YEAR}\b")
_MDY = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}}),?\s+{_YEAR}\b")
_NUMERIC = re.compile(rf"\b(\d{{1,2}})[/.](\d{{1,2}})[/.]{_YEAR}\b")
_ISO = re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b")
_SPLIT = re.compile(rf"\b{_YEAR}\s?[/-]\s?(\d{{2}})\b")
_FY = re.compile(r"\bfy\s?'?((?:19|20)?\d{2})\b")
_BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
_MONTH_DAY = re.compile(rf"^(?:(\d{{1,2}})\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}}))\.?,?$")
_TRIMMINGS = re.compile(
    r"[$£€'’*,.()]|\b(?:a|au|us|nz|aud|usd|nzd|gbp|eur|000s?|m|mn|bn|k|restated|actual|"
    r"audited|unaudited|consolidated|group|company|parent|entity)\b"
)
_PERIOD_PHRASE = re.compile(
    r"(?:years?|period|months|weeks)\s+(?:ended|ending)|\bas\s+(?:at|of)\b|\bended\b", re.I
)
_NOTE_HEADING = re.compile(r"^notes?(?:\s*\(?s\)?)?$|^note\(s\)$", re.I)
_COUNTS = re.compile(r"\b(?:number|no\.?|shares|units)\b", re.I)
_COUNT_THOUSANDS = re.compile(r"'000|’000|\b000s?\b|thousands", re.I)
_COUNT_MILLIONS = re.compile(r"\bm\b|millions?", re.I)
_SINGLE_HEADING_FROM = 0.45  # of the page's width: right of the middle


@dataclass(frozen=True, slots=True)
class Heading:
    year: int
    fiscal_year_end: date | None  # when the heading carries its day and month


@dataclass(frozen=True, slots=True)
class Header:
    line: int  # index of the heading line among the lines searched
    columns: tuple[Column, ...]
    note_span: tuple[float, float] | None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_date(text: str) -> tuple[date | None, re.Match[str] | None]:
    lowered = text.lower()
    if found := _DMY.search(lowered):
        return _safe_date(int(found[3]), _MONTH_NAMES[found[2]], int(found[1])), found
    if found := _MDY.search(lowered):
        return _safe_date(int(found[3]), _MONTH_NAMES[found[1]], int(found[2])), found
    if found := _ISO.search(lowered):
        return _safe_date(int(found[1]), int(found[2]), int(found[3])), found
    if found := _NUMERIC.search(lowered):
        return _safe_date(int(found[3]), int(found[2]), int(found[1])), found
    return None, None


def parse_heading(text: str) -> Heading | None:
    """The period a column heading names, or None when the phrase is not only a heading."""
    lowered = text.lower().strip()
    dated, found = _read_date(lowered)
    if dated is not None and found is not None:
        rest = lowered[: found.start()] + " " + lowered[found.end() :]
        year = dated.year
    elif found := _SPLIT.search(lowered):
        first, second = int(found[1]), int(found[2])
        if second != (first + 1) % 100:
            return None
        year, rest = first + 1, lowered[: found.start()] + " " + lowered[found.end() :]
    elif found := _FY.search(lowered):
        digits = found[1]
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        rest = lowered[: found.start()] + " " + lowered[found.end() :]
    elif found := _BARE_YEAR.search(lowered):
        year, rest = int(found[1]), lowered[: found.start()] + " " + lowered[found.end() :]
    else:
        return None
    if _TRIMMINGS.sub(" ", rest).strip():
        return None
    return Heading(year, dated)


def period_end_stated(text: str) -> date | None:
    """The date in "for the year ended 30 June 2025" or "as at 30 June 2025", if any."""
    for found in _PERIOD_PHRASE.finditer(text):
        dated, _ = _read_date(text[found.end() : found.end() + 40])
        if dated is not None:
            return dated
    return None


def _is_header_line(line: TextLine, width: float) -> list[tuple[Phrase, Heading]]:
    found = [(p, h) for p in phrases(line.words) if (h := parse_heading(p.text)) is not None]
    if len(found) >= 2:
        return found
    if len(found) == 1 and found[0][0].x0 >= _SINGLE_HEADING_FROM * width:
        return found
    return []


def header_lines(lines: Sequence[TextLine], width: float) -> list[int]:
    """Indexes of the lines that head period columns."""
    return [i for i, line in enumerate(lines) if _is_header_line(line, width)]


def read_header(lines: Sequence[TextLine], at: int, width: float, stop: int) -> Header:
    """The columns the heading line `lines[at]` defines, with the words stacked on it from the
    header block `lines[max(at - 2, 0):stop]`."""
    found = _is_header_line(lines[at], width)
    block = [
        phrase
        for i in range(max(at - 2, 0), min(stop, at + 3))
        if i != at
        for phrase in phrases(lines[i].words)
    ]
    block_all = block + phrases(lines[at].words)
    note = next((p for p in block_all if _NOTE_HEADING.match(p.text.strip())), None)
    drafts: list[tuple[str, Heading, float, float, bool, Decimal]] = []
    for phrase, heading in found:
        label, dated = phrase.text, heading.fiscal_year_end
        x0, x1, counts, count_multiplier = phrase.x0, phrase.x1, False, Decimal(1)
        for other in block:
            if other.x1 < phrase.x0 - 2 or other.x0 > phrase.x1 + 2:
                continue
            stacked = _MONTH_DAY.match(other.text.strip().lower())
            if stacked and dated is None:
                day = stacked[1] or stacked[4]
                month = stacked[2] or stacked[3]
                dated = _safe_date(heading.year, _MONTH_NAMES[month], int(day))
                label = f"{other.text.strip()} {label}"
            elif _COUNTS.search(other.text) and len(other.words) <= 3:
                counts = True
                if _COUNT_THOUSANDS.search(other.text):
                    count_multiplier = Decimal(1000)
                elif _COUNT_MILLIONS.search(other.text):
                    count_multiplier = Decimal(1_000_000)
            else:
                continue
            x0, x1 = min(x0, other.x0), max(x1, other.x1)
        drafts.append((label, Heading(heading.year, dated), x0, x1, counts, count_multiplier))
    columns = _regions(drafts, note)
    note_span = (note.x0 - 15, note.x1 + 15) if note is not None else None
    return Header(at, columns, note_span)


def _regions(
    drafts: list[tuple[str, Heading, float, float, bool, Decimal]], note: Phrase | None
) -> tuple[Column, ...]:
    """Each column's span for assigning figures: halfway to its neighbours' centres (figures are
    right-aligned and often wider than their heading), at least 45 points either side."""
    centres = [(x0 + x1) / 2 for _, _, x0, x1, _, _ in drafts]
    spacing = min((b - a for a, b in pairwise(centres)), default=90.0)
    half = max(spacing / 2, 45.0)
    columns = []
    for i, (label, heading, _, _, counts, multiplier) in enumerate(drafts):
        left = (centres[i - 1] + centres[i]) / 2 if i else centres[i] - half
        right = (centres[i] + centres[i + 1]) / 2 if i + 1 < len(centres) else centres[i] + half
        if i == 0 and note is not None and note.x1 < centres[i]:
            left = max(left, note.x1 + 1)
        columns.append(
            Column(label, heading.year, heading.fiscal_year_end, left, right, counts, multiplier)
        )
    return tuple(columns)


def date_columns(
    columns: Sequence[Column],
    fiscal_year_end: date | None,
    stated: date | None,
    elsewhere: tuple[int, int] | None,
) -> tuple[Column, ...]:
    """Columns headed only by a year dated by the module docstring's rule."""
    month_day = (
        (fiscal_year_end.month, fiscal_year_end.day)
        if fiscal_year_end is not None
        else (stated.month, stated.day)
        if stated is not None
        else elsewhere
    )
    dated = []
    for column in columns:
        if column.fiscal_year_end is None and column.year is not None and month_day is not None:
            month, day = month_day
            last = calendar.monthrange(column.year, month)[1]
            column = replace(column, fiscal_year_end=date(column.year, month, min(day, last)))
        dated.append(column)
    return tuple(dated)
