"""Workbooks (XLSX) and CSV files as pages of words, so that one reader and one mapping serve
worksheets and annual reports alike.

Each non-empty cell becomes one word, laid on a grid: column n spans x = 100(n-1) to 100(n-1)+90,
row r spans y = 12(r-1) to 12(r-1)+10. A row is then a printed line, a column a printed column, and
the statements reader (statements.py) finds titles, year headings, labels and figures as it does
on a page. The page number is the sheet's 1-based position, a figure's label is its row's label
cell, and its raw text is the cell as the spreadsheet shows it (its number format applied:
"#,##0;(#,##0)" shows -1234 as "(1,234)").

XLSX values are read as last saved (openpyxl's data_only): a formula saved without its value (a
file written by a program that does not calculate) is listed, never read as blank silently.
CSV: the dialect is sniffed (comma, semicolon, tab or bar); the text is UTF-8 (with or without a
byte-order mark) or else Windows-1252, the two encodings spreadsheet programs save.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import openpyxl

from documents.model import PageText, Word

_WIDTH = 100.0
_HEIGHT = 12.0
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP = b"PK\x03\x04"
_DELIMITERS = ",;\t|"


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    page: PageText  # number: the sheet's 1-based position in the workbook
    uncalculated: tuple[str, ...] = ()  # cells holding a formula saved without its value


def _word(row: int, column: int, text: str) -> Word:
    x0 = (column - 1) * _WIDTH
    top = (row - 1) * _HEIGHT
    return Word(text, x0, top, x0 + 0.9 * _WIDTH, top + 0.8 * _HEIGHT)


def _page(number: int, rows: Iterable[Sequence[str]]) -> PageText:
    words = []
    columns = 0
    count = 0
    for r, row in enumerate(rows, start=1):
        count = r
        for c, text in enumerate(row, start=1):
            if text.strip():
                words.append(_word(r, c, text.strip()))
                columns = max(columns, c)
    return PageText(number, max(columns, 1) * _WIDTH, max(count, 1) * _HEIGHT, tuple(words))


def _sections(number_format: str) -> list[str]:
    sections, current, quoted = [], "", False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    return [*sections, current]


def _render(value: float, section: str) -> str:
    prefix, suffix, numeric = "", "", ""
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.index('"', i + 1) if '"' in section[i + 1 :] else len(section)
            literal, i = section[i + 1 : end], end + 1
        elif char == "\\" and i + 1 < len(section):
            literal, i = section[i + 1], i + 2
        elif char in "_*":
            literal, i = "", i + 2
        elif char == "[":
            literal, i = "", section.index("]", i) + 1 if "]" in section[i:] else len(section)
        elif char in "0#?.," and not suffix:
            numeric += char
            i += 1
            continue
        else:
            literal, i = char, i + 1
        if numeric:
            suffix += literal
        else:
            prefix += literal
    if not numeric:
        return (prefix + suffix).strip()
    if "%" in prefix + suffix:
        value *= 100
    scaled = numeric.rstrip(",")
    value /= 1000 ** (len(numeric) - len(scaled))
    decimals = len(scaled.split(".", 1)[1]) if "." in scaled else 0
    grouped = "," in scaled
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return (prefix + text + suffix).strip()


def shown(value: object, number_format: str = "General") -> str:
    """A cell's value as the spreadsheet shows it (module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, time):
        return value.isoformat()
    if not isinstance(value, int | float):
        return str(value).strip()
    number = float(value)
    if number_format in ("General", "", "@"):
        return str(int(number)) if number.is_integer() else f"{number:.10g}"
    sections = _sections(number_format)
    if number < 0 and len(sections) > 1:
        return _render(-number, sections[1])
    if number == 0 and len(sections) > 2:
        return _render(0.0, sections[2])
    text = _render(abs(number), sections[0])
    return f"-{text}" if number < 0 else text


def _xlsx(data: bytes) -> list[Sheet]:
    values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sheets = []
    try:
        for number, (sheet, raw) in enumerate(
            zip(values.worksheets, formulas.worksheets, strict=True), start=1
        ):
            rows: list[list[str]] = []
            missing: list[str] = []
            for value_row, formula_row in zip(sheet.iter_rows(), raw.iter_rows(), strict=False):
                texts = []
                for cell, source in zip(value_row, formula_row, strict=False):
                    value = getattr(cell, "value", None)
                    written = getattr(source, "value", None)
                    if value is None and isinstance(written, str) and written.startswith("="):
                        missing.append(str(getattr(source, "coordinate", "?")))
                    texts.append(shown(value, str(getattr(cell, "number_format", "General"))))
                rows.append(texts)
            sheets.append(Sheet(sheet.title, _page(number, rows), tuple(missing)))
    finally:
        values.close()
        formulas.close()
    return sheets


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The delimiter that splits the most rows into the same number (two or more) of fields.
    csv.Sniffer alone is misled by thousands separators: "Revenue;12,500;11,000" has as many
    commas as semicolons."""
    sample = text[:16384]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","

    def consistency(delimiter: str) -> tuple[int, bool]:
        lengths = Counter(
            len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row
        )
        wide = [(count, length) for length, count in lengths.items() if length >= 2]
        return (max(wide)[0] if wide else 0, delimiter == sniffed)

    return max(_DELIMITERS, key=consistency)


def _csv(data: bytes) -> list[Sheet]:
    text = _decode(data)
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    return [Sheet("CSV", _page(1, rows))]


def is_xlsx(data: bytes, media_type: str | None = None) -> bool:
    if media_type is not None and media_type.split(";")[0].strip().lower() == _XLSX:
        return True
    return data.startswith(_ZIP) and _has_workbook(data)


def _has_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def workbook_pages(data: bytes, media_type: str | None = None) -> list[Sheet]:
    """Each worksheet of an XLSX workbook, or the one sheet of a CSV file, as a page of words."""
    return _xlsx(data) if is_xlsx(data, media_type) else _csv(data)
