"""The shapes the document pipeline passes between its stages: the words of a page (from a text
PDF's characters or from OCR), and the figures extracted from a document with where each came from.

Money is in the document's currency, already multiplied out of its units ("$'000" x 1,000), so a
figure is comparable with createValuation's inputs. A figure the document does not give is absent
(`None`), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page, in PDF points from the top-left corner (pdfplumber's convention)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # 0-1; 1 for a text PDF's own characters, the OCR engine's otherwise


@dataclass(frozen=True, slots=True)
class PageText:
    number: int  # 1-based, as a reader counts pages
    width: float
    height: float
    words: tuple[Word, ...]
    ocr: bool = False  # True when the words come from OCR of a rendered or scanned page


class Field(StrEnum):
    """The platform's fields a statement line can map to (createValuation's names, snake case)."""

    REVENUE = "revenue"
    EBITDA = "ebitda"
    EBIT = "ebit"
    NET_INCOME = "net_income"
    DEPRECIATION_AND_AMORTISATION = "depreciation_and_amortisation"
    CAPITAL_EXPENDITURE = "capital_expenditure"
    CHANGE_IN_WORKING_CAPITAL = "change_in_working_capital"
    CASH = "cash"
    BORROWINGS = "borrowings"
    LEASE_LIABILITIES = "lease_liabilities"
    TOTAL_ASSETS = "total_assets"
    TOTAL_LIABILITIES = "total_liabilities"
    TOTAL_EQUITY = "total_equity"
    SHARES_OUTSTANDING = "shares_outstanding"
    DIVIDENDS = "dividends"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was read: the page (a sheet's 1-based index for workbooks), the statement
    line's label as printed, and the raw text of the figure (e.g. "(1,234)")."""

    page: int
    label: str
    raw_text: str


@dataclass(frozen=True, slots=True)
class ExtractedField:
    name: Field
    value: float | None
    confidence: float  # 0-1: OCR confidence times the label match's
    stated: bool  # False when derived from other figures; `formula` then says how
    source: Source | None
    formula: str | None = None  # e.g. "ebit + depreciation_and_amortisation"


@dataclass(frozen=True, slots=True)
class ExtractedPeriod:
    fiscal_year_end: date | None  # None when the column's year could not be dated
    column_label: str  # the column heading as printed, e.g. "2025" or "30 June 2025"
    fields: tuple[ExtractedField, ...]

    def value(self, name: Field) -> float | None:
        found = next((f for f in self.fields if f.name is name), None)
        return found.value if found is not None else None


@dataclass(frozen=True, slots=True)
class Issue:
    """An inconsistency or a doubt, reported rather than silently resolved."""

    code: str  # e.g. BALANCE_SHEET_DOES_NOT_BALANCE, SUBTOTAL_MISMATCH, CONFLICTING_FIGURES
    message: str  # with both numbers where two disagree
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    currency: str | None  # ISO code, e.g. "AUD"; None when the document does not say
    units: str | None  # as printed: "$'000", "$m", "dollars"
    multiplier: float  # applied to every figure: 1,000 for "$'000"
    periods: tuple[ExtractedPeriod, ...]  # oldest first
    issues: tuple[Issue, ...] = field(default_factory=tuple)
