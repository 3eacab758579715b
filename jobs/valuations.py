"""Queue, cancel and read valuation jobs for the caller's organisation.

Queueing: an idempotency key returns the job it created (the same input) or is refused (another
input); then the quota is taken, the row inserted, and the job enqueued after the commit, so a
worker never looks for a row that is not there yet. Cancelling a queued job gives its quota back.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from redis.exceptions import RedisError
from sqlalchemy.exc import IntegrityError

from accounts.principal import Principal
from accounts.quota import consume_valuation, release_valuation
from contracts import valuation_job as steps
from contracts.valuation_input import ValuationJobInput
from contracts.valuation_job import RUN_VALUATION, JobStatus, arq_job_id
from contracts.valuation_progress import publish
from core.errors import BadUserInput, QuotaExceeded
from models.valuation import ValuationJob as ValuationJobRow
from repositories import valuations as repo
from repositories.owned import get_owned
from runtime.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a job was not queued or cancelled: a stable code and words for the caller."""

    code: str
    message: str


KEY_REUSED = Refusal("IDEMPOTENCY_KEY_REUSED", "This key was used with different input.")
NOT_FOUND = Refusal("NOT_FOUND", "No such valuation.")


def after_not_yours() -> BadUserInput:
    """The refusal of a page cursor that is not one of the organisation's jobs (a new exception
    each time: a raised one carries its request's traceback)."""
    return BadUserInput("`after` is not one of your valuations.", argument="after")


async def job_for_retry(
    services: Services, organisation_id: uuid.UUID, key: str, inputs: ValuationJobInput
) -> ValuationJobRow | Refusal | None:
    """The job an earlier call with this idempotency key created; a refusal if that call had
    another input; None for a new key."""
    async with services.sessions() as session:
        existing = await repo.job_by_idempotency_key(session, organisation_id, key)
    if existing is None:
        return None
    return existing if existing.input_digest == inputs.digest() else KEY_REUSED


async def queue_valuation(
    services: Services, principal: Principal, inputs: ValuationJobInput, key: str | None
) -> ValuationJobRow | Refusal:
    """Take a quota unit, record the job and enqueue it. A concurrent call with the same key that
    inserted first is answered as a retry of it."""
    organisation_id = principal.organisation_id
    assert organisation_id is not None  # the access policy admits no anonymous caller here
    try:
        quota = await consume_valuation(services, principal)
    except QuotaExceeded as exceeded:
        return Refusal("QUOTA_EXCEEDED", exceeded.message)
    try:
        async with services.sessions.begin() as session:
            job = await repo.add_job(
                session,
                inputs,
                organisation_id=organisation_id,
                created_by=principal.user_id,
                idempotency_key=key,
            )
    except IntegrityError:
        await release_valuation(services, organisation_id, quota.period)
        retried = await job_for_retry(services, organisation_id, key or "", inputs)
        return KEY_REUSED if retried is None else retried
    except Exception:
        await release_valuation(services, organisation_id, quota.period)
        raise
    # If Redis cannot take it now, the job is still recorded: the sweeper enqueues it later.
    try:
        await services.redis.enqueue_job(RUN_VALUATION, str(job.id), _job_id=arq_job_id(job.id))
    except (RedisError, OSError):
        log.warning("could not enqueue valuation %s; the sweeper will", job.id, exc_info=True)
    return job


async def cancel_valuation(
    services: Services, organisation_id: uuid.UUID | None, job_id: uuid.UUID | None
) -> tuple[ValuationJobRow | None, Refusal | None]:
    """Cancel a queued or running job: the job as it is now, and why it was not cancelled."""
    row = await owned_job(services, organisation_id, job_id)
    if row is None or organisation_id is None or job_id is None:
        return None, NOT_FOUND
    async with services.sessions.begin() as session:
        cancelled_at = await repo.cancel_job(session, job_id, steps.CANCELLED_MESSAGE)
    if cancelled_at is None:
        return row, Refusal("NOT_CANCELLABLE", f"The job is {row.status}.")
    previous, seq = cancelled_at
    if previous == JobStatus.QUEUED.value:
        await release_valuation(services, organisation_id, row.created_at.strftime("%Y-%m"))
    await publish(services.redis, job_id, seq, steps.CANCELLED, steps.CANCELLED_MESSAGE)
    cancelled = await owned_job(services, organisation_id, job_id)
    assert cancelled is not None
    return cancelled, None


async def owned_job(
    services: Services, organisation_id: uuid.UUID | None, job_id: uuid.UUID | None
) -> ValuationJobRow | None:
    """One of the organisation's jobs; None for any other (or no) ID."""
    if job_id is None:
        return None
    async with services.sessions() as session:
        return await get_owned(session, ValuationJobRow, job_id, organisation_id)


async def page_of_jobs(
    services: Services,
    organisation_id: uuid.UUID,
    first: int,
    after: uuid.UUID | None,
    status: JobStatus | None,
) -> list[ValuationJobRow]:
    """The organisation's jobs, newest first, after the job `after` (which must be theirs)."""
    async with services.sessions() as session:
        last = None
        if after is not None:
            last = await get_owned(session, ValuationJobRow, after, organisation_id)
            if last is None:
                raise after_not_yours()
        return await repo.page_jobs(
            session, organisation_id, first, last, status.value if status else None
        )
