"""The directory sync job, run by real arq workers: in-process, embedded, and `ipoval worker`."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, date, datetime

from arq.jobs import Job
from sqlalchemy import delete, insert
from starlette.applications import Starlette

from core.settings import Settings
from edge.state import app_state
from models.company import CompanyRecord
from repositories.companies import companies_by_tickers
from runtime.services import Services
from workers.worker import SYNC_DIRECTORY, create_worker


async def remove_company(services: Services, ticker: str) -> None:
    async with services.sessions.begin() as session:
        await session.execute(delete(CompanyRecord).where(CompanyRecord.ticker == ticker))  # type: ignore[arg-type]


async def has_company(services: Services, ticker: str) -> bool:
    async with services.sessions() as session:
        return ticker in await companies_by_tickers(session, [ticker])


async def test_burst_worker_restores_a_missing_company_on_redis(services_app: Starlette) -> None:
    services: Services = app_state(services_app).services
    await remove_company(services, "ZIP")
    job = await services.redis.enqueue_job(SYNC_DIRECTORY)
    assert job is not None
    worker = create_worker(
        services.settings, services, burst=True, poll_delay=0, handle_signals=False
    )
    await worker.async_run()
    assert await job.result(timeout=5) == 1985
    assert await has_company(services, "ZIP")


async def test_embedded_worker_runs_jobs_inside_the_server(embedded_app: Starlette) -> None:
    services: Services = app_state(embedded_app).services
    await remove_company(services, "ZIP")
    job = await services.redis.enqueue_job(SYNC_DIRECTORY)
    assert isinstance(job, Job)
    assert await job.result(timeout=10, poll_delay=0.05) == 1985
    assert await has_company(services, "ZIP")


async def test_ipoval_worker_process_runs_enqueued_jobs(services_app: Starlette) -> None:
    services: Services = app_state(services_app).services
    settings: Settings = services.settings
    await remove_company(services, "ZIP")
    env = {
        **os.environ,
        "DATABASE_URL": settings.effective_database_url,
        "REDIS_URL": settings.redis_url or "",
        "IPOVAL_ENV": "development",  # production would refuse the development secrets
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "worker", env=env, stdout=subprocess.DEVNULL
    )
    try:
        job = await services.redis.enqueue_job(SYNC_DIRECTORY)
        assert job is not None
        assert await job.result(timeout=30, poll_delay=0.1) == 1985
        assert await has_company(services, "ZIP")
    finally:
        # A worker left running would take later tests' jobs off the same queue: kill it if it
        # does not stop within the grace period.
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise


async def test_sync_removes_companies_that_left_the_listing(services_app: Starlette) -> None:
    services: Services = app_state(services_app).services
    async with services.sessions.begin() as session:
        await session.execute(
            insert(CompanyRecord.__table__).values(  # type: ignore[attr-defined]
                ticker="GONE",
                name="DELISTED LIMITED",
                listing_source="ASX",
                listing_as_of=date(2020, 1, 1),
                market_cap_synthetic=False,
                updated_at=datetime(2020, 1, 1, tzinfo=UTC),
            )
        )
    job = await services.redis.enqueue_job(SYNC_DIRECTORY)
    assert job is not None
    await create_worker(
        services.settings, services, burst=True, poll_delay=0, handle_signals=False
    ).async_run()
    assert await job.result(timeout=5) == 1985
    assert not await has_company(services, "GONE")
    assert await has_company(services, "BHP")
