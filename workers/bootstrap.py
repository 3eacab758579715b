"""Make sure a new deployment has a company directory before it serves queries."""

from __future__ import annotations

import logging

from core.errors import ProviderError, ProviderUnavailable
from core.redis import is_embedded
from providers.sample import SampleProvider
from repositories.companies import CompanySearch, count_companies
from runtime.services import Services
from workers.directory_sync import sync_company_directory
from workers.worker import SYNC_DIRECTORY

log = logging.getLogger(__name__)


STARTUP_LOCK_KEY = "ipoval:bootstrap:sync_company_directory"
STARTUP_LOCK_SECONDS = 300


async def ensure_company_directory(services: Services) -> None:
    """Fill an empty directory: inline when embedded (a second or so, and the first query must
    work), otherwise by one job for the workers. A short Redis lock, not a fixed job id, keeps
    replicas starting together from enqueueing it twice: arq would refuse a fixed id for as long
    as it keeps the result of a failed first attempt."""
    async with services.sessions() as session:
        count = await count_companies(session, CompanySearch())
    if count:
        return
    if is_embedded(services.redis):
        try:
            await sync_company_directory(services)
        except (ProviderUnavailable, ProviderError) as error:
            # The first query must work: start from the ASX list shipped with the sample data,
            # which the next scheduled sync replaces.
            log.error(
                "company directory unavailable (%s): using the shipped ASX list", error.message
            )
            await sync_company_directory(services, directory=SampleProvider())
        return
    if not await services.redis.set(STARTUP_LOCK_KEY, 1, nx=True, ex=STARTUP_LOCK_SECONDS):
        log.info("company directory is empty; another process enqueued its sync")
        return
    job = await services.redis.enqueue_job(SYNC_DIRECTORY)
    log.info("company directory is empty: enqueued %s (%s) for the workers", SYNC_DIRECTORY, job)
