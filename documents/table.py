"""The line-and-column structure every source is read into before its labels are mapped.

A statement printed in a PDF, recognised by OCR or laid out in a worksheet becomes the same
`Table`: labelled lines, one cell per period column, each cell keeping its text as printed. The
mapping stage (mapping.py) and the checks (validation.py) then work on tables alone, so a figure
in a workbook is traced and checked exactly like one in an annual report.

Cell values are kept as printed, in the statement's units (`Units.multiplier` is applied by the
mapping stage), and as `Decimal` so that "1,245.6" in "£m" becomes exactly 1,245,600,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class StatementKind(StrEnum):
    INCOME = "income statement"
    BALANCE = "balance sheet"
    CASH_FLOW = "cash flow statement"
    OTHER = "other table"  # a table outside the primary statements, e.g. a note


@dataclass(frozen=True, slots=True)
class Column:
    """A period column: its heading as printed and where it sits across the page (PDF points, or
    a worksheet's column laid out at a fixed width, spreadsheet.py)."""

    label: str
    year: int | None
    fiscal_year_end: date | None  # None until dated (periods.py) or when it cannot be
    x0: float  # the span of values assigned to this column
    x1: float
    counts: bool = False  # headed "Number" or "Shares": figures are counts, not money
    count_multiplier: Decimal = Decimal(1)  # "Number '000" -> 1,000

    @property
    def key(self) -> str:
        """The period this column reports, comparable across statements."""
        if self.fiscal_year_end is not None:
            return self.fiscal_year_end.isoformat()
        if self.year is not None:
            return f"FY{self.year}"
        return f"column {self.label}"


@dataclass(frozen=True, slots=True)
class Cell:
    value: Decimal  # signed as printed: "(1,234)" -> -1234, "-" -> 0
    raw_text: str  # as printed, e.g. "(1,234)"
    confidence: float  # the lowest word confidence among its words
    decimals: int  # digits after the point as printed: the figure's rounding


@dataclass(frozen=True, slots=True)
class Line:
    label: str  # as printed (a wrapped label joined with a space)
    page: int
    cells: tuple[Cell | None, ...]  # one per column of the table; None where blank
    label_confidence: float
    note: str | None = None  # the note reference printed beside the label
    section: str = ""  # the nearest heading above it, e.g. "Non-current liabilities"
    unread: tuple[tuple[int, str], ...] = ()  # (column, text) of cells that are not figures

    @property
    def has_figures(self) -> bool:
        return any(cell is not None for cell in self.cells) or bool(self.unread)


@dataclass(frozen=True, slots=True)
class Units:
    printed: str | None  # as printed: "$'000", "$m", "in millions"; None when not stated
    multiplier: Decimal  # 1 for whole currency units, also when none is stated
    share_multiplier: Decimal = Decimal(1)  # "except shares, which are in thousands" -> 1,000
    doubt: str | None = None  # why the units are unclear, when they are


@dataclass(frozen=True, slots=True)
class Table:
    kind: StatementKind
    title: str  # the title line as printed, or the worksheet's name
    page: int
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    units: Units
    currency: str | None  # ISO code from the header or the document's rule (units.py)
    header_text: str = ""  # the title and heading lines, for dating and units
