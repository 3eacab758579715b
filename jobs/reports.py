"""Reports of completed valuations: what the API asks for (a report of a format, generated once
per result and branding and then served from the store) and what the worker renders from.

`reports(...)` on a valuation calls `request_report`: the row for the valuation's current digest,
created and enqueued if new, re-enqueued if its job was lost; once COMPLETED, `signed_link` gives
a URL the file is served from (edge/report_route.py)."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.exceptions import RedisError

from accounts.tiers import Feature, Tier, policy_for
from contracts.report_job import (
    RUN_REPORT,
    ReportFormat,
    ReportStatus,
    arq_job_id,
    report_digest,
)
from contracts.valuation_input import listing_day
from core.report_links import ReportLink, sign
from models.accounts import Organisation
from models.report import OrganisationBranding, Report
from models.valuation import ValuationJob
from reports.model import Branding, Logo, ReportData
from repositories import reports as repo
from runtime.services import Services

log = logging.getLogger(__name__)
# A report renders in seconds: one QUEUED this long, or RUNNING this long, lost its job.
STALE_AFTER = timedelta(seconds=60)


async def _white_label_row(
    services: Services, organisation: Organisation
) -> OrganisationBranding | None:
    """The organisation's stored branding when its tier has white label (a downgraded
    organisation's reports go back to ours; its branding is kept for an upgrade)."""
    if not policy_for(Tier(organisation.tier)).allows(Feature.WHITE_LABEL):
        return None
    async with services.sessions() as session:
        return await repo.branding_of(session, organisation.id)


async def branding_for(services: Services, organisation: Organisation) -> Branding:
    """The branding its reports carry: the organisation's own (logo read from the store) when
    `_white_label_row` gives one, ours otherwise."""
    row = await _white_label_row(services, organisation)
    if row is None:
        return Branding()
    logo = None
    if row.logo_sha256 and row.logo_media_type:
        data = await services.documents.get(organisation.id, row.logo_sha256)
        logo = Logo(data=data, media_type=row.logo_media_type)
    return Branding(
        name=row.name,
        logo=logo,
        primary_colour=row.primary_colour,
        accent_colour=row.accent_colour,
        disclaimer=row.disclaimer,
        white_label=True,
    )


def _fingerprint(row: OrganisationBranding | None) -> dict[str, Any]:
    """What of the branding a report's digest covers: the logo by its digest, so that asking
    for a report reads no logo."""
    if row is None:
        return {}
    return {
        "name": row.name,
        "primary": row.primary_colour,
        "accent": row.accent_colour,
        "disclaimer": row.disclaimer,
        "logo": row.logo_sha256,
    }


async def _organisation(services: Services, organisation_id: uuid.UUID) -> Organisation:
    async with services.sessions() as session:
        organisation = await session.get(Organisation, organisation_id)
    assert organisation is not None
    return organisation


async def request_report(
    services: Services, valuation: ValuationJob, format: ReportFormat
) -> Report:
    """The report of a COMPLETED valuation in `format`, for its result and branding today."""
    assert valuation.result is not None
    organisation = await _organisation(services, valuation.organisation_id)
    branding = _fingerprint(await _white_label_row(services, organisation))
    digest = report_digest(valuation.result, branding, format)
    async with services.sessions.begin() as session:
        report = await repo.report_for(
            session, valuation.organisation_id, valuation.id, format, digest
        )
    if _needs_a_job(report):
        try:
            await services.redis.enqueue_job(
                RUN_REPORT, str(report.id), _job_id=arq_job_id(report.id, report.attempts)
            )
        except (RedisError, OSError):
            log.warning("could not enqueue report %s; asked again, it will be", report.id)
    return report


def _needs_a_job(report: Report) -> bool:
    """New, or its job lost: QUEUED, or RUNNING, for longer than a render takes."""
    if report.status == ReportStatus.QUEUED.value:
        return report.attempts == 0 or _older(report.created_at)
    if report.status == ReportStatus.RUNNING.value:
        return _older(report.started_at)
    return False


def _older(moment: datetime | None) -> bool:
    if moment is None:
        return True
    if moment.tzinfo is None:  # SQLite gives back UTC without its zone
        moment = moment.replace(tzinfo=UTC)
    return datetime.now(UTC) - moment > STALE_AFTER


def signed_link(services: Services, report: Report) -> tuple[str, datetime]:
    """The URL of the report's file (on IPOVAL_PUBLIC_URL when set, else a path on this server),
    and when it stops working."""
    settings = services.settings
    expires = int(time.time()) + settings.report_link_seconds
    token = sign(settings, ReportLink(report.id, report.organisation_id, expires))
    base = (settings.public_url or "").rstrip("/")
    return f"{base}/reports/{token}", datetime.fromtimestamp(expires, UTC)


async def report_data(services: Services, valuation: ValuationJob) -> ReportData:
    """What the renderers read for a completed valuation, with its organisation's branding."""
    assert valuation.result is not None
    organisation = await _organisation(services, valuation.organisation_id)
    return ReportData.from_stored(
        valuation_id=valuation.id,
        organisation_name=organisation.name,
        created_at=valuation.created_at,
        inputs=valuation.inputs,
        result=valuation.result,
        branding=await branding_for(services, organisation),
    )


def render(format: ReportFormat, data: ReportData) -> bytes:
    """The file; the renderers are imported here, on first use (they load reportlab,
    matplotlib and xlsxwriter, which the API process need not hold)."""
    if format is ReportFormat.PDF:
        from reports.pdf_report import render_pdf

        return render_pdf(data)
    from reports.xlsx_model import build_workbook

    return build_workbook(data)


def filename(valuation: ValuationJob, format: ReportFormat) -> str:
    """`<company>-valuation-<date>.<ext>`, in characters any file system and header accepts."""
    given = (valuation.inputs.get("valuation") or {}).get("valuation_date")
    day = given or listing_day(valuation.created_at).isoformat()
    safe = "".join(c if c.isalnum() else "-" for c in valuation.company_name).strip("-").lower()
    return f"{safe[:60] or 'company'}-valuation-{day}.{format.extension}"
