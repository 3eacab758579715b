"""Following a background job (a valuation, a document's extraction): its current state first,
then each event in order, ending after the terminal one."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

from contracts import valuation_progress
from contracts.progress import ProgressEvent, ProgressStream, parse
from jobs.progress_hub import ProgressHub
from jobs.valuations import owned_job
from repositories import valuations as repo
from runtime.services import Services

# How long a follower waits for an event before it re-reads the job's stored state.
RECHECK_SECONDS = 15.0


class ProgressColumns(Protocol):
    """What a job's row (or its progress columns alone) says about where it is."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def event_seq(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def progress(self) -> int: ...
    @property
    def progress_message(self) -> str: ...


async def follow(
    services: Services,
    hub: ProgressHub,
    organisation_id: uuid.UUID | None,
    job_id: uuid.UUID,
) -> AsyncIterator[ProgressEvent]:
    """A valuation job's progress; nothing at all for a job the organisation does not own."""
    row = await owned_job(services, organisation_id, job_id)
    if row is None:
        return

    async def state() -> repo.ProgressState | None:
        async with services.sessions() as session:
            return await repo.progress_state(session, job_id)

    async for event in follow_job(services, hub, valuation_progress.STREAM, row, state):
        yield event


async def follow_job(
    services: Services,
    hub: ProgressHub,
    stream: ProgressStream,
    row: ProgressColumns,
    read_state: Callable[[], Awaitable[ProgressColumns | None]],
) -> AsyncIterator[ProgressEvent]:
    """The progress of a job whose row the caller has read (and checked the owner of)."""
    # Listen before reading the snapshot: an event published in between is then queued.
    async with hub.listen(row.id, stream) as events:
        current = await current_state(services, row, stream)
        yield current
        last_seq = current.seq
        while not current.is_terminal:
            try:
                current = await asyncio.wait_for(events.get(), RECHECK_SECONDS)
            except TimeoutError:
                # Nothing heard for a while: an event may have been lost (a publisher that died
                # after its commit, a dropped connection), so look at the stored state.
                state = await read_state()
                if state is None:
                    return
                current = await current_state(services, state, stream)
            if current.seq <= last_seq and not current.is_terminal:
                continue  # already delivered
            last_seq = max(last_seq, current.seq)
            yield current


async def current_state(
    services: Services,
    row: ProgressColumns,
    stream: ProgressStream = valuation_progress.STREAM,
) -> ProgressEvent:
    """The job's latest state: the newer of its Redis snapshot and its row. The row is the system
    of record: once it is final, a snapshot that is not (its writer died between the commit and the
    publish, or Redis lost it) must not keep the caller waiting. Each progress write stores its
    event's message on the row, so a state read from the row says what the live event said."""
    from_row = ProgressEvent(
        job_id=str(row.id),
        seq=row.event_seq,
        status=row.status,
        stage=row.stage,
        percent=row.progress,
        message=row.progress_message,
    )
    if from_row.is_terminal:
        return from_row
    stored = await services.redis.get(stream.snapshot_key(row.id))
    snapshot = parse(stored) if stored else None
    return snapshot if snapshot is not None and snapshot.seq >= from_row.seq else from_row
