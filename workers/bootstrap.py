"""Make sure a new deployment has a company directory before it serves queries."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from core.redis import is_embedded
from core.services import Services
from models.company import CompanyRecord
from workers.directory_sync import sync_company_directory
from workers.worker import SYNC_DIRECTORY, SYNC_DIRECTORY_STARTUP_JOB_ID

log = logging.getLogger(__name__)


async def ensure_company_directory(services: Services) -> None:
    """Fill an empty directory: inline when embedded (a second or so, and the first query must
    work), otherwise by enqueueing one de-duplicated job for the workers."""
    async with services.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(CompanyRecord))
    if count:
        return
    if is_embedded(services.redis):
        await sync_company_directory(services)
        return
    await services.redis.enqueue_job(SYNC_DIRECTORY, _job_id=SYNC_DIRECTORY_STARTUP_JOB_ID)
    log.info("company directory is empty: enqueued %s for the workers", SYNC_DIRECTORY)
