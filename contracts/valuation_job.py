"""A valuation job's lifecycle: statuses, stages, the progress each step reports, the words a
caller reads at each step, and the job's names in the queue.

The repository writes these values into the job's row, the worker and the API publish them as
progress events, and the schema reads them back: one table, so a stage's name or percentage cannot
drift between the three.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


class JobStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


TERMINAL_STATUSES = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})


class JobStage(StrEnum):
    QUEUED = "queued"
    GATHERING = "gathering data"
    VALUING = "valuing"
    RETRYING = "retrying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Step:
    """Where a job is: its status, its stage and how far along it is (per cent)."""

    status: JobStatus
    stage: JobStage
    percent: int


QUEUED = Step(JobStatus.QUEUED, JobStage.QUEUED, 0)
GATHERING = Step(JobStatus.RUNNING, JobStage.GATHERING, 5)
VALUING = Step(JobStatus.RUNNING, JobStage.VALUING, 50)
COMPLETED = Step(JobStatus.COMPLETED, JobStage.DONE, 100)
FAILED = Step(JobStatus.FAILED, JobStage.FAILED, 100)
CANCELLED = Step(JobStatus.CANCELLED, JobStage.CANCELLED, 100)
# Back in the queue after a transient upstream failure: the row keeps the progress it had.
RETRYING_STAGE = JobStage.RETRYING

QUEUED_MESSAGE = "Waiting for a worker"
GATHERING_MESSAGE = "Gathering peers"
RESUMING_MESSAGE = "Resuming from the stored data"
COMPLETED_MESSAGE = "Valuation complete"
CANCELLED_MESSAGE = "Cancelled"


class JobErrorCode(StrEnum):
    """Why a job failed, as `ValuationJob.error.code` reports it (upstream failures add the
    provider error codes of core/errors.py)."""

    VALUATION_INPUT = "VALUATION_INPUT"
    WORKER_LOST = "WORKER_LOST"
    INTERNAL_ERROR = "INTERNAL_ERROR"


# The arq function the worker registers and the API enqueues.
RUN_VALUATION = "run_valuation"


def arq_job_id(valuation_id: uuid.UUID) -> str:
    """The arq job id of a valuation: one queued delivery per job, however often it is enqueued."""
    return f"valuation:{valuation_id}"
