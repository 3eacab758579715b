"""Valuation jobs and their results: indicative pricing support for the board and lead manager,
never an independent expert's report (a regulated document in Australia)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from accounts.tiers import Feature
from contracts.valuation_job import JobStage, JobStatus
from contracts.valuation_result import StoredResult
from core.errors import BadUserInput
from models.valuation import ValuationJob as ValuationJobRow
from schema.bounds import HISTOGRAM_BINS
from schema.ids import encode_id
from schema.permissions import requires
from schema.types.monte_carlo import MonteCarloDistribution, stored_distribution
from schema.types.report import ValuationReports
from schema.types.valuation_result import ValuationResult


@strawberry.enum(description="Where a valuation job is in its life.")
class ValuationStatus(Enum):
    QUEUED = strawberry.enum_value(JobStatus.QUEUED.value, description="Waiting for a worker.")
    RUNNING = strawberry.enum_value(JobStatus.RUNNING.value, description="A worker is valuing.")
    COMPLETED = strawberry.enum_value(JobStatus.COMPLETED.value, description="The result is ready.")
    FAILED = strawberry.enum_value(JobStatus.FAILED.value, description="See `error`.")
    CANCELLED = strawberry.enum_value(JobStatus.CANCELLED.value, description="Cancelled.")


@strawberry.enum(description="The step a valuation job is at; each has its own per cent done.")
class ValuationStage(Enum):
    QUEUED = strawberry.enum_value(JobStage.QUEUED.value, description="Waiting for a worker.")
    GATHERING_DATA = strawberry.enum_value(
        JobStage.GATHERING.value, description="Reading peers, transactions and RBA series."
    )
    VALUING = strawberry.enum_value(JobStage.VALUING.value, description="The engine is running.")
    RETRYING = strawberry.enum_value(
        JobStage.RETRYING.value, description="Back in the queue after an upstream failure."
    )
    DONE = strawberry.enum_value(JobStage.DONE.value, description="Completed.")
    FAILED = strawberry.enum_value(JobStage.FAILED.value, description="Failed; see `error`.")
    CANCELLED = strawberry.enum_value(JobStage.CANCELLED.value, description="Cancelled.")


@strawberry.type(
    description="An input that is possible but implausible beside the others (EBITDA above "
    "revenue, a jump of 100x between years, shares that price the company under A$0.001): worth a "
    "second look, but the valuation runs."
)
class ValuationInputWarning:
    field: list[str] = strawberry.field(description="Path of the input field, from `input`.")
    code: str = strawberry.field(
        description="EBITDA_ABOVE_REVENUE, NET_INCOME_ABOVE_REVENUE, YEAR_ON_YEAR_JUMP, "
        "PRICE_BELOW_MINIMUM or DEBT_ABOVE_ESTIMATED_VALUE."
    )
    message: str = strawberry.field(description="What looks wrong, with the figures.")


@strawberry.type(description="Why a job failed.")
class JobError:
    code: str = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="What went wrong.")


@strawberry.type(description="A valuation job of the caller's organisation.")
class ValuationJob:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    company_name: str = strawberry.field(description="The company valued.")
    status: ValuationStatus = strawberry.field(description="QUEUED, RUNNING, COMPLETED, ...")
    stage: ValuationStage = strawberry.field(description="The stage the job is in.")
    progress: int = strawberry.field(description="Per cent done.")
    created_at: datetime = strawberry.field(description="When it was asked for.")
    started_at: datetime | None = strawberry.field(description="When a worker started it.")
    completed_at: datetime | None = strawberry.field(description="When it finished.")
    attempts: int = strawberry.field(description="Times a worker started it.")
    error: JobError | None = strawberry.field(description="Why it failed, if it did.")
    # The stored JSON, read into types only when a query selects `result`: a page of jobs asked
    # for `{ id status }` should not parse a hundred results (about 0.2 ms each).
    stored_result: strawberry.Private[dict[str, Any] | None]
    row: strawberry.Private[ValuationJobRow]

    @strawberry.field(
        description="Its reports (a PDF, an XLSX model), once COMPLETED; null before. Each is "
        "generated on first request, in the background (poll it, or follow reportProgress)."
    )
    def reports(self) -> ValuationReports | None:
        if self.row.status != JobStatus.COMPLETED.value or not self.row.result:
            return None
        return ValuationReports(valuation=self.row)

    @strawberry.field(description="The result, once completed.")
    def result(self) -> ValuationResult | None:
        if self.stored_result is None:
            return None
        stored = StoredResult.model_validate(self.stored_result)
        return ValuationResult.from_stored(stored, self.stored_result)

    @strawberry.field(
        description="The DCF's Monte Carlo distribution, with a histogram of its draws, once "
        "COMPLETED; null before, and for a valuation without a DCF. Needs the advanced analytics "
        "feature (null with FEATURE_NOT_IN_TIER otherwise).",
        permission_classes=[requires(Feature.ADVANCED_ANALYTICS)],
    )
    async def monte_carlo(
        self,
        bins: Annotated[
            int,
            strawberry.argument(
                description=f"How many bars the histogram has, {HISTOGRAM_BINS[0]} to "
                f"{HISTOGRAM_BINS[1]}."
            ),
        ] = 40,
    ) -> MonteCarloDistribution | None:
        low, high = HISTOGRAM_BINS
        if not low <= bins <= high:
            raise BadUserInput(
                f"`bins` must be between {low} and {high}, got {bins}.", argument="bins"
            )
        if self.row.status != JobStatus.COMPLETED.value or self.stored_result is None:
            return None
        # Making the 10,000 draws again is CPU work: off the event loop, as argon2 is.
        return await asyncio.to_thread(
            stored_distribution, self.row.inputs, self.row.created_at, self.stored_result, bins
        )

    @classmethod
    def from_row(cls, row: ValuationJobRow) -> ValuationJob:
        return cls(
            id=strawberry.ID(encode_id("ValuationJob", row.id)),
            company_name=row.company_name,
            status=ValuationStatus(row.status),
            stage=ValuationStage(row.stage),
            progress=row.progress,
            created_at=row.created_at,
            started_at=row.started_at,
            completed_at=row.completed_at,
            attempts=row.attempts,
            error=JobError(code=row.error_code, message=row.error_message or "")
            if row.error_code
            else None,
            stored_result=row.result or None,
            row=row,
        )
