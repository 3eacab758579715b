"""A document's extraction job: statuses, stages, the progress each step reports, its error
codes and its names in the queue and in Redis.

The repository writes these values into the document's row, the worker and the API publish them as
progress events, and the schema reads them back: one table, as for valuation jobs
(contracts/valuation_job.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from contracts.progress import ProgressStream


class DocumentStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class DocumentStage(StrEnum):
    QUEUED = "QUEUED"
    READING = "READING"  # reading the stored file again: its type, its pages
    EXTRACTING = "EXTRACTING"  # text or OCR, statements, figures; per page for OCR
    VALIDATING = "VALIDATING"  # the extraction's own checks, stored with it
    DONE = "DONE"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class Step:
    status: DocumentStatus
    stage: DocumentStage
    percent: int


QUEUED = Step(DocumentStatus.QUEUED, DocumentStage.QUEUED, 0)
READING = Step(DocumentStatus.RUNNING, DocumentStage.READING, 5)
EXTRACTING = Step(DocumentStatus.RUNNING, DocumentStage.EXTRACTING, 10)
VALIDATING = Step(DocumentStatus.RUNNING, DocumentStage.VALIDATING, 90)
COMPLETED = Step(DocumentStatus.COMPLETED, DocumentStage.DONE, 100)
FAILED = Step(DocumentStatus.FAILED, DocumentStage.FAILED, 100)


def extracting(done: int, total: int) -> Step:
    """EXTRACTING after `done` of `total` pages: 10 % at the first page, 90 % after the last."""
    share = done / total if total > 0 else 0.0
    span = VALIDATING.percent - EXTRACTING.percent
    return Step(EXTRACTING.status, EXTRACTING.stage, EXTRACTING.percent + int(span * share))


QUEUED_MESSAGE = "Waiting for a worker"
READING_MESSAGE = "Reading the document"
COMPLETED_MESSAGE = "Extraction complete"


class DocumentErrorCode(StrEnum):
    """Why an upload was refused (`uploadDocument.userErrors`) or a document failed
    (`Document.error`): one closed set for both, so a client handles them alike."""

    FILE_REQUIRED = "FILE_REQUIRED"
    EMPTY_FILE = "EMPTY_FILE"
    TOO_LARGE = "TOO_LARGE"
    TOO_MANY_PAGES = "TOO_MANY_PAGES"
    UNSUPPORTED_TYPE = "UNSUPPORTED_TYPE"
    MACROS_NOT_ALLOWED = "MACROS_NOT_ALLOWED"
    UNSAFE_ARCHIVE = "UNSAFE_ARCHIVE"
    ENCRYPTED = "ENCRYPTED"
    INVALID_FISCAL_YEAR_END = "INVALID_FISCAL_YEAR_END"
    UNREADABLE = "UNREADABLE"
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
    WORKER_LOST = "WORKER_LOST"
    INTERNAL_ERROR = "INTERNAL_ERROR"


# The arq function the worker registers and the API enqueues.
RUN_DOCUMENT = "run_document_extraction"
STREAM = ProgressStream("document")


def arq_job_id(document_id: uuid.UUID) -> str:
    """One queued delivery per document, however often it is enqueued."""
    return f"document:{document_id}"


def continuation_suffix(pages_done: int) -> str:
    """The arq ID's tail of a delivery that reads on after `pages_done` pages; unique, since arq
    keeps a finished job's ID for a while and would not run a second job under it."""
    return f"from-page:{pages_done + 1}:{uuid.uuid4().hex[:8]}"
