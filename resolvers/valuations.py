"""createValuation, cancelValuation and the caller's valuation jobs: GraphQL in, jobs/valuations.py
to do it, GraphQL out."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from contracts.document_figures import DocumentFigureUse
from contracts.valuation_input import ValuationJobInput
from contracts.valuation_job import JobStatus
from jobs import valuations as jobs
from models.valuation import ValuationJob as ValuationJobRow
from resolvers.valuation_checks import error, peer_errors, validate, warnings_for
from resolvers.valuation_documents import with_documents, without_documents
from schema.bounds import MAX_IDEMPOTENCY_KEY_LENGTH, MAX_PAGE_SIZE
from schema.context import Info
from schema.ids import decode_id
from schema.pagination import check_page_size
from schema.types.valuation import ValuationInputWarning, ValuationJob, ValuationStatus
from schema.types.valuation_inputs import AssumptionsInput, ValuationInput
from schema.types.valuation_payloads import (
    CancelValuationError,
    CancelValuationErrorCode,
    CancelValuationPayload,
    CreateValuationError,
    CreateValuationPayload,
)


def stored_inputs(
    data: ValuationInput, document_figures: list[DocumentFigureUse] | None = None
) -> ValuationJobInput:
    """The job's input as stored: what the worker values, and what the idempotency key guards
    (the figures taken from documents included, so a correction since makes another input)."""

    def periods(items: list[Any]) -> list[dict[str, Any]]:
        return [vars(p) for p in items]

    return ValuationJobInput.model_validate(
        {
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
                "assumptions": _assumptions(data.assumptions),
                "valuation_date": data.valuation_date,
                "lease_payments": data.lease_payments,
                "book_equity": data.book_equity,
                "net_tangible_assets": data.net_tangible_assets,
                "embedded_value": data.embedded_value,
                "franking_percentage": data.franking_percentage,
                "custom_peers": [_plain(vars(p)) for p in data.custom_peers] or None,
                "expected_holders": data.expected_holders,
                "free_float": data.free_float,
                "offer_costs": data.offer_costs,
            },
            "document_figures": document_figures or None,
        }
    )


def _assumptions(given: AssumptionsInput | None) -> dict[str, Any]:
    if given is None:
        return {}
    values = _plain(vars(given))
    if given.methods is not None:
        values["methods"] = [
            {
                "method": m.method.value,
                "weight": m.weight,
                "period": m.period.value,
                "multiple_range": None
                if m.multiple_range is None
                else (m.multiple_range.low, m.multiple_range.high),
            }
            for m in given.methods
        ]
    return values


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members as their values, so that pydantic reads them as the stored form does."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in values.items()}


def _refused(*errors: CreateValuationError) -> CreateValuationPayload:
    return CreateValuationPayload(job=None, user_errors=list(errors), warnings=[])


def _created(
    outcome: ValuationJobRow | jobs.Refusal, warnings: list[ValuationInputWarning]
) -> CreateValuationPayload:
    if isinstance(outcome, jobs.Refusal):
        return _refused(error((), outcome.code, outcome.message))
    return CreateValuationPayload(
        job=ValuationJob.from_row(outcome), user_errors=[], warnings=warnings
    )


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
            str | None,
            strawberry.argument(
                description=f"Retry-safe key, up to {MAX_IDEMPOTENCY_KEY_LENGTH} characters."
            ),
        ] = None,
    ) -> CreateValuationPayload:
        principal, services = info.context.principal, info.context.services
        figures: list[DocumentFigureUse] = []
        document_warnings: list[ValuationInputWarning] = []
        if input.document_ids is not None:
            completed = await with_documents(info, input)
            if isinstance(completed, list):
                return _refused(*completed)
            input, figures, document_warnings = (
                completed.input,
                completed.uses,
                completed.warnings,
            )
        else:
            given = without_documents(input)
            if isinstance(given, CreateValuationError):
                return _refused(given)
            input = given
        errors = validate(input)
        if (
            idempotency_key is not None
            and not 0 < len(idempotency_key) <= MAX_IDEMPOTENCY_KEY_LENGTH
        ):
            errors.append(
                error(
                    (), "INVALID_IDEMPOTENCY_KEY", f"1 to {MAX_IDEMPOTENCY_KEY_LENGTH} characters."
                )
            )
        if errors:
            return _refused(*errors)
        inputs = stored_inputs(input, figures)
        warnings = [*document_warnings, *warnings_for(inputs)]
        organisation_id = principal.organisation_id
        assert organisation_id is not None  # the access policy admits no anonymous caller here
        if idempotency_key is not None:
            retried = await jobs.job_for_retry(services, organisation_id, idempotency_key, inputs)
            if retried is not None:
                return _created(retried, warnings)
        # Before the quota: what the job would refuse for its input must not cost a valuation.
        errors = await peer_errors(info, input)
        if errors:
            return _refused(*errors)
        queued = await jobs.queue_valuation(services, principal, inputs, idempotency_key)
        return _created(queued, warnings)


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
        row, refusal = await jobs.cancel_valuation(
            info.context.services,
            info.context.principal.organisation_id,
            decode_id("ValuationJob", id),
        )
        return CancelValuationPayload(
            job=ValuationJob.from_row(row) if row else None,
            user_errors=[
                CancelValuationError(
                    field=["id"],
                    code=CancelValuationErrorCode(refusal.code),
                    message=refusal.message,
                )
            ]
            if refusal
            else [],
        )


@strawberry.type
class ValuationQuery:
    @strawberry.field(description="One of the caller's valuation jobs; null when unknown.")
    async def valuation(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its opaque ID.")],
    ) -> ValuationJob | None:
        row = await jobs.owned_job(
            info.context.services,
            info.context.principal.organisation_id,
            decode_id("ValuationJob", id),
        )
        return ValuationJob.from_row(row) if row else None

    @strawberry.field(description="The caller's organisation's valuation jobs, newest first.")
    async def valuations(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"How many, at most {MAX_PAGE_SIZE}.")
        ] = 20,
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
        after_id = decode_id("ValuationJob", after) if after is not None else None
        if after is not None and after_id is None:
            raise jobs.after_not_yours()  # a malformed ID reads like another organisation's
        rows = await jobs.page_of_jobs(
            info.context.services,
            organisation_id,
            first,
            after=after_id,
            status=JobStatus(status.name) if status else None,
        )
        return [ValuationJob.from_row(row) for row in rows]
