"""valuationProgress: the live progress of one of the caller's valuation jobs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Annotated

import strawberry

from models.valuation import ValuationJob as ValuationJobRow
from repositories import valuations as repo
from repositories.owned import get_owned
from runtime.services import Services
from schema.context import Info
from schema.ids import decode_id
from workers.progress import ProgressEvent, parse, snapshot_key

# How long a subscriber waits for an event before it re-reads the job's stored state.
RECHECK_SECONDS = 15.0


@strawberry.type(description="One step of a valuation job.")
class ValuationProgressEvent:
    job_id: strawberry.ID = strawberry.field(description="The job.")
    seq: int = strawberry.field(
        description="Increases by one per event; a stored state has the number of the event it is."
    )
    status: str = strawberry.field(description="QUEUED, RUNNING, COMPLETED, FAILED or CANCELLED.")
    stage: str = strawberry.field(description="The stage the job is in.")
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
            status=event.status,
            stage=event.stage,
            percent=event.percent,
            message=event.message,
            published_at=(
                datetime.fromtimestamp(event.published_at, UTC) if event.published_at else None
            ),
        )


@strawberry.type
class ValuationSubscription:
    @strawberry.subscription(
        description="Progress of one of the caller's valuation jobs: first its current state, then "
        "each event in order, ending after the terminal one. Ends at once for an unknown job."
    )
    async def valuation_progress(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The job's ID.")],
    ) -> AsyncGenerator[ValuationProgressEvent, None]:
        job_id = decode_id("ValuationJob", id)
        if job_id is None:
            return
        services = info.context.services
        async with services.sessions() as session:
            row = await get_owned(
                session, ValuationJobRow, job_id, info.context.principal.organisation_id
            )
        if row is None:
            return
        hub = info.context.progress_hub
        if hub is None:
            raise RuntimeError("progress subscriptions need the context of a websocket")
        # Listen before reading the snapshot: an event published in between is then queued.
        async with hub.listen(job_id) as events:
            current = await current_state(services, row)
            yield ValuationProgressEvent.from_event(current, id)
            last_seq = current.seq
            while not current.is_terminal:
                try:
                    current = await asyncio.wait_for(events.get(), RECHECK_SECONDS)
                except TimeoutError:
                    # Nothing heard for a while: an event may have been lost (a publisher that
                    # died after its commit, a dropped connection), so look at the stored state.
                    async with services.sessions() as session:
                        state = await repo.progress_state(session, job_id)
                    if state is None:
                        return
                    current = await current_state(services, state)
                if current.seq <= last_seq and not current.is_terminal:
                    continue  # already delivered
                last_seq = max(last_seq, current.seq)
                yield ValuationProgressEvent.from_event(current, id)


async def current_state(
    services: Services, row: ValuationJobRow | repo.ProgressState
) -> ProgressEvent:
    """The job's latest state: the newer of its Redis snapshot and its row. The row is the system
    of record: once it is final, a snapshot that is not (its writer died between the commit and the
    publish, or Redis lost it) must not keep the caller waiting. Each progress write stores its
    event's message on the row, so a state read from the row says what the live event said."""
    from_row = ProgressEvent(
        str(row.id), row.event_seq, row.status, row.stage, row.progress, row.progress_message
    )
    if from_row.is_terminal:
        return from_row
    stored = await services.redis.get(snapshot_key(row.id))
    snapshot = parse(stored) if stored else None
    return snapshot if snapshot is not None and snapshot.seq >= from_row.seq else from_row
