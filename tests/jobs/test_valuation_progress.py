"""valuationProgress over graphql-transport-ws, with a real worker producing the events."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from typing import Any

import httpx
from starlette.applications import Starlette

from contracts.valuation_progress import snapshot_key
from core.redis import is_embedded
from edge.state import app_state
from jobs.progress_hub import STREAMS
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from repositories.valuations import progress_state
from runtime.services import Services
from schema.ids import decode_id
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import CREATE, PROGRESS
from tests.fixtures.servers import graphql_socket, serve_in_background
from tests.fixtures.valuation_inputs import company
from tests.fixtures.valuations import finished, follow
from workers.valuation_job import run_valuation
from workers.worker import create_worker


async def test_progress_streams_in_order_to_the_terminal_event(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app_state(app).services
    created = (await gql.execute(CREATE, input=company()))["data"]["createValuation"]
    async with serve_in_background(app) as host:
        following = asyncio.create_task(follow(host, created["job"]["id"]))
        await asyncio.sleep(0.2)  # subscribed before the work starts (embedded runs it at once)
        if not is_embedded(services.redis):
            await create_worker(
                services.settings, services, burst=True, poll_delay=0, handle_signals=False
            ).async_run()
        events = await following
    assert events[-1]["status"] == "COMPLETED"
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))
    assert [e["percent"] for e in events] == sorted(e["percent"] for e in events)


async def test_late_subscriber_gets_the_current_state_and_the_end(
    app: Starlette, gql: GraphQLClient
) -> None:
    created = (await gql.execute(CREATE, input=company()))["data"]["createValuation"]
    await finished(app, gql, created["job"]["id"])
    async with serve_in_background(app) as host:
        events = await follow(host, created["job"]["id"])
    assert len(events) == 1
    assert events[0]["status"] == "COMPLETED"


async def test_unknown_job_ends_without_events(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await follow(host, "bm9wZQ") == []


async def test_subscribers_of_one_process_share_one_redis_subscription(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        created = (await GraphQLClient(http).execute(CREATE, input=company()))["data"]
    job_id = created["createValuation"]["job"]["id"]
    async with serve_in_background(services_app) as host:
        followers = [asyncio.create_task(follow(host, job_id)) for _ in range(3)]
        await asyncio.sleep(0.5)  # all three subscribed; the job waits for a worker
        patterns = await services.redis.pubsub_numpat()
        await create_worker(
            services.settings, services, burst=True, poll_delay=0, handle_signals=False
        ).async_run()
        results = await asyncio.gather(*followers)
    assert patterns == len(STREAMS)  # one pattern per kind of job, valuations and documents
    assert all(events[-1]["status"] == "COMPLETED" for events in results)
    assert all(len(events) >= 3 for events in results)


async def first_event(host: str, job_id: str) -> dict[str, Any]:
    """The state a subscriber joining now is given first."""
    async with graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        subscribe = {"query": PROGRESS, "variables": {"id": job_id}}
        await socket.send(json.dumps({"id": "p", "type": "subscribe", "payload": subscribe}))
        message = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert message["type"] == "next", message
        event: dict[str, Any] = message["payload"]["data"]["valuationProgress"]
        return event


async def test_a_late_subscriber_to_a_failed_job_gets_the_live_message(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        created = await GraphQLClient(http).execute(CREATE, input=company(netDebt=5e9))
    job_id = created["data"]["createValuation"]["job"]["id"]
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, job_id))
        await asyncio.sleep(0.3)
        await create_worker(
            services.settings, services, burst=True, poll_delay=0, handle_signals=False
        ).async_run()
        live = (await following)[-1]
        late = await first_event(host, job_id)
    assert live["status"] == late["status"] == "FAILED"
    assert "equity value is not positive" in live["message"]
    assert late["message"] == live["message"]


async def test_a_running_state_read_from_the_row_has_the_live_message(
    services_app: Starlette,
) -> None:
    services: Services = app_state(services_app).services
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        created = await GraphQLClient(http).execute(CREATE, input=company())
    opaque = created["data"]["createValuation"]["job"]["id"]
    job_id = decode_id("ValuationJob", opaque)
    assert job_id is not None
    slow = dataclasses.replace(
        services, providers=ProviderRegistry.single(SampleProvider(latency_ms=700))
    )
    async with serve_in_background(services_app) as host:
        following = asyncio.create_task(follow(host, opaque))
        await asyncio.sleep(0.3)
        running = asyncio.create_task(run_valuation(slow, job_id))
        for _ in range(100):  # until the worker has started it and is gathering (seconds)
            async with services.sessions() as session:
                state = await progress_state(session, job_id)
            if state is not None and state.status == "RUNNING":
                break
            await asyncio.sleep(0.02)
        await services.redis.delete(snapshot_key(job_id))  # as a flushed Redis would leave it
        late = await first_event(host, opaque)
        assert await running == "COMPLETED"
        live = await following
    started = next(e for e in live if e["status"] == "RUNNING")
    assert (late["status"], late["stage"]) == ("RUNNING", "GATHERING_DATA")
    assert late["message"] == started["message"] == "Gathering peers"
