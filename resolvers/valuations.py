"""createValuation and the caller's valuation jobs."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Annotated, Any

import strawberry
from redis.exceptions import RedisError
from sqlalchemy.exc import IntegrityError

from accounts.quota import consume_valuation, release_valuation
from core.errors import BadUserInput, QuotaExceeded
from models.valuation import ValuationJob as ValuationJobRow
from repositories import valuations as repo
from repositories.owned import get_owned
from resolvers.valuation_checks import error, peer_errors, validate, warnings_for
from schema.context import Info
from schema.ids import decode_id
from schema.pagination import check_page_size
from schema.types.account import UserError
from schema.types.valuation import (
    ValuationInput,
    ValuationInputWarning,
    ValuationJob,
    ValuationStatus,
)
from workers.progress import publish
from workers.valuation_job import RUN_VALUATION, job_id_for

log = logging.getLogger(__name__)
CANCELLED_MESSAGE = "Cancelled"


@strawberry.type(description="The result of createValuation.")
class CreateValuationPayload:
    job: ValuationJob | None = strawberry.field(description="The queued (or existing) job.")
    user_errors: list[UserError] = strawberry.field(description="Why it was not created.")
    warnings: list[ValuationInputWarning] = strawberry.field(
        description="Inputs that look implausible together; the job runs, and its result lists "
        "them too."
    )


def _argument_error(code: str, message: str) -> UserError:
    """An error about the `id` argument of a job mutation."""
    return UserError(field=["id"], code=code, message=message)


def stored_inputs(data: ValuationInput) -> dict[str, Any]:
    """The job's inputs as stored: what the worker values, and what the idempotency key guards."""

    def periods(items: list[Any]) -> list[dict[str, Any]]:
        return [{**vars(p), "fiscal_year_end": p.fiscal_year_end.isoformat()} for p in items]

    assumptions = vars(data.assumptions) if data.assumptions else {}
    return {
        "gics_industry_group": data.gics_industry_group.value,
        "peers": sorted(t.upper() for t in data.peers),
        "exclude_peers": sorted(t.upper() for t in data.exclude_peers),
        "valuation": {
            "company_name": data.company_name.strip(),
            "history": periods(data.history),
            "forecast": periods(data.forecast),
            "net_debt": data.net_debt,
            "lease_liabilities": data.lease_liabilities,
            "ebitda_post_aasb16": data.ebitda_post_aasb16,
            "pre_offer_shares": data.pre_offer_shares,
            "primary_raise": data.primary_raise,
            "assumptions": {k: v for k, v in assumptions.items() if v is not None},
        },
    }


def _refused(*errors: UserError) -> CreateValuationPayload:
    return CreateValuationPayload(job=None, user_errors=list(errors), warnings=[])


def _key_reused() -> CreateValuationPayload:
    return _refused(error((), "IDEMPOTENCY_KEY_REUSED", "This key was used with different input."))


@strawberry.type
class ValuationMutation:
    @strawberry.mutation(
        description="Queue a valuation of a company; it runs in the background. Counts against "
        "the organisation's monthly quota, unless it is refused here or fails for its input. The "
        "same idempotency key returns the same job."
    )
    async def create_valuation(
        self,
        info: Info,
        input: Annotated[ValuationInput, strawberry.argument(description="The company.")],
        idempotency_key: Annotated[
            str | None, strawberry.argument(description="Retry-safe key, up to 100 characters.")
        ] = None,
    ) -> CreateValuationPayload:
        principal = info.context.principal
        services = info.context.services
        errors = validate(input)
        if idempotency_key is not None and not 0 < len(idempotency_key) <= 100:
            errors.append(error((), "INVALID_IDEMPOTENCY_KEY", "1 to 100 characters."))
        if errors:
            return _refused(*errors)
        inputs = stored_inputs(input)
        warnings = warnings_for(inputs)
        digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
        organisation_id = principal.organisation_id
        assert organisation_id is not None  # the access policy admits no anonymous caller here

        def answer(row: ValuationJobRow) -> CreateValuationPayload:
            return CreateValuationPayload(
                job=ValuationJob.from_row(row), user_errors=[], warnings=warnings
            )

        if idempotency_key is not None:
            async with services.sessions() as session:
                existing = await repo.job_by_idempotency_key(
                    session, organisation_id, idempotency_key
                )
            if existing is not None:
                return answer(existing) if existing.input_digest == digest else _key_reused()
        # Before the quota: what the job would refuse for its input must not cost a valuation.
        errors = await peer_errors(info, input)
        if errors:
            return _refused(*errors)
        try:
            quota = await consume_valuation(services, principal)
        except QuotaExceeded as exceeded:
            return _refused(error((), "QUOTA_EXCEEDED", exceeded.message))
        try:
            async with services.sessions.begin() as session:
                job = await repo.add_job(
                    session,
                    organisation_id=organisation_id,
                    created_by=principal.user_id,
                    company_name=input.company_name.strip(),
                    idempotency_key=idempotency_key,
                    input_digest=digest,
                    inputs=inputs,
                )
        except IntegrityError:
            # A concurrent request with the same idempotency key inserted first: answer as a retry.
            await release_valuation(services, organisation_id, quota.period)
            async with services.sessions() as session:
                existing = await repo.job_by_idempotency_key(
                    session, organisation_id, idempotency_key or ""
                )
            if existing is None or existing.input_digest != digest:
                return _key_reused()
            return answer(existing)
        except Exception:
            await release_valuation(services, organisation_id, quota.period)
            raise
        # Enqueued after the commit, so a worker never looks for a row that is not there yet. If
        # Redis cannot take it now, the job is still recorded: the sweeper enqueues it later.
        try:
            await services.redis.enqueue_job(RUN_VALUATION, str(job.id), _job_id=job_id_for(job.id))
        except (RedisError, OSError):
            log.warning("could not enqueue valuation %s; the sweeper will", job.id, exc_info=True)
        return answer(job)


@strawberry.type(description="The result of cancelValuation.")
class CancelValuationPayload:
    job: ValuationJob | None = strawberry.field(description="The job, now cancelled.")
    user_errors: list[UserError] = strawberry.field(description="Why it was not cancelled.")


@strawberry.type
class CancelMutation:
    @strawberry.mutation(
        description="Cancel a queued or running valuation. A queued one gives its quota back."
    )
    async def cancel_valuation(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The job's ID.")],
    ) -> CancelValuationPayload:
        services = info.context.services
        organisation_id = info.context.principal.organisation_id
        job_id = decode_id("ValuationJob", id)
        row = None
        if job_id is not None:
            async with services.sessions() as session:
                row = await get_owned(session, ValuationJobRow, job_id, organisation_id)
        if job_id is None or row is None or organisation_id is None:
            return CancelValuationPayload(
                job=None, user_errors=[_argument_error("NOT_FOUND", "No such valuation.")]
            )
        async with services.sessions.begin() as session:
            cancelled_at = await repo.cancel_job(session, job_id, CANCELLED_MESSAGE)
        if cancelled_at is None:
            return CancelValuationPayload(
                job=ValuationJob.from_row(row),
                user_errors=[_argument_error("NOT_CANCELLABLE", f"The job is {row.status}.")],
            )
        previous, seq = cancelled_at
        if previous == "QUEUED":
            await release_valuation(services, organisation_id, row.created_at.strftime("%Y-%m"))
        await publish(services.redis, job_id, seq, "CANCELLED", "cancelled", 100, CANCELLED_MESSAGE)
        async with services.sessions() as session:
            cancelled = await get_owned(session, ValuationJobRow, job_id, organisation_id)
        assert cancelled is not None
        return CancelValuationPayload(job=ValuationJob.from_row(cancelled), user_errors=[])


@strawberry.type
class ValuationQuery:
    @strawberry.field(description="One of the caller's valuation jobs; null when unknown.")
    async def valuation(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its opaque ID.")],
    ) -> ValuationJob | None:
        job_id = decode_id("ValuationJob", id)
        if job_id is None:
            return None
        async with info.context.services.sessions() as session:
            row = await get_owned(
                session, ValuationJobRow, job_id, info.context.principal.organisation_id
            )
        return ValuationJob.from_row(row) if row else None

    @strawberry.field(description="The caller's organisation's valuation jobs, newest first.")
    async def valuations(
        self,
        info: Info,
        first: Annotated[int, strawberry.argument(description="How many, at most 100.")] = 20,
        after: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The ID of the last job of the previous page."),
        ] = None,
        status: Annotated[
            ValuationStatus | None, strawberry.argument(description="Only jobs in this status.")
        ] = None,
    ) -> list[ValuationJob]:
        check_page_size(first)
        organisation_id = info.context.principal.organisation_id
        if organisation_id is None:
            return []
        async with info.context.services.sessions() as session:
            last = None
            if after is not None:
                after_id = decode_id("ValuationJob", after)
                last = (
                    await get_owned(session, ValuationJobRow, after_id, organisation_id)
                    if after_id
                    else None
                )
                if last is None:
                    raise BadUserInput("`after` is not one of your valuations.", argument="after")
            rows = await repo.page_jobs(
                session, organisation_id, first, last, str(status.value) if status else None
            )
        return [ValuationJob.from_row(row) for row in rows]
