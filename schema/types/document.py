"""Documents an organisation uploads, and the figures extracted from them, corrections applied."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from contracts import document_job
from contracts.document_extraction import (
    CorrectedPeriod,
    Correction,
    Figure,
    StoredExtraction,
    apply_corrections,
)
from contracts.document_job import DocumentErrorCode as Code
from documents.model import Field
from models.document import Document as DocumentRow
from schema.ids import encode_id


@strawberry.enum(description="What a document is; AUTO leaves it to the content.")
class DocumentKind(Enum):
    AUTO = strawberry.enum_value("AUTO", description="Not said.")
    ANNUAL_REPORT = strawberry.enum_value("ANNUAL_REPORT", description="An annual report.")
    FINANCIAL_STATEMENTS = strawberry.enum_value(
        "FINANCIAL_STATEMENTS", description="Financial statements (audited or not)."
    )
    MANAGEMENT_ACCOUNTS = strawberry.enum_value(
        "MANAGEMENT_ACCOUNTS", description="Management accounts or a board pack."
    )


S = document_job.DocumentStatus
G = document_job.DocumentStage


@strawberry.enum(description="Where a document's extraction is in its life.")
class DocumentStatus(Enum):
    QUEUED = strawberry.enum_value(S.QUEUED.value, description="Waiting for a worker.")
    RUNNING = strawberry.enum_value(S.RUNNING.value, description="A worker is extracting.")
    COMPLETED = strawberry.enum_value(S.COMPLETED.value, description="The extraction is ready.")
    FAILED = strawberry.enum_value(S.FAILED.value, description="See `error`.")


@strawberry.enum(description="The stage of a document's extraction.")
class DocumentStage(Enum):
    QUEUED = strawberry.enum_value(G.QUEUED.value, description="Waiting for a worker.")
    READING = strawberry.enum_value(
        G.READING.value, description="Reading the stored file: its type and its pages."
    )
    EXTRACTING = strawberry.enum_value(
        G.EXTRACTING.value, description="Reading the statements; per page for scanned pages."
    )
    VALIDATING = strawberry.enum_value(G.VALIDATING.value, description="Checking the figures.")
    DONE = strawberry.enum_value(G.DONE.value, description="Completed.")
    FAILED = strawberry.enum_value(G.FAILED.value, description="Failed; see `error`.")


@strawberry.enum(description="A figure a statement line maps to (createValuation's names).")
class DocumentField(Enum):
    REVENUE = strawberry.enum_value(Field.REVENUE.value, description="Revenue.")
    EBITDA = strawberry.enum_value(Field.EBITDA.value, description="EBITDA.")
    EBIT = strawberry.enum_value(Field.EBIT.value, description="EBIT.")
    NET_INCOME = strawberry.enum_value(Field.NET_INCOME.value, description="NPAT.")
    DEPRECIATION_AND_AMORTISATION = strawberry.enum_value(
        Field.DEPRECIATION_AND_AMORTISATION.value, description="D&A expense."
    )
    CAPITAL_EXPENDITURE = strawberry.enum_value(
        Field.CAPITAL_EXPENDITURE.value, description="Capex, a positive outflow."
    )
    CHANGE_IN_WORKING_CAPITAL = strawberry.enum_value(
        Field.CHANGE_IN_WORKING_CAPITAL.value, description="Increase in net working capital."
    )
    CASH = strawberry.enum_value(Field.CASH.value, description="Cash and cash equivalents.")
    BORROWINGS = strawberry.enum_value(Field.BORROWINGS.value, description="Borrowings.")
    LEASE_LIABILITIES = strawberry.enum_value(
        Field.LEASE_LIABILITIES.value, description="AASB 16 lease liabilities."
    )
    TOTAL_ASSETS = strawberry.enum_value(Field.TOTAL_ASSETS.value, description="Total assets.")
    TOTAL_LIABILITIES = strawberry.enum_value(
        Field.TOTAL_LIABILITIES.value, description="Total liabilities."
    )
    TOTAL_EQUITY = strawberry.enum_value(Field.TOTAL_EQUITY.value, description="Total equity.")
    SHARES_OUTSTANDING = strawberry.enum_value(
        Field.SHARES_OUTSTANDING.value, description="Shares on issue."
    )
    DIVIDENDS = strawberry.enum_value(Field.DIVIDENDS.value, description="Dividends paid.")


@strawberry.enum(description="Why a document was refused at upload, or why its extraction failed.")
class DocumentErrorCode(Enum):
    FILE_REQUIRED = strawberry.enum_value(
        Code.FILE_REQUIRED.value, description="No file was sent in the `file` variable."
    )
    EMPTY_FILE = strawberry.enum_value(Code.EMPTY_FILE.value, description="The file is empty.")
    TOO_LARGE = strawberry.enum_value(
        Code.TOO_LARGE.value, description="Over IPOVAL_MAX_DOCUMENT_BYTES (25 MiB by default)."
    )
    TOO_MANY_PAGES = strawberry.enum_value(
        Code.TOO_MANY_PAGES.value,
        description="Over IPOVAL_MAX_DOCUMENT_PAGES pages (300 by default); found while reading.",
    )
    UNSUPPORTED_TYPE = strawberry.enum_value(
        Code.UNSUPPORTED_TYPE.value,
        description="Not PDF, PNG, JPEG, TIFF, XLSX or CSV, by its content (the name is ignored).",
    )
    MACROS_NOT_ALLOWED = strawberry.enum_value(
        Code.MACROS_NOT_ALLOWED.value, description="A macro-enabled workbook (.xlsm)."
    )
    UNSAFE_ARCHIVE = strawberry.enum_value(
        Code.UNSAFE_ARCHIVE.value,
        description="A workbook that inflates past 200 MiB, compresses over 200x, or lies about "
        "its sizes (a zip bomb).",
    )
    ENCRYPTED = strawberry.enum_value(
        Code.ENCRYPTED.value, description="Password-protected: save it without the password."
    )
    INVALID_FISCAL_YEAR_END = strawberry.enum_value(
        Code.INVALID_FISCAL_YEAR_END.value,
        description="A fiscal year end before 1990 or over a year ahead.",
    )
    UNREADABLE = strawberry.enum_value(
        Code.UNREADABLE.value, description="The file is damaged or cannot be parsed."
    )
    STORAGE_UNAVAILABLE = strawberry.enum_value(
        Code.STORAGE_UNAVAILABLE.value, description="The document store is unavailable: retry."
    )
    WORKER_LOST = strawberry.enum_value(
        Code.WORKER_LOST.value, description="Started 5 times without finishing."
    )
    INTERNAL_ERROR = strawberry.enum_value(
        Code.INTERNAL_ERROR.value, description="A fault of ours; it is logged."
    )


@strawberry.type(description="Why a document's extraction failed.")
class DocumentError:
    code: DocumentErrorCode = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="What went wrong.")


@strawberry.type(description="Where a figure was read.")
class DocumentSource:
    page: int = strawberry.field(description="The page (a workbook's sheet number), from 1.")
    label: str = strawberry.field(description="The statement line's label as printed.")
    raw_text: str = strawberry.field(description='The figure as printed, e.g. "(1,234)".')


@strawberry.type(description="A correction in force of an extracted figure.")
class FigureCorrection:
    value: float = strawberry.field(description="The corrected value, in force.")
    previous_value: float | None = strawberry.field(description="The value it replaced.")
    reason: str = strawberry.field(description="Why, in the corrector's words.")
    by: str = strawberry.field(description="Who: the user's e-mail or the API key's prefix.")
    at: datetime = strawberry.field(description="When.")

    @classmethod
    def of(cls, correction: Correction) -> FigureCorrection:
        return cls(
            value=correction.new_value,
            previous_value=correction.old_value,
            reason=correction.reason,
            by=correction.by,
            at=correction.at,
        )


@strawberry.type(description="One figure of a period, as extracted, with its correction if any.")
class DocumentFigure:
    name: DocumentField = strawberry.field(description="The figure.")
    value: float | None = strawberry.field(
        description="As extracted (kept when corrected); null when the document did not give it."
    )
    confidence: float = strawberry.field(description="0-1: OCR confidence times the label match's.")
    stated: bool = strawberry.field(description="False when derived; `formula` says how.")
    formula: str | None = strawberry.field(description="How a derived figure was computed.")
    source: DocumentSource | None = strawberry.field(description="Where it was read.")
    corrected: FigureCorrection | None = strawberry.field(
        description="The correction in force; its value replaces `value` wherever the figure is "
        "used (the period's named figures, valuations)."
    )

    @classmethod
    def of(cls, figure: Figure) -> DocumentFigure:
        extracted = figure.extracted
        source = extracted.source if extracted is not None else None
        return cls(
            name=DocumentField(figure.name.value),
            value=extracted.value if extracted is not None else None,
            confidence=extracted.confidence if extracted is not None else 0.0,
            stated=extracted.stated if extracted is not None else False,
            formula=extracted.formula if extracted is not None else None,
            source=DocumentSource(page=source.page, label=source.label, raw_text=source.raw_text)
            if source is not None
            else None,
            corrected=FigureCorrection.of(figure.correction) if figure.correction else None,
        )


@strawberry.type(description="One fiscal year (a column) of a document, corrections applied.")
class DocumentPeriod:
    fiscal_year_end: date | None = strawberry.field(
        description="Its last day; null when the column could not be dated."
    )
    column_label: str = strawberry.field(description="The column heading as printed.")
    # The named figures are those in force: a correction wins over the extracted value.
    revenue: float | None = strawberry.field(description="Revenue.")
    ebitda: float | None = strawberry.field(description="EBITDA.")
    ebit: float | None = strawberry.field(description="EBIT.")
    net_income: float | None = strawberry.field(description="NPAT.")
    depreciation_and_amortisation: float | None = strawberry.field(description="D&A.")
    capital_expenditure: float | None = strawberry.field(description="Capex, positive.")
    change_in_working_capital: float | None = strawberry.field(
        description="Increase in net working capital (positive = cash absorbed), as "
        "createValuation takes it."
    )
    cash: float | None = strawberry.field(description="Cash at year end.")
    borrowings: float | None = strawberry.field(description="Borrowings at year end.")
    lease_liabilities: float | None = strawberry.field(description="Lease liabilities.")
    total_assets: float | None = strawberry.field(description="Total assets.")
    total_liabilities: float | None = strawberry.field(description="Total liabilities.")
    total_equity: float | None = strawberry.field(description="Total equity.")
    shares_outstanding: float | None = strawberry.field(description="Shares on issue.")
    dividends: float | None = strawberry.field(description="Dividends paid, positive.")
    fields: list[DocumentFigure] = strawberry.field(
        description="Every figure with its source, confidence and correction."
    )

    @classmethod
    def of(cls, period: CorrectedPeriod) -> DocumentPeriod:
        named = {name.value: period.value(name) for name in Field}
        return cls(
            fiscal_year_end=period.fiscal_year_end,
            column_label=period.column_label,
            fields=[DocumentFigure.of(f) for f in period.figures],
            **named,
        )


@strawberry.type(description="An inconsistency or a doubt the extraction reports.")
class DocumentIssue:
    code: str = strawberry.field(
        description="E.g. BALANCE_SHEET_DOES_NOT_BALANCE, SUBTOTAL_MISMATCH, UNDATED_PERIOD."
    )
    message: str = strawberry.field(description="With both numbers where two disagree.")
    page: int | None = strawberry.field(description="The page, where one is to blame.")


@strawberry.type(description="The figures extracted from a document, corrections applied.")
class DocumentExtraction:
    currency: str | None = strawberry.field(description="ISO code; null when not said.")
    units: str | None = strawberry.field(description='As printed: "$\'000", "$m".')
    multiplier: float = strawberry.field(
        description='Applied to every figure already: 1,000 for "$\'000".'
    )
    periods: list[DocumentPeriod] = strawberry.field(description="Oldest first.")
    issues: list[DocumentIssue] = strawberry.field(description="What to check.")


@strawberry.type(description="A correction of one figure, kept with its history.")
class DocumentCorrection:
    fiscal_year_end: date = strawberry.field(description="The period.")
    field: DocumentField = strawberry.field(description="The figure.")
    old_value: float | None = strawberry.field(description="The value it replaced.")
    new_value: float = strawberry.field(description="The value it set.")
    reason: str = strawberry.field(description="Why.")
    by: str = strawberry.field(description="Who.")
    at: datetime = strawberry.field(description="When.")


@strawberry.type(description="A document of the caller's organisation.")
class Document:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    filename: str = strawberry.field(
        description="The sender's name for it, cleaned and at most 255 characters; never a path."
    )
    media_type: str = strawberry.field(description="Read from the content, not from the name.")
    size_bytes: int = strawberry.field(description="Its size.")
    sha256: str = strawberry.field(description="SHA-256 of its bytes, hex.")
    kind: DocumentKind = strawberry.field(description="What the uploader said it is.")
    fiscal_year_end: date | None = strawberry.field(
        description="The fiscal year end given at upload, dating columns the document leaves "
        "undated."
    )
    pages: int | None = strawberry.field(description="Pages (a workbook's sheets), once read.")
    status: DocumentStatus = strawberry.field(description="QUEUED, RUNNING, COMPLETED, FAILED.")
    stage: DocumentStage = strawberry.field(description="The stage it is at.")
    progress: int = strawberry.field(description="Per cent done.")
    created_at: datetime = strawberry.field(description="When it was uploaded.")
    started_at: datetime | None = strawberry.field(description="When a worker started it.")
    completed_at: datetime | None = strawberry.field(description="When it finished.")
    error: DocumentError | None = strawberry.field(description="Why it failed, if it did.")
    corrections: list[DocumentCorrection] = strawberry.field(
        description="Every correction of its figures, oldest first."
    )
    stored_extraction: strawberry.Private[StoredExtraction | None]
    correction_rows: strawberry.Private[list[Correction]]

    @strawberry.field(description="The figures, once completed; corrections applied.")
    def extraction(self) -> DocumentExtraction | None:
        stored = self.stored_extraction
        if stored is None:
            return None
        return DocumentExtraction(
            currency=stored.currency,
            units=stored.units,
            multiplier=stored.multiplier,
            periods=[DocumentPeriod.of(p) for p in apply_corrections(stored, self.correction_rows)],
            issues=[
                DocumentIssue(code=i.code, message=i.message, page=i.page) for i in stored.issues
            ],
        )

    @classmethod
    def from_row(cls, row: DocumentRow, corrections: list[Correction]) -> Document:
        return cls(
            id=strawberry.ID(encode_id("Document", row.id)),
            filename=row.filename,
            media_type=row.media_type,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            kind=DocumentKind(row.kind),
            fiscal_year_end=row.fiscal_year_end,
            pages=row.pages,
            status=DocumentStatus(row.status),
            stage=DocumentStage(row.stage),
            progress=row.progress,
            created_at=row.created_at,
            started_at=row.started_at,
            completed_at=row.completed_at,
            error=DocumentError(
                code=DocumentErrorCode(row.error_code), message=row.error_message or ""
            )
            if row.error_code
            else None,
            corrections=[
                DocumentCorrection(
                    fiscal_year_end=c.fiscal_year_end,
                    field=DocumentField(c.field.value),
                    old_value=c.old_value,
                    new_value=c.new_value,
                    reason=c.reason,
                    by=c.by,
                    at=c.at,
                )
                for c in corrections
            ],
            stored_extraction=StoredExtraction.model_validate(row.extraction)
            if row.extraction
            else None,
            correction_rows=corrections,
        )
