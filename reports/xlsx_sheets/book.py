"""The workbook the model sheets write into: cell roles and number formats, cell references, and
workbook names.

Roles follow the banking convention, so that a reader sees at a glance what may be flexed:

- `INPUT`: a figure of the valuation's input (blue on pale yellow); change it and the model
  recomputes;
- `ENGINE`: a figure the engine or an upstream produced that no formula here reproduces (the
  Monte Carlo, a peer's multiple, the RBA yield; blue on grey), a value that a flex leaves as is;
- `FORMULA`: computed in the workbook (black);
- `API`: the stored result's figure beside a formula, for the checks (grey italics).

Formulas are written without cached results: the spreadsheet computes them on opening (the file
asks for a full calculation on load).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet


class Role(Enum):
    LABEL = "label"
    INPUT = "input"
    ENGINE = "engine"
    FORMULA = "formula"
    API = "api"


class Kind(Enum):
    """How a figure is shown: A$, A$ per share, %, x, and so on (`NUMBER_FORMATS`)."""

    MONEY = "money"
    PER_SHARE = "per_share"
    PERCENT = "percent"
    MULTIPLE = "multiple"
    DECIMAL = "decimal"
    COUNT = "count"
    YEARS = "years"
    DATE = "date"
    TEXT = "text"
    FLAG = "flag"
    GENERAL = "general"


NUMBER_FORMATS = {
    Kind.MONEY: '"A$"#,##0;[Red]-"A$"#,##0',
    Kind.PER_SHARE: '"A$"0.0000;[Red]-"A$"0.0000',
    Kind.PERCENT: "0.00%",
    Kind.MULTIPLE: '0.00"x"',
    Kind.DECIMAL: "0.0000",
    Kind.COUNT: "#,##0",
    Kind.YEARS: "0.0000",
    Kind.DATE: "yyyy-mm-dd",
    Kind.TEXT: "General",  # not "@": a formula typed into a text cell would stay text
    Kind.FLAG: "General",
    Kind.GENERAL: "General",
}


_FONT = {Role.INPUT: "#0000FF", Role.ENGINE: "#0000FF", Role.FORMULA: "#000000"}
_FILL = {Role.INPUT: "#FFF2CC", Role.ENGINE: "#E7E6E6"}


class ModelBook:
    """An in-memory XLSX with the model's formats; `close` gives its bytes."""

    def __init__(self) -> None:
        self._output = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(
            self._output,
            {
                "in_memory": True,
                "use_future_functions": True,  # PERCENTILE.INC, STDEV.S as Excel 2010+ writes them
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self._formats: dict[tuple[Kind, Role, bool], Format] = {}
        self._named_formats: dict[str, Format] = {}
        self.names: dict[str, str] = {}  # workbook name -> its cell, "Sheet!$B$4"

    def fmt(self, kind: Kind, role: Role, bold: bool = False) -> Format:
        key = (kind, role, bold)
        if key not in self._formats:
            spec: dict[str, Any] = {"num_format": NUMBER_FORMATS[kind], "bold": bold}
            if role in _FONT:
                spec["font_color"] = _FONT[role]
            if role in _FILL:
                spec["bg_color"] = _FILL[role]
            if role is Role.API:
                spec.update(font_color="#595959", italic=True)
            self._formats[key] = self.workbook.add_format(spec)
        return self._formats[key]

    def heading(self, level: int = 1) -> Format:
        size = {1: 14, 2: 11}.get(level, 10)
        return self.style(
            f"heading{level}", {"bold": True, "font_size": size, "font_color": "#1F3A5F"}
        )

    def style(self, name: str, spec: dict[str, Any]) -> Format:
        if name not in self._named_formats:
            self._named_formats[name] = self.workbook.add_format(spec)
        return self._named_formats[name]

    def sheet(self, name: str) -> Sheet:
        worksheet = self.workbook.add_worksheet(name)
        # Printed on A4 landscape, one page wide: a model is read across its columns.
        worksheet.set_landscape()
        worksheet.set_paper(9)
        worksheet.fit_to_pages(1, 0)
        return Sheet(self, worksheet, name)

    def define(self, name: str, cell: str) -> None:
        if name in self.names:
            raise ValueError(f"The name {name} is defined twice.")
        self.names[name] = cell
        self.workbook.define_name(name, f"={cell}")

    def close(self) -> bytes:
        self.workbook.close()
        return self._output.getvalue()


class Sheet:
    """One worksheet, with a cursor for label / value / note lines and direct cell writers."""

    def __init__(self, book: ModelBook, worksheet: Worksheet, name: str) -> None:
        self.book = book
        self.ws = worksheet
        self.name = name
        self.row = 0

    def ref(self, row: int, col: int, *, absolute: bool = True) -> str:
        """The cell as other sheets reference it: `DCF!$C$7`."""
        return f"{self.name}!{xl_rowcol_to_cell(row, col, absolute, absolute)}"

    def local(self, row: int, col: int, *, absolute: bool = False) -> str:
        return str(xl_rowcol_to_cell(row, col, absolute, absolute))

    def span(self, row: int, first_col: int, last_col: int) -> str:
        """A row range across columns, with the sheet: `DCF!$C$9:$H$9`."""
        first, last = xl_col_to_name(first_col), xl_col_to_name(last_col)
        return f"{self.name}!${first}${row + 1}:${last}${row + 1}"

    def column_span(self, col: int, first_row: int, last_row: int) -> str:
        """A column range across rows, with the sheet: `Peers!$F$6:$F$17`."""
        letter = xl_col_to_name(col)
        return f"{self.name}!${letter}${first_row + 1}:${letter}${last_row + 1}"

    # Cells -----------------------------------------------------------------------------------

    def title(self, text: str, subtitle: str | None = None) -> None:
        self.ws.write(0, 0, text, self.book.heading(1))
        if subtitle:
            self.ws.write(1, 0, subtitle, self.book.style("note", {"italic": True}))
        self.row = 3

    def section(self, text: str) -> None:
        self.row += 1 if self.row > 3 else 0
        self.ws.write(self.row, 0, text, self.book.heading(2))
        self.row += 1

    def label(self, row: int, col: int, text: str, *, bold: bool = False) -> None:
        self.ws.write_string(row, col, text, self.book.fmt(Kind.GENERAL, Role.LABEL, bold))

    def note(self, row: int, col: int, text: str) -> None:
        self.ws.write_string(row, col, text, self.book.style("note", {"italic": True}))

    def value(
        self,
        row: int,
        col: int,
        value: float | str | bool | date | None,
        kind: Kind,
        role: Role = Role.INPUT,
        *,
        name: str | None = None,
    ) -> str:
        """A value cell (an input, or an engine's or upstream's figure); None writes a styled
        blank, an input left unset."""
        fmt = self.book.fmt(kind, role)
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            self.ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, datetime):
            self.ws.write_datetime(row, col, value, fmt)
        elif isinstance(value, date):
            self.ws.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt)
        elif isinstance(value, str):
            self.ws.write_string(row, col, value, fmt)
        else:
            self.ws.write_number(row, col, float(value), fmt)
        return self._named(row, col, name)

    def formula(
        self, row: int, col: int, formula: str, kind: Kind, *, name: str | None = None
    ) -> str:
        self.ws.write_formula(row, col, f"={formula}", self.book.fmt(kind, Role.FORMULA))
        return self._named(row, col, name)

    def _named(self, row: int, col: int, name: str | None) -> str:
        cell = self.ref(row, col)
        if name is not None:
            self.book.define(name, cell)
        return cell

    # Lines: label in A, figure in B, note in C -------------------------------------------------

    def line_value(
        self,
        label: str,
        value: float | str | bool | date | None,
        kind: Kind,
        role: Role = Role.INPUT,
        *,
        name: str | None = None,
        note: str = "",
    ) -> str:
        self.label(self.row, 0, label)
        cell = self.value(self.row, 1, value, kind, role, name=name)
        if note:
            self.note(self.row, 2, note)
        self.row += 1
        return cell

    def line_formula(
        self, label: str, formula: str, kind: Kind, *, name: str | None = None, note: str = ""
    ) -> str:
        self.label(self.row, 0, label)
        cell = self.formula(self.row, 1, formula, kind, name=name)
        if note:
            self.note(self.row, 2, note)
        self.row += 1
        return cell

    def line_triple(
        self,
        label: str,
        formulas: Sequence[str],
        kind: Kind,
        *,
        name: str | None = None,
        note: str = "",
    ) -> Triple:
        """Low, mid and high in B, C and D; `name` defines name_low, name_mid, name_high."""
        self.label(self.row, 0, label)
        cells = [
            self.formula(
                self.row, 1 + i, f, kind, name=f"{name}_{end}" if name is not None else None
            )
            for i, (f, end) in enumerate(zip(formulas, ("low", "mid", "high"), strict=True))
        ]
        if note:
            self.note(self.row, 4, note)
        self.row += 1
        return Triple(*cells)

    def line_triple_values(
        self, label: str, values: Sequence[float | None], kind: Kind, role: Role, note: str = ""
    ) -> Triple:
        self.label(self.row, 0, label)
        cells = [self.value(self.row, 1 + i, v, kind, role) for i, v in enumerate(values)]
        if note:
            self.note(self.row, 4, note)
        self.row += 1
        return Triple(*cells)

    def triple_header(self) -> None:
        for col, text in enumerate(("", "Low", "Mid", "High"), start=0):
            if text:
                self.label(self.row, col, text, bold=True)
        self.row += 1

    def line_note(self, text: str) -> None:
        self.note(self.row, 0, text)
        self.row += 1

    def widths(self, widths: Sequence[float]) -> None:
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)


@dataclass(frozen=True, slots=True)
class Triple:
    """The cells of a low / mid / high figure."""

    low: str
    mid: str
    high: str

    @property
    def cells(self) -> tuple[str, str, str]:
        return (self.low, self.mid, self.high)


def num(value: float) -> str:
    """A float as a formula literal, exactly (repr round-trips)."""
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be a formula literal.")
    text = repr(float(value))
    return text.upper() if "e" in text else text


def text_literal(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def interpolation(x: str, anchors: Sequence[tuple[str, float]]) -> str:
    """The piecewise-linear curve through (axis, contribution) anchors at `x`, held flat beyond
    the end anchors (numpy's interp, which the engine's risk curves use). Axis values are formula
    text (`LN(10000000)`), so that the sheet shows where they come from."""
    (x0, c0), *rest = anchors
    formula = num(anchors[-1][1])
    pieces = list(zip([(x0, c0), *rest[:-1]], rest, strict=True))
    for (xa, ca), (xb, cb) in reversed(pieces):
        formula = f"IF({x}<={xb},{num(ca)}+({x}-{xa})*({num(cb)}-{num(ca)})/({xb}-{xa}),{formula})"
    return f"IF({x}<={x0},{num(c0)},{formula})"
