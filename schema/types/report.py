"""Reports of a completed valuation: a PDF for the board, an XLSX model with live formulas."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from accounts.tiers import Feature
from contracts.report_job import ReportFormat as Format
from contracts.report_job import ReportStatus as Status
from jobs import reports as jobs
from models.report import Report as ReportRow
from models.valuation import ValuationJob as ValuationJobRow
from schema.context import Info
from schema.ids import encode_id
from schema.permissions import requires


@strawberry.enum(description="A report's file format.")
class ReportFormat(Enum):
    PDF = strawberry.enum_value(Format.PDF.value, description="An A4 PDF report for a board.")
    XLSX = strawberry.enum_value(Format.XLSX.value, description="An Excel model with formulas.")


@strawberry.enum(description="Where a report's generation is.")
class ReportStatus(Enum):
    QUEUED = strawberry.enum_value(Status.QUEUED.value, description="Waiting for a worker.")
    RUNNING = strawberry.enum_value(Status.RUNNING.value, description="Being generated.")
    COMPLETED = strawberry.enum_value(Status.COMPLETED.value, description="Ready: see `url`.")
    FAILED = strawberry.enum_value(Status.FAILED.value, description="Not generated: see `error`.")


@strawberry.type(description="Why a report could not be generated.")
class ReportError:
    code: str = strawberry.field(description="Stable code, e.g. INTERNAL_ERROR.")
    message: str = strawberry.field(description="What went wrong.")


@strawberry.type(
    description="One report of a valuation, generated in the background on first request and "
    "then kept: asked for again with the same result and branding, the same file is served."
)
class Report:
    id: strawberry.ID = strawberry.field(description="Opaque identifier (reportProgress).")
    format: ReportFormat = strawberry.field(description="PDF or XLSX.")
    status: ReportStatus = strawberry.field(description="QUEUED, RUNNING, COMPLETED or FAILED.")
    progress: int = strawberry.field(description="Per cent done.")
    url: str | None = strawberry.field(
        description="Once COMPLETED: the URL (on the server's public URL when it has one set, "
        "else a path on this server: GET /reports/<token>) that serves the file to whoever "
        "holds it, without a bearer token, until expiresAt; signed for this report of this "
        "organisation only. Each query signs a fresh one."
    )
    expires_at: datetime | None = strawberry.field(description="When `url` stops working.")
    size_bytes: int | None = strawberry.field(description="The file's size, once generated.")
    created_at: datetime = strawberry.field(description="When it was first asked for.")
    completed_at: datetime | None = strawberry.field(description="When it was generated.")
    error: ReportError | None = strawberry.field(description="Why it failed, if it did.")

    @classmethod
    def from_row(cls, row: ReportRow, link: tuple[str, datetime] | None) -> Report:
        return cls(
            id=strawberry.ID(encode_id("Report", row.id)),
            format=ReportFormat(row.format),
            status=ReportStatus(row.status),
            progress=row.progress,
            url=link[0] if link else None,
            expires_at=link[1] if link else None,
            size_bytes=row.size_bytes,
            created_at=row.created_at,
            completed_at=row.completed_at,
            error=ReportError(code=row.error_code, message=row.error_message or "")
            if row.error_code
            else None,
        )


def shown(info: Info, row: ReportRow) -> Report:
    link = jobs.signed_link(info.context.services, row) if row.status == Status.COMPLETED else None
    return Report.from_row(row, link)


@strawberry.type(description="The reports of a completed valuation, each generated when asked for.")
class ValuationReports:
    valuation: strawberry.Private[ValuationJobRow]

    @strawberry.field(
        description="The board report (A4 PDF). Needs the basic reports feature.",
        permission_classes=[requires(Feature.BASIC_REPORTS)],
    )
    async def pdf(self, info: Info) -> Report | None:
        row = await jobs.request_report(info.context.services, self.valuation, Format.PDF)
        return shown(info, row)

    @strawberry.field(
        description="The open model (XLSX with live formulas that recompute the figures of "
        "`result`). Needs the advanced analytics feature.",
        permission_classes=[requires(Feature.ADVANCED_ANALYTICS)],
    )
    async def xlsx(self, info: Info) -> Report | None:
        row = await jobs.request_report(info.context.services, self.valuation, Format.XLSX)
        return shown(info, row)
