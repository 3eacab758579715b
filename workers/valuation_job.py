"""The arq job that values one company: gather inputs, run the engine, store the result.

Delivery is at least once, so the job is idempotent: a finished job is left alone, and a job found
RUNNING (its worker died) is simply run again from its stored inputs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from arq import Retry

from accounts.quota import release_valuation
from contracts import valuation_job as steps
from contracts.valuation_evidence import GatheredData
from contracts.valuation_input import ValuationJobInput, listing_day
from contracts.valuation_job import JobErrorCode, JobStatus
from contracts.valuation_progress import publish
from contracts.valuation_result import result_payload
from core.errors import ProviderError, ProviderUnavailable
from models.valuation import ValuationJob
from repositories import valuations as repo
from runtime.services import Services
from valuation.engine import ValuationResult, value_company
from valuation.errors import ValuationInputError
from workers.gathering import gather

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5
# A RUNNING row whose heartbeat is older than this lost its worker: the sweeper re-queues it, and
# a new delivery may take it over. Younger, another worker still has it.
HEARTBEAT_GRACE_SECONDS = 20
MAX_STARTS = 5  # a job started this often without finishing is recorded FAILED, not retried
MAX_TRIES = 4  # tries of one delivery; transient provider errors retry, the last one records FAILED


class _NoLongerRunning(Exception):
    """The row left RUNNING under the job (cancelled, or taken over): stop quietly."""


async def run_valuation(
    services: Services, valuation_id: uuid.UUID, attempt: int = 1, max_attempts: int = 1
) -> str:
    takeover_before = datetime.now(UTC) - timedelta(seconds=HEARTBEAT_GRACE_SECONDS)
    async with services.sessions.begin() as session:
        job = await repo.start_job(session, valuation_id, takeover_before, MAX_STARTS)
    if job is None:
        return "not started: finished, cancelled, or running elsewhere"
    if job.status == JobStatus.FAILED.value:  # started too often: repo.start_job gave up on it
        await publish(
            services.redis, valuation_id, job.event_seq, steps.FAILED, job.error_message or ""
        )
        return JobStatus.FAILED.value
    # repo.start_job stored the message: a fresh start, or resuming from the stored data.
    await publish(
        services.redis, valuation_id, job.event_seq, steps.GATHERING, job.progress_message
    )
    try:
        result, gathered = await _value_while_running(services, valuation_id, job)
    except _NoLongerRunning:
        return "no longer running"
    except (ProviderUnavailable, ProviderError) as error:
        if attempt < max_attempts:
            # Transient upstream trouble: back off exponentially with full jitter and try again.
            # The row goes back to QUEUED so that the retry (not only a takeover) may start it.
            async with services.sessions.begin() as session:
                await repo.back_to_queue(
                    session, valuation_id, f"Retrying after an upstream failure: {error.message}"
                )
            raise Retry(defer=random.uniform(0, min(60.0, 2.0**attempt))) from error
        return await _fail(services, valuation_id, error.code.value, error.message)
    except ValuationInputError as error:
        # Only the engine's deliberate refusals are the input's fault: retrying won't help, the
        # message says what to change, and the caller should not pay a month's valuation for it.
        return await _fail(
            services, valuation_id, JobErrorCode.VALUATION_INPUT, str(error), refund=job
        )
    except Exception:
        # Anything else is ours (an engine bug's ValueError included, or a stored row we cannot
        # read), so it is not reported as bad input. Record it rather than leave the row RUNNING
        # for the sweeper to retry for ever, and give the unit back: nobody pays for our bug.
        log.exception("valuation %s failed unexpectedly", valuation_id)
        return await _fail(
            services, valuation_id, JobErrorCode.INTERNAL_ERROR, "The valuation failed.", refund=job
        )
    stored_input = ValuationJobInput.model_validate(job.inputs)
    payload = result_payload(result, gathered, stored_input.document_figures)
    async with services.sessions.begin() as session:
        seq = await repo.finish_job(
            session,
            valuation_id,
            steps.COMPLETED,
            message=steps.COMPLETED_MESSAGE,
            result=payload,
        )
    if seq is None:
        return "no longer running"  # cancelled meanwhile, or finished by another delivery
    await publish(services.redis, valuation_id, seq, steps.COMPLETED, steps.COMPLETED_MESSAGE)
    log.info("valuation %s completed", valuation_id)
    return JobStatus.COMPLETED.value


def revalue(
    inputs: ValuationJobInput, gathered: GatheredData, created_on: date | None = None
) -> ValuationResult:
    """The engine over a job's stored inputs and data: the same numbers every time (a valuation
    date left unset is the day the job was created)."""
    return value_company(
        inputs.to_engine(created_on),
        gathered.peers,
        gathered.engine_transactions(),
        gathered.rate_series,
    )


async def _value(
    services: Services,
    valuation_id: uuid.UUID,
    stored_inputs: dict[str, Any],
    already_gathered: dict[str, Any] | None,
    created_on: date,
) -> tuple[ValuationResult, GatheredData]:
    stored = ValuationJobInput.model_validate(stored_inputs)
    if already_gathered is not None:
        # A re-delivery of a job that had gathered its data: value from what it stored.
        gathered = GatheredData.model_validate(already_gathered)
        return revalue(stored, gathered, created_on), gathered
    history = stored.valuation.history
    subject_revenue = history[-1].revenue if history else 0.0
    gathered = await gather(services, stored, subject_revenue)
    message = (
        f"Valuing against {len(gathered.peers)} peers and {len(gathered.transactions)} transactions"
    )
    async with services.sessions.begin() as session:
        seq = await repo.set_stage(
            session, valuation_id, steps.VALUING, message, gathered=gathered.stored()
        )
    if seq is None:
        raise _NoLongerRunning
    await publish(services.redis, valuation_id, seq, steps.VALUING, message)
    return revalue(stored, gathered, created_on), gathered


async def _fail(
    services: Services,
    valuation_id: uuid.UUID,
    code: str,  # a JobErrorCode or a provider's ErrorCode value
    message: str,
    refund: ValuationJob | None = None,
) -> str:
    """Record the job FAILED and publish it; give `refund`'s quota unit back to the month it was
    taken from, once (only the delivery whose write moved the row from RUNNING gets here)."""
    async with services.sessions.begin() as session:
        seq = await repo.finish_job(
            session,
            valuation_id,
            steps.FAILED,
            message=message,
            error_code=code,
            error_message=message,
        )
    if seq is None:
        return "no longer running"
    await publish(services.redis, valuation_id, seq, steps.FAILED, message)
    if refund is not None:
        await release_valuation(
            services, refund.organisation_id, refund.created_at.strftime("%Y-%m")
        )
    return JobStatus.FAILED.value


async def _value_while_running(
    services: Services, valuation_id: uuid.UUID, job: ValuationJob
) -> tuple[ValuationResult, GatheredData]:
    """Value the job while its heartbeat runs beside it; the heartbeat stops the work as soon as
    the row is no longer RUNNING (cancelled), so a cancelled job does not keep its upstream calls
    going until the next stage."""
    valuing = asyncio.create_task(
        _value(services, valuation_id, job.inputs, job.gathered, listing_day(job.created_at))
    )
    heartbeat = asyncio.create_task(_beat(services, valuation_id))
    try:
        await asyncio.wait({valuing, heartbeat}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (valuing, heartbeat):
            task.cancel()
    if not valuing.done() or valuing.cancelled():
        with contextlib.suppress(asyncio.CancelledError):
            await valuing
        raise _NoLongerRunning
    return valuing.result()


async def _beat(services: Services, valuation_id: uuid.UUID) -> None:
    """Keep the row's heartbeat fresh while the job runs, however slow its upstreams are; return
    once the row is no longer RUNNING."""
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        async with services.sessions.begin() as session:
            if not await repo.beat(session, valuation_id):
                return


async def run_valuation_job(ctx: dict[str, Any], valuation_id: str) -> str:
    """arq entry point."""
    services: Services = ctx["services"]
    return await run_valuation(
        services, uuid.UUID(valuation_id), attempt=ctx.get("job_try", 1), max_attempts=MAX_TRIES
    )
