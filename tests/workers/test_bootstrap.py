"""An empty company directory is filled: inline when embedded, by one job for the workers else."""

from __future__ import annotations

import asyncio
from pathlib import Path

from core.migrate import upgrade_to_head
from core.settings import Settings
from repositories.companies import CompanySearch, count_companies
from runtime.services import open_services
from workers.bootstrap import STARTUP_LOCK_KEY, ensure_company_directory


async def test_replicas_starting_together_enqueue_one_sync_job(
    services_settings: Settings, tmp_path: Path
) -> None:
    # An empty database (a SQLite file here) behind the real Redis, as a new deployment has.
    settings = Settings(database_url=None, redis_url=services_settings.redis_url, data_dir=tmp_path)
    async with open_services(settings) as services:
        await upgrade_to_head(services.engine)
        await services.redis.delete(STARTUP_LOCK_KEY, "arq:queue")
        await asyncio.gather(*(ensure_company_directory(services) for _ in range(5)))
        queued = await services.redis.zcard("arq:queue")
        await services.redis.delete(STARTUP_LOCK_KEY, "arq:queue")
    assert queued == 1


async def test_embedded_deployment_fills_its_directory_before_serving(tmp_path: Path) -> None:
    settings = Settings(database_url=None, redis_url=None, data_dir=tmp_path)
    async with open_services(settings) as services:
        await upgrade_to_head(services.engine)
        await ensure_company_directory(services)
        async with services.sessions() as session:
            assert await count_companies(session, CompanySearch()) == 1985
