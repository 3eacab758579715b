"""The progress stream survives what Redis does to it: a flush, a dropped subscription, racing
publishers, unreadable messages, and events that never arrive."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import update
from starlette.applications import Starlette

import jobs.following
from contracts import valuation_job as steps
from contracts.valuation_job import RUN_VALUATION, arq_job_id
from contracts.valuation_progress import ProgressEvent, parse, publish, snapshot_key, store_and_send
from edge.state import app_state
from models.valuation import ValuationJob
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import follow
from workers.worker import create_worker

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]


@pytest.fixture
async def queued(services_app: Starlette) -> AsyncIterator[tuple[str, uuid.UUID]]:
    """A job waiting for a worker (the services-mode API runs none in-process)."""
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        created = (await GraphQLClient(http).execute(CREATE, input=company()))["data"]
    opaque = created["createValuation"]["job"]["id"]
    job_id = decode_id("ValuationJob", opaque)
    assert job_id is not None
    yield opaque, job_id


async def run_worker(services: Services) -> None:
    await create_worker(
        services.settings, services, burst=True, poll_delay=0, handle_signals=False
    ).async_run()


def assert_rising_to_the_end(events: list[dict[str, object]]) -> None:
    assert events[-1]["status"] == "COMPLETED", events
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs)), seqs  # type: ignore[type-var]


async def test_the_snapshot_never_moves_back_to_an_older_event(services: Services) -> None:
    job_id = uuid.uuid4()

    def event(seq: int, step: steps.Step, published_at: float) -> ProgressEvent:
        return ProgressEvent(
            job_id=str(job_id),
            seq=seq,
            status=step.status,
            stage=step.stage,
            percent=step.percent,
            message=f"event {seq}",
            published_at=published_at,
        )

    newer, older = event(6, steps.VALUING, 2.0), event(5, steps.GATHERING, 1.0)
    await store_and_send(services.redis, newer)
    await store_and_send(services.redis, older)  # a slower publisher arriving late
    stored = await services.redis.get(snapshot_key(job_id))
    assert stored is not None and parse(stored).seq == 6


async def test_event_numbers_keep_rising_after_redis_is_flushed(
    services_app: Starlette, queued: tuple[str, uuid.UUID]
) -> None:
    services: Services = app_state(services_app).services
    opaque, job_id = queued
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, opaque))
        await asyncio.sleep(0.3)
        async with services.sessions.begin() as session:  # as a row write numbers each event
            numbered = await session.execute(
                update(TABLE)
                .where(TABLE.c.id == job_id)
                .values(event_seq=TABLE.c.event_seq + 1)
                .returning(TABLE.c.event_seq)
            )
        seq = numbered.scalar_one()
        before = await publish(services.redis, job_id, seq, steps.QUEUED, "waiting")
        await services.redis.flushdb()  # the queue entry goes too: re-enqueue as the sweeper would
        await services.redis.enqueue_job(RUN_VALUATION, str(job_id), _job_id=arq_job_id(job_id))
        await run_worker(services)
        events = await following
    assert_rising_to_the_end(events)
    assert events[-1]["seq"] > before.seq


async def test_a_dropped_redis_subscription_reconnects_and_catches_up(
    services_app: Starlette, queued: tuple[str, uuid.UUID]
) -> None:
    services: Services = app_state(services_app).services
    opaque, _ = queued
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, opaque))
        await asyncio.sleep(0.3)
        admin = Redis.from_url(services.settings.redis_url or "")
        try:
            assert await admin.client_kill_filter(_type="pubsub") >= 1
        finally:
            await admin.aclose()
        await run_worker(services)  # runs while the hub is reconnecting
        events = await following
    assert_rising_to_the_end(events)


async def test_an_unreadable_message_is_skipped(
    services_app: Starlette, queued: tuple[str, uuid.UUID]
) -> None:
    services: Services = app_state(services_app).services
    opaque, job_id = queued
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, opaque))
        await asyncio.sleep(0.3)
        await services.redis.publish(f"valuation:{job_id}:events", b"\xff not json")
        await services.redis.publish(f"valuation:{job_id}:events", b'{"unexpected": 1}')
        await run_worker(services)
        events = await following
    assert_rising_to_the_end(events)


async def test_a_final_row_whose_event_was_lost_still_ends_the_stream(
    services_app: Starlette, queued: tuple[str, uuid.UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs.following, "RECHECK_SECONDS", 0.3)
    services: Services = app_state(services_app).services
    opaque, job_id = queued
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, opaque))
        await asyncio.sleep(0.3)
        # A worker that committed its final state and died before publishing it.
        async with services.sessions.begin() as session:
            await session.execute(
                update(TABLE)
                .where(TABLE.c.id == job_id)
                .values(status="FAILED", stage="failed", progress=100)
            )
        events = await asyncio.wait_for(following, 5)
    assert events[-1]["status"] == "FAILED"
