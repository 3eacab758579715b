"""A document's extraction as the worker stores it on the row, and as corrections change it.

The stored form mirrors documents.model.Extraction field for field, so that what the extractor
said is kept exactly; it is never edited afterwards. A correction is a row of its own
(models/document.DocumentCorrection); `apply_corrections` lays the latest correction of each
figure over the stored extraction, and that corrected view is what the API shows and what
valuations read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from documents.model import Extraction, Field


class StoredSource(BaseModel):
    model_config = ConfigDict(frozen=True)

    page: int
    label: str
    raw_text: str


class StoredField(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str  # a documents.model.Field value
    value: float | None
    confidence: float
    stated: bool
    source: StoredSource | None = None
    formula: str | None = None


class StoredPeriod(BaseModel):
    model_config = ConfigDict(frozen=True)

    fiscal_year_end: date | None
    column_label: str
    fields: list[StoredField]


class StoredIssue(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    page: int | None = None


class StoredExtraction(BaseModel):
    model_config = ConfigDict(frozen=True)

    currency: str | None
    units: str | None
    multiplier: float
    periods: list[StoredPeriod]
    issues: list[StoredIssue] = []

    @classmethod
    def of(cls, extraction: Extraction) -> StoredExtraction:
        return cls(
            currency=extraction.currency,
            units=extraction.units,
            multiplier=extraction.multiplier,
            periods=[
                StoredPeriod(
                    fiscal_year_end=period.fiscal_year_end,
                    column_label=period.column_label,
                    fields=[
                        StoredField(
                            name=f.name.value,
                            value=f.value,
                            confidence=f.confidence,
                            stated=f.stated,
                            source=None
                            if f.source is None
                            else StoredSource(
                                page=f.source.page, label=f.source.label, raw_text=f.source.raw_text
                            ),
                            formula=f.formula,
                        )
                        for f in period.fields
                    ],
                )
                for period in extraction.periods
            ],
            issues=[
                StoredIssue(code=i.code, message=i.message, page=i.page) for i in extraction.issues
            ],
        )

    def stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction of one figure, as the API shows it and valuations apply it."""

    fiscal_year_end: date
    field: Field
    old_value: float | None
    new_value: float
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a period as it stands: the extracted field (None when the document did not
    give it and a correction added it) and the correction in force, if any."""

    name: Field
    extracted: StoredField | None
    correction: Correction | None

    @property
    def value(self) -> float | None:
        if self.correction is not None:
            return self.correction.new_value
        return self.extracted.value if self.extracted is not None else None

    @property
    def page(self) -> int | None:
        source = self.extracted.source if self.extracted is not None else None
        return source.page if source is not None else None

    @property
    def label(self) -> str | None:
        source = self.extracted.source if self.extracted is not None else None
        return source.label if source is not None else None


@dataclass(frozen=True, slots=True)
class CorrectedPeriod:
    fiscal_year_end: date | None
    column_label: str
    figures: tuple[Figure, ...]

    def figure(self, name: Field) -> Figure | None:
        return next((f for f in self.figures if f.name is name), None)

    def value(self, name: Field) -> float | None:
        found = self.figure(name)
        return found.value if found is not None else None


def _field(name: str) -> Field | None:
    try:
        return Field(name)
    except ValueError:
        return None  # a field an older extractor named that this version does not know


def apply_corrections(
    extraction: StoredExtraction, corrections: list[Correction]
) -> list[CorrectedPeriod]:
    """The extraction's periods with the latest correction of each figure in force; a correction
    of a figure the document did not give adds it."""
    latest: dict[tuple[date, Field], Correction] = {}
    for correction in sorted(corrections, key=lambda c: c.at):
        latest[(correction.fiscal_year_end, correction.field)] = correction
    periods: list[CorrectedPeriod] = []
    for period in extraction.periods:
        figures: list[Figure] = []
        seen: set[Field] = set()
        for stored in period.fields:
            name = _field(stored.name)
            if name is None or name in seen:
                continue
            seen.add(name)
            key = (period.fiscal_year_end, name) if period.fiscal_year_end else None
            figures.append(Figure(name, stored, latest.get(key) if key else None))
        if period.fiscal_year_end is not None:
            for (year, name), correction in latest.items():
                if year == period.fiscal_year_end and name not in seen:
                    figures.append(Figure(name, None, correction))
        periods.append(CorrectedPeriod(period.fiscal_year_end, period.column_label, tuple(figures)))
    return periods


def fiscal_years(extraction: StoredExtraction) -> list[date]:
    return [p.fiscal_year_end for p in extraction.periods if p.fiscal_year_end is not None]
