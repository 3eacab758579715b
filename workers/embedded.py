"""The arq worker that runs inside the API process in embedded mode."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from arq.worker import Worker

from runtime.services import Services
from workers.worker import create_worker


@contextlib.asynccontextmanager
async def embedded_worker(services: Services) -> AsyncIterator[Worker]:
    worker = create_worker(services.settings, services, handle_signals=False)
    task = asyncio.create_task(worker.async_run(), name="embedded-arq-worker")
    try:
        yield worker
    finally:
        # Stop polling, then stop the jobs already started: they would otherwise run on against
        # services that close right after this.
        task.cancel()
        jobs = list(worker.tasks.values())
        for job in jobs:
            job.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await asyncio.gather(*jobs, return_exceptions=True)
