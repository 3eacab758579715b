"""valuationProgress: the live progress of one of the caller's valuation jobs (jobs/following.py
follows it; this maps each event to GraphQL)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from jobs.following import follow
from schema.context import Info
from schema.ids import decode_id
from schema.types.valuation_progress import ValuationProgressEvent


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
        hub = info.context.progress_hub
        if hub is None:
            raise RuntimeError("progress subscriptions need the context of a websocket")
        events = follow(info.context.services, hub, info.context.principal.organisation_id, job_id)
        async for event in events:
            yield ValuationProgressEvent.from_event(event, id)
