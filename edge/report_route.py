"""`GET /reports/<token>`: a report's file for whoever holds a signed link (core/report_links.py).

No bearer token is needed: the link is the permission, bound to one report of one organisation
until it expires. Every refusal but expiry answers 404 with the same body, whether the token was
changed, signed with another key, or names a report that is not (or no longer) that
organisation's, so that a link reveals nothing about anything else. The file is sent as an
attachment, never cached by shared caches, and never sniffed into another type."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from contracts.report_job import ReportFormat, ReportStatus
from core.report_links import LinkExpired, LinkRefused, verify
from edge.state import connection_state
from jobs.reports import filename
from models.report import Report
from models.valuation import ValuationJob
from repositories.owned import get_owned
from runtime.document_store import StorageUnavailable

_NOT_FOUND = {"error": {"code": "REPORT_NOT_FOUND", "message": "No report at this link."}}


async def report_file(request: Request) -> Response:
    services = connection_state(request).services
    try:
        link = verify(services.settings, str(request.path_params["token"]))
    except LinkRefused:
        return JSONResponse(_NOT_FOUND, 404)
    except LinkExpired:
        body = {
            "error": {
                "code": "REPORT_LINK_EXPIRED",
                "message": "This link has expired; ask for the report again for a new one.",
            }
        }
        return JSONResponse(body, 410)
    async with services.sessions() as session:
        report = await get_owned(session, Report, link.report_id, link.organisation_id)
        valuation = (
            await get_owned(session, ValuationJob, report.valuation_id, link.organisation_id)
            if report is not None
            else None
        )
    if (
        report is None
        or valuation is None
        or report.status != ReportStatus.COMPLETED.value
        or report.sha256 is None
    ):
        return JSONResponse(_NOT_FOUND, 404)
    try:
        content = await services.documents.get(link.organisation_id, report.sha256)
    except KeyError:
        return JSONResponse(_NOT_FOUND, 404)
    except StorageUnavailable:
        body = {"error": {"code": "STORAGE_UNAVAILABLE", "message": "Try again shortly."}}
        return JSONResponse(body, 503, headers={"Retry-After": "5"})
    format = ReportFormat(report.format)
    return Response(
        content,
        media_type=format.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename(valuation, format)}"',
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Referrer-Policy": "no-referrer",
            "ETag": f'"{report.sha256}"',
        },
    )
