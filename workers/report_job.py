"""The arq job that generates one report: render it from the valuation's stored result, keep the
file in the document store by its digest, record it. Idempotent like the other jobs: a finished
report is left alone, one started long ago (its worker died) is taken over, and only a delivery
whose write finds the row RUNNING records the outcome."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from contracts import report_job as steps
from contracts.report_job import STREAM, ReportErrorCode, ReportFormat, Step
from jobs.reports import STALE_AFTER, render, report_data
from models.valuation import ValuationJob
from repositories import reports as repo
from runtime.document_store import StorageUnavailable
from runtime.services import Services

log = logging.getLogger(__name__)
MAX_STARTS = 3


async def _publish(
    services: Services, report_id: uuid.UUID, seq: int, step: Step, message: str
) -> None:
    await STREAM.publish(
        services.redis, report_id, seq, step.status.value, step.stage.value, step.percent, message
    )


async def run_report(services: Services, report_id: uuid.UUID) -> str:
    async with services.sessions.begin() as session:
        report = await repo.start_report(
            session, report_id, datetime.now(UTC) - STALE_AFTER, MAX_STARTS
        )
    if report is None:
        return "not started: finished, or running elsewhere"
    if report.status == steps.FAILED.status.value:
        await _publish(services, report_id, report.event_seq, steps.FAILED, report.progress_message)
        return report.status
    await _publish(services, report_id, report.event_seq, steps.RENDERING, "Rendering")
    async with services.sessions() as session:
        valuation = await session.get(ValuationJob, report.valuation_id)
    if valuation is None or valuation.result is None:
        return await _record(
            services,
            report_id,
            steps.FAILED,
            "The valuation has no result.",
            error_code=ReportErrorCode.VALUATION_NOT_COMPLETED.value,
        )
    format = ReportFormat(report.format)
    try:
        data = await report_data(services, valuation)
        content = await asyncio.to_thread(render, format, data)
        if await _record(services, report_id, steps.STORING, "Storing") == "no longer running":
            return "no longer running"
        sha256 = await services.documents.put(report.organisation_id, content)
    except StorageUnavailable as error:
        return await _record(
            services,
            report_id,
            steps.FAILED,
            f"The report store is unavailable: {error}",
            error_code=ReportErrorCode.STORAGE_UNAVAILABLE.value,
        )
    except Exception:
        log.exception("report %s could not be generated", report_id)
        return await _record(
            services,
            report_id,
            steps.FAILED,
            "The report could not be generated.",
            error_code=ReportErrorCode.INTERNAL_ERROR.value,
        )
    return await _record(
        services,
        report_id,
        steps.COMPLETED,
        "Report ready",
        sha256=sha256,
        size_bytes=len(content),
    )


async def _record(
    services: Services, report_id: uuid.UUID, step: Step, message: str, **values: Any
) -> str:
    if step is steps.FAILED:
        values.setdefault("error_message", message)
    async with services.sessions.begin() as session:
        seq = await repo.set_step(session, report_id, step, message, **values)
    if seq is None:
        return "no longer running"
    await _publish(services, report_id, seq, step, message)
    return step.status.value


async def run_report_job(ctx: dict[str, Any], report_id: str) -> str:
    """arq entry point."""
    services: Services = ctx["services"]
    return await run_report(services, uuid.UUID(report_id))
