"""Several real processes on one database and one Redis: API processes, workers and the sweeper
agree on every job."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from starlette.applications import Starlette

from edge.state import app_state
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CANCEL, CREATE
from tests.fixtures.processes import start_api, start_worker, stopped_at_exit
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import follow, job_row, wait_for
from workers.sweeper import sweep_stalled_jobs


async def test_jobs_created_on_one_api_process_are_followed_on_another_and_run_by_two_workers(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    first_api, first_host = await start_api(services)
    second_api, second_host = await start_api(services)
    workers = [start_worker(services), start_worker(services)]
    with stopped_at_exit(first_api, second_api, *workers):
        async with httpx.AsyncClient(base_url=f"http://{first_host}") as http:
            creator = GraphQLClient(http)
            created = [
                (await creator.execute(CREATE, input=company(), key=uuid.uuid4().hex))["data"][
                    "createValuation"
                ]["job"]["id"]
                for _ in range(4)
            ]
        streams = await asyncio.gather(*(follow(second_host, job) for job in created))
    for events in streams:
        assert events[-1]["status"] == "COMPLETED", events
        seqs = [e["seq"] for e in events]
        assert seqs == sorted(set(seqs))
    for job in created:
        row = await job_row(services, job)
        assert row.status == "COMPLETED" and row.result is not None and row.attempts == 1


async def test_the_sweeper_leaves_a_job_whose_worker_is_alive_alone(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    worker = start_worker(services, latency_ms=3_000)  # slow upstreams keep the job RUNNING
    with stopped_at_exit(worker):
        job = (await api.execute(CREATE, input=company()))["data"]["createValuation"]["job"]["id"]
        await wait_for(services, job, "RUNNING", 30)
        await asyncio.sleep(6)  # past a heartbeat, so the row shows a live worker
        await sweep_stalled_jobs(services)  # (it may re-queue other tests' leftovers)
        job_id = decode_id("ValuationJob", job)
        assert job_id is not None
        assert not await services.redis.exists(f"valuation:{job_id}:requeued-as")
        await wait_for(services, job, "COMPLETED", 60)
    assert (await job_row(services, job)).attempts == 1


async def test_cancelling_a_running_job_stops_it_and_ends_its_stream(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    worker = start_worker(services, latency_ms=2_000)
    with stopped_at_exit(worker):
        job = (await api.execute(CREATE, input=company()))["data"]["createValuation"]["job"]["id"]
        async with serve_in_background(services_app) as host:
            following = asyncio.create_task(follow(host, job))
            await wait_for(services, job, "RUNNING", 30)
            cancelled = (await api.execute(CANCEL, id=job))["data"]["cancelValuation"]
            events = await following
        assert cancelled == {"job": {"status": "CANCELLED"}, "userErrors": []}
        assert events[-1]["status"] == "CANCELLED"
        # The worker's heartbeat finds the row cancelled and stops the job, its slow upstream
        # calls included, within a heartbeat rather than at the end of the job's stage.
        job_id = decode_id("ValuationJob", job)
        assert job_id is not None
        in_progress = f"arq:in-progress:valuation:{job_id}"
        for _ in range(26):  # 6.5 s: past one heartbeat (5 s), before the gathering ends (8 s)
            if not await services.redis.exists(in_progress):
                break
            await asyncio.sleep(0.25)
        assert not await services.redis.exists(in_progress), "the worker kept running the job"
    row = await job_row(services, job)
    assert row.status == "CANCELLED" and row.result is None
