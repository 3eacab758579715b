"""A worker killed with SIGKILL mid-job loses nothing: another worker finishes the job."""

from __future__ import annotations

import asyncio
import os
import signal

from starlette.applications import Starlette

from edge.state import app_state
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE
from tests.fixtures.processes import start_worker
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import job_row, wait_for


async def test_job_of_a_killed_worker_completes_on_another_within_45_seconds(
    services_app: Starlette, api: GraphQLClient
) -> None:
    services: Services = app_state(services_app).services
    slow = start_worker(services, latency_ms=5_000)  # slow upstreams: the job is mid-way for long
    job = (await api.execute(CREATE, input=company()))["data"]["createValuation"]["job"]["id"]
    try:
        await wait_for(services, job, "RUNNING", 30)
        await asyncio.sleep(0.5)
        os.kill(slow.pid, signal.SIGKILL)
    finally:
        slow.wait(10)
    assert (await job_row(services, job)).status == "RUNNING"  # died mid-job
    rescuer = start_worker(services, latency_ms=0)
    try:
        recovered_in = await wait_for(services, job, "COMPLETED", 45)
    finally:
        rescuer.terminate()
        rescuer.wait(10)
    # The killed worker's arq entry stays "in progress" until its timeout: clear it, so that burst
    # workers of later tests do not wait for it.
    job_id = decode_id("ValuationJob", job)
    assert job_id is not None
    await services.redis.zrem("arq:queue", f"valuation:{job_id}")
    await services.redis.delete(
        f"arq:in-progress:valuation:{job_id}", f"arq:job:valuation:{job_id}"
    )
    row = await job_row(services, job)
    assert row.attempts == 2
    assert row.result is not None
    assert recovered_in < 45
