"""A report's generation job: formats, statuses, stages, error codes, its names in the queue and
in Redis, and the digest that decides when a report already generated can be served again."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from contracts.progress import ProgressStream

# Raised whenever a renderer's output changes for the same result, so that reports generated
# before are generated again rather than served stale.
RENDERER_VERSION = "1"


class ReportFormat(StrEnum):
    PDF = "PDF"
    XLSX = "XLSX"

    @property
    def media_type(self) -> str:
        if self is ReportFormat.PDF:
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @property
    def extension(self) -> str:
        return self.value.lower()


class ReportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class ReportStage(StrEnum):
    QUEUED = "QUEUED"
    RENDERING = "RENDERING"
    STORING = "STORING"
    DONE = "DONE"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class Step:
    status: ReportStatus
    stage: ReportStage
    percent: int


QUEUED = Step(ReportStatus.QUEUED, ReportStage.QUEUED, 0)
RENDERING = Step(ReportStatus.RUNNING, ReportStage.RENDERING, 10)
STORING = Step(ReportStatus.RUNNING, ReportStage.STORING, 90)
COMPLETED = Step(ReportStatus.COMPLETED, ReportStage.DONE, 100)
FAILED = Step(ReportStatus.FAILED, ReportStage.FAILED, 100)


class ReportErrorCode(StrEnum):
    VALUATION_NOT_COMPLETED = "VALUATION_NOT_COMPLETED"
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
    WORKER_LOST = "WORKER_LOST"
    INTERNAL_ERROR = "INTERNAL_ERROR"


RUN_REPORT = "run_report_generation"
STREAM = ProgressStream("report")


def arq_job_id(report_id: uuid.UUID, attempt: int = 0) -> str:
    """One queued delivery per report and try; a report asked for again after its job was lost
    is enqueued under the next try's ID (arq keeps a finished job's ID for a while)."""
    return f"report:{report_id}:{attempt}"


def report_digest(result: dict[str, Any], branding: dict[str, Any], format: ReportFormat) -> str:
    """What a report is made from, as one SHA-256: the stored result, the branding it carries and
    the renderer's version. The same digest serves the same file; any change generates anew."""
    made_of = {"result": result, "branding": branding, "format": format.value}
    text = json.dumps(made_of, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{RENDERER_VERSION}\n{text}".encode()).hexdigest()
