"""Jobs that lose their worker or their queue entry are picked up again; cancel works."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from arq import Retry
from sqlalchemy import update
from starlette.applications import Starlette

from contracts.valuation_job import arq_job_id
from core.errors import ProviderUnavailable
from edge.state import app_state
from models.valuation import ValuationJob
from providers.models import MarketData
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CANCEL, JOB
from tests.fixtures.valuations import queued_job, run_worker
from workers.sweeper import sweep_stalled_jobs
from workers.valuation_job import run_valuation

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]


async def lose_queue_entry(services: Services, opaque_id: str, **row: Any) -> None:
    """What a flushed Redis or a killed worker leaves: the row, without its arq job."""
    job_id = decode_id("ValuationJob", opaque_id)
    assert job_id is not None
    arq_id = arq_job_id(job_id)
    await services.redis.zrem("arq:queue", arq_id)
    await services.redis.delete(f"arq:job:{arq_id}", f"arq:in-progress:{arq_id}")
    async with services.sessions.begin() as session:
        await session.execute(update(TABLE).where(TABLE.c.id == job_id).values(**row))


async def test_job_lost_from_a_flushed_queue_is_requeued_and_completes(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    await lose_queue_entry(services, job, created_at=datetime.now(UTC) - timedelta(minutes=5))
    assert await sweep_stalled_jobs(services) >= 1
    await run_worker(services)
    assert (await api.execute(JOB, id=job))["data"]["valuation"]["status"] == "COMPLETED"


async def test_job_whose_worker_died_is_run_again_to_one_result(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    stale = datetime.now(UTC) - timedelta(minutes=5)
    await lose_queue_entry(services, job, status="RUNNING", attempts=1, heartbeat_at=stale)
    assert await sweep_stalled_jobs(services) >= 1
    await run_worker(services)
    result = (await api.execute(JOB, id=job))["data"]["valuation"]
    assert result["status"] == "COMPLETED"
    assert result["attempts"] == 2


async def test_a_job_still_in_the_queue_is_not_requeued(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    job_id = decode_id("ValuationJob", job)
    async with services.sessions.begin() as session:
        await session.execute(
            update(TABLE)
            .where(TABLE.c.id == job_id)
            .values(created_at=datetime.now(UTC) - timedelta(minutes=5))
        )
    await sweep_stalled_jobs(services)
    queued = [m.decode() for m in await services.redis.zrange("arq:queue", 0, -1)]
    assert job_id is not None
    assert [m for m in queued if m.startswith(arq_job_id(job_id))] == [arq_job_id(job_id)]
    await run_worker(services)


async def test_cancelled_queued_job_never_runs(services_app: Starlette, api: GraphQLClient) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    cancelled = (await api.execute(CANCEL, id=job))["data"]["cancelValuation"]
    assert cancelled == {"job": {"status": "CANCELLED"}, "userErrors": []}
    await run_worker(services)
    assert (await api.execute(JOB, id=job))["data"]["valuation"]["status"] == "CANCELLED"


async def test_finished_job_cannot_be_cancelled(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    await run_worker(services)
    refused = (await api.execute(CANCEL, id=job))["data"]["cancelValuation"]
    assert refused["userErrors"] == [{"code": "NOT_CANCELLABLE"}]


async def test_cancelling_an_unknown_job_is_not_found(api: GraphQLClient) -> None:
    refused = (await api.execute(CANCEL, id="bm9wZQ"))["data"]["cancelValuation"]
    assert refused["userErrors"] == [{"code": "NOT_FOUND"}]


class MarketDown(SampleProvider):
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        raise ProviderUnavailable("ASX market data is unavailable.")


async def test_transient_provider_errors_retry_with_backoff_then_fail_with_a_code(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    job_id = decode_id("ValuationJob", job)
    assert job_id is not None
    down = dataclasses.replace(services, providers=ProviderRegistry.single(MarketDown()))
    with pytest.raises(Retry) as retry:
        await run_valuation(down, job_id, attempt=1, max_attempts=4)
    defer_ms = retry.value.defer_score
    assert defer_ms is not None
    assert 0 <= defer_ms <= 2_000  # full jitter, at most 2 s on the first retry
    assert await run_valuation(down, job_id, attempt=4, max_attempts=4) == "FAILED"
    failed = (await api.execute(JOB, id=job))["data"]["valuation"]
    assert failed["status"] == "FAILED"
    assert failed["error"]["code"] == "PROVIDER_UNAVAILABLE"
    assert failed["attempts"] == 2
