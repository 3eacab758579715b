"""Parser for Reserve Bank of Australia statistical-table CSV files, exactly as the RBA publishes
them (F1.1, F2, G1, ...).

Layout: a title line, a metadata block of labelled rows (Title, Description, Frequency, Type, Units,
Source, Publication date, Series ID), then one row per period whose first cell is a date.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime

from providers.models import RateObservation, RateSeries

_UTF8_BOM = b"\xef\xbb\xbf"
# `%b` in strptime follows the process locale; the RBA always writes English month names.
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


class RbaParseError(ValueError):
    """The bytes are not an RBA statistical table this parser can read."""


@dataclass(frozen=True, slots=True)
class RbaTable:
    """One RBA statistical table: its title line and its series, keyed by Series ID."""

    table_title: str
    series: dict[str, RateSeries]


def parse_rba_table(raw: bytes) -> RbaTable:
    """Parse the bytes of an RBA statistical-table CSV file.

    Rates (units containing "per cent") become decimal fractions; other units are kept as published.
    Raises RbaParseError when the file cannot be read as an RBA table.
    """
    try:
        rows = list(csv.reader(io.StringIO(_decode(raw), newline="")))
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        raise RbaParseError(f"unreadable CSV: {exc}") from None
    header_end = next((i for i, row in enumerate(rows) if _cell(row, 0) == "Series ID"), None)
    if header_end is None:
        raise RbaParseError("no 'Series ID' row found: not an RBA statistical table")
    metadata: dict[str, list[str]] = {}
    for row in rows[:header_end]:
        metadata.setdefault(_cell(row, 0), row)

    id_row = rows[header_end]
    # Comma padding leaves empty cells after the last series; they are not series.
    columns = {i: _cell(id_row, i) for i in range(1, len(id_row)) if _cell(id_row, i)}
    units = {i: _meta(metadata, "Units", i) for i in columns}
    observations: dict[int, list[RateObservation]] = {i: [] for i in columns}
    for row in rows[header_end + 1 :]:
        first = _cell(row, 0)
        if not first:  # blank or comma-only padding line
            continue
        as_of = _parse_date(first, "data row")
        for i, series_id in columns.items():
            text = _cell(row, i)
            if text:
                value = _parse_number(text, series_id, first)
                observations[i].append(RateObservation(as_of, _scaled(value, units[i])))

    series = {
        series_id: RateSeries(
            series_id=series_id,
            title=_meta(metadata, "Title", i),
            units=units[i],
            frequency=_meta(metadata, "Frequency", i),
            source=_meta(metadata, "Source", i),
            published_on=_publication_date(_meta(metadata, "Publication date", i), series_id),
            observations=tuple(observations[i]),
        )
        for i, series_id in columns.items()
    }
    return RbaTable(table_title=_cell(rows[0], 0), series=series)


def _decode(raw: bytes) -> str:
    raw = raw.removeprefix(_UTF8_BOM)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # The RBA publishes cp1252; only copies that someone re-saved are UTF-8.
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise RbaParseError(f"file is neither UTF-8 nor cp1252 text: {exc}") from exc


def _cell(row: list[str], index: int) -> str:
    # Data rows stop early when their trailing series have no value.
    return row[index].strip() if index < len(row) else ""


def _meta(metadata: dict[str, list[str]], label: str, index: int) -> str:
    return _cell(metadata.get(label, []), index)


def _parse_date(text: str, where: str) -> date:
    try:
        if "/" in text:
            return datetime.strptime(text, "%d/%m/%Y").date()
        day, month, year = text.split("-")
        return date(int(year), _MONTHS[month.title()], int(day))
    except (ValueError, KeyError):
        raise RbaParseError(f"unparseable date {text!r} in {where}") from None


def _publication_date(text: str, series_id: str) -> date | None:
    return _parse_date(text, f"publication date of series {series_id}") if text else None


def _parse_number(text: str, series_id: str, when: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise RbaParseError(f"unparseable number {text!r} for series {series_id} on {when}")
    return value


def _scaled(value: float, units: str) -> float:
    if "per cent" in units.lower():
        # Rounding removes float noise: 4.10 / 100 is 0.040999999999999995, not 0.041.
        return round(value / 100, 10)
    return value
