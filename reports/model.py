"""What a report is made from: one completed valuation as stored, and whose report it is.

Both renderers (the PDF, reports/pdf_report.py, and the XLSX model, reports/xlsx_model.py) read
only this: the job's stored input and stored result, exactly as the API serves them, so that a
report can never show a figure the API does not, and rendering needs neither the database nor the
engine. `from_job` builds it from a job row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contracts.valuation_input import ValuationJobInput
from contracts.valuation_result import StoredResult

# Our own identity, used unless an organisation with the white-label feature sets its own.
PRODUCT_NAME = "ipoval"
DEFAULT_PRIMARY = "#1F3A5F"  # headings, the offer range
DEFAULT_ACCENT = "#E07A1F"  # the football field's valuation bars
DEFAULT_DISCLAIMER = (
    "Indicative pricing support for the board and lead manager; not an independent expert's "
    "report. The figures rest on the inputs and market data listed in the provenance appendix, "
    "as at the valuation date."
)


@dataclass(frozen=True)
class Logo:
    data: bytes
    media_type: str  # "image/png" or "image/svg+xml"


@dataclass(frozen=True)
class Branding:
    """Whose report it is: ours by default, the organisation's under white label."""

    name: str = PRODUCT_NAME
    logo: Logo | None = None  # None: our own mark, drawn by the renderer
    primary_colour: str = DEFAULT_PRIMARY  # "#RRGGBB"
    accent_colour: str = DEFAULT_ACCENT
    disclaimer: str = DEFAULT_DISCLAIMER
    white_label: bool = False  # True: the organisation's, and nothing of ours is shown


@dataclass(frozen=True)
class ReportData:
    valuation_id: uuid.UUID
    company_name: str
    organisation_name: str
    created_at: datetime
    valuation_date: date  # the date the valuation values at (input, or the job's Sydney day)
    inputs: ValuationJobInput
    result: StoredResult  # the typed part of the stored result
    payload: dict[str, Any]  # the whole stored result (dcf, comparables, risk, economy, ...)
    branding: Branding = field(default_factory=Branding)

    @classmethod
    def from_stored(
        cls,
        *,
        valuation_id: uuid.UUID,
        organisation_name: str,
        created_at: datetime,
        inputs: dict[str, Any],
        result: dict[str, Any],
        branding: Branding | None = None,
    ) -> ReportData:
        job_input = ValuationJobInput.model_validate(inputs)
        return cls(
            valuation_id=valuation_id,
            company_name=job_input.valuation.company_name,
            organisation_name=organisation_name,
            created_at=created_at,
            valuation_date=job_input.valuation_day(created_at),
            inputs=job_input,
            result=StoredResult.model_validate(result),
            payload=result,
            branding=branding or Branding(),
        )
