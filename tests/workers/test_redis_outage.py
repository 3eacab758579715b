"""A Redis restart under two real `ipoval worker` processes: they wait for it, resume, and finish
every job, the queued ones whose entries the restart lost included; nobody restarts a worker."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import func, select

from app import create_app
from contracts.valuation_job import JobStatus
from core.settings import Settings
from edge.state import app_state
from models.valuation import ValuationJob
from runtime.services import Services, open_services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE
from tests.fixtures.outages import RedisServer, fresh_database
from tests.fixtures.processes import start_worker, stopped_at_exit
from tests.fixtures.valuation_inputs import company
from workers.directory_sync import sync_company_directory

TABLE = ValuationJob.__table__  # type: ignore[attr-defined]
JOBS = 20
OUTAGE_SECONDS = 6.0
SLOTS_PER_WORKER = 4  # 8 jobs run at once: the other 12 wait in the queue that Redis loses


@pytest.fixture
async def redis_server() -> AsyncIterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
async def outage_settings(redis_server: RedisServer) -> Settings:
    database_url = await fresh_database("redis_outage")
    settings = Settings(database_url=database_url, redis_url=redis_server.url, env="development")
    async with open_services(settings) as services:
        await sync_company_directory(services)
    return settings


async def _statuses(services: Services) -> dict[str, int]:
    async with services.sessions() as session:
        rows = await session.execute(select(TABLE.c.status, func.count()).group_by(TABLE.c.status))
    return {status: count for status, count in rows.all()}


async def _wait_until(services: Services, done: str, at_least: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        statuses = await _statuses(services)
        if statuses.get(done, 0) >= at_least:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"fewer than {at_least} jobs {done} within {seconds} s: {statuses}")


def _alive(workers: list[subprocess.Popen[bytes]]) -> bool:
    return all(worker.poll() is None for worker in workers)


async def test_two_workers_ride_out_a_redis_restart_and_all_twenty_jobs_complete(
    redis_server: RedisServer, outage_settings: Settings, tmp_path: Path
) -> None:
    app = create_app(outage_settings)
    async with LifespanManager(app, startup_timeout=60):
        services: Services = app_state(app).services
        logs = [tmp_path / f"worker-{number}.log" for number in (1, 2)]
        workers = [
            start_worker(services, latency_ms=600, max_jobs=SLOTS_PER_WORKER, log_file=log)
            for log in logs
        ]
        with stopped_at_exit(*workers):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
                api = GraphQLClient(http)
                for _ in range(JOBS):
                    created = await api.execute(CREATE, input=company())
                    assert created["data"]["createValuation"]["userErrors"] == []
            # Both workers busy, the rest queued, when Redis goes away.
            await _wait_until(services, JobStatus.RUNNING.value, 2 * SLOTS_PER_WORKER, 60)
            before = await _statuses(services)
            assert before.get(JobStatus.QUEUED.value, 0) > 0, before

            redis_server.stop()
            await asyncio.sleep(OUTAGE_SECONDS)
            assert _alive(workers), "a worker exited while Redis was down"
            redis_server.start()  # empty: the queued entries are gone
            back = time.monotonic()

            await _wait_until(services, JobStatus.COMPLETED.value, JOBS, 120)
            recovery = time.monotonic() - back
            assert _alive(workers), "a worker exited after Redis came back"
    statuses = await _statuses(services)
    assert statuses == {JobStatus.COMPLETED.value: JOBS}, statuses
    for log in logs:
        text = log.read_text()
        assert text.count("unreachable") == 1, text
        assert text.count("reachable again") == 1, text
    print(f"\nRedis back -> all {JOBS} jobs completed in {recovery:.1f} s ({before} at the cut)")


async def test_the_api_answers_through_a_redis_restart_and_its_limits_come_back(
    redis_server: RedisServer, outage_settings: Settings
) -> None:
    app = create_app(outage_settings)
    query = {"query": "{ companies(first: 1) { totalCount } }"}
    async with LifespanManager(app, startup_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
            limited = await http.post("/graphql", json=query)
            assert limited.status_code == 200 and "x-ratelimit-limit" in limited.headers

            redis_server.stop()
            # The rate limit and the cost bucket fail open; readiness says what is missing.
            during = await http.post("/graphql", json=query)
            assert during.status_code == 200, during.text
            assert during.json()["data"]["companies"]["totalCount"] > 1_900
            assert "x-ratelimit-limit" not in during.headers
            ready = await http.get("/readyz")
            assert ready.status_code == 503 and ready.json()["redis"] != "ok"

            redis_server.start()
            assert (await http.get("/readyz")).status_code == 200
            after = await http.post("/graphql", json=query)
            assert after.status_code == 200 and "x-ratelimit-limit" in after.headers


async def test_a_worker_started_while_redis_is_down_waits_for_it_and_then_works(
    redis_server: RedisServer, outage_settings: Settings, tmp_path: Path
) -> None:
    app = create_app(outage_settings)
    log = tmp_path / "worker.log"
    async with LifespanManager(app, startup_timeout=60):
        services: Services = app_state(app).services
        redis_server.stop()
        worker = start_worker(services, log_file=log)
        with stopped_at_exit(worker):
            await asyncio.sleep(3)
            assert worker.poll() is None, log.read_text()  # waiting, not refusing to start
            assert "unreachable" in log.read_text()
            redis_server.start()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
                created = await GraphQLClient(http).execute(CREATE, input=company())
            assert created["data"]["createValuation"]["userErrors"] == []
            await _wait_until(services, JobStatus.COMPLETED.value, 1, 60)
            assert worker.poll() is None
