"""One step of a valuation job, as valuationProgress streams it."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from contracts.valuation_progress import ProgressEvent
from schema.types.valuation import ValuationStage, ValuationStatus


@strawberry.type(description="One step of a valuation job.")
class ValuationProgressEvent:
    job_id: strawberry.ID = strawberry.field(description="The job.")
    seq: int = strawberry.field(
        description="Increases by one per event; a stored state has the number of the event it is."
    )
    status: ValuationStatus = strawberry.field(description="Where the job is in its life.")
    stage: ValuationStage = strawberry.field(description="The stage the job is in.")
    percent: int = strawberry.field(description="Per cent done.")
    message: str = strawberry.field(description="What is happening.")
    published_at: datetime | None = strawberry.field(
        description="When the worker published the event; null for a state read from storage."
    )

    @classmethod
    def from_event(cls, event: ProgressEvent, opaque_id: str) -> ValuationProgressEvent:
        return cls(
            job_id=strawberry.ID(opaque_id),
            seq=event.seq,
            status=ValuationStatus(event.status),
            stage=ValuationStage(event.stage),
            percent=event.percent,
            message=event.message,
            published_at=(
                datetime.fromtimestamp(event.published_at, UTC) if event.published_at else None
            ),
        )
