"""Websocket hardening over real sockets: origin allow-list, connection_init deadline, operations
per connection, the hourly request limit per operation, and sockets that end when their access
token expires or their API key is revoked."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from asgi_lifespan import LifespanManager
from sqlalchemy import select
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as open_socket
from websockets.typing import Origin, Subprotocol

from accounts.operators import create_api_key, create_user, ensure_organisation, revoke_api_key
from accounts.tiers import Tier, policy_for
from accounts.tokens import AccessTokens
from app import create_app
from edge.state import app_state
from models.accounts import AuditEvent
from runtime.services import Services
from tests.fixtures.servers import serve_in_background
from tests.fixtures.settings import embedded_settings, production_settings

PROTOCOL = [Subprotocol("graphql-transport-ws")]
MARKET_DATA = {"query": '{ company(ticker: "BHP") { marketData { price } } }'}
TYPENAME = {"query": "{ __typename }"}


@asynccontextmanager
async def app_with(tmp_path: Path, **settings: Any) -> AsyncIterator[Starlette]:
    """A started embedded app with `settings` over the test defaults."""
    app = create_app(embedded_settings(tmp_path).model_copy(update=settings))
    async with LifespanManager(app, startup_timeout=60):
        yield app


async def run(socket: ClientConnection, operation_id: str, payload: dict[str, Any]) -> list[Any]:
    """Send one operation and collect its messages up to its `complete` or `error`."""
    await socket.send(json.dumps({"id": operation_id, "type": "subscribe", "payload": payload}))
    messages = [json.loads(await socket.recv())]
    while messages[-1]["type"] not in ("complete", "error"):
        messages.append(json.loads(await socket.recv()))
    assert all(m["id"] == operation_id for m in messages)
    return messages


def connect(host: str, origin: str | None = None) -> open_socket:
    return open_socket(
        f"ws://{host}/graphql", subprotocols=PROTOCOL, origin=Origin(origin) if origin else None
    )


async def initialise(socket: ClientConnection, payload: dict[str, Any] | None = None) -> None:
    await socket.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"


async def refused_status(host: str, origin: str) -> int:
    with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
        async with connect(host, origin):
            pass
    return refused.value.response.status_code


async def close_of(socket: ClientConnection, within_s: float) -> tuple[int, str]:
    """Wait for the server to close `socket`; its close code and reason."""
    with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
        async with asyncio.timeout(within_s):
            await socket.recv()
    assert closed.value.rcvd is not None, "the server did not send a close frame"
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_a_page_on_another_origin_cannot_open_a_socket(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await refused_status(host, "https://evil.example") == 403


async def test_non_browser_clients_and_same_origin_pages_connect(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        async with connect(host) as socket:  # no Origin header: a partner's server, a script
            await initialise(socket)
        async with connect(host, origin=f"http://{host}") as socket:  # GraphiQL on this server
            await initialise(socket)


async def test_listed_origins_connect_and_others_are_still_refused(tmp_path: Path) -> None:
    allowed = "https://app.example, https://partner.example:8443"
    async with (
        app_with(tmp_path, ws_allowed_origins=allowed) as app,
        serve_in_background(app) as host,
    ):
        async with connect(host, origin="https://partner.example:8443") as socket:
            await initialise(socket)
        assert await refused_status(host, "https://partner.example") == 403  # another port
        assert await refused_status(host, "https://evil.example") == 403


async def test_a_socket_that_never_sends_connection_init_is_closed_with_4408(
    tmp_path: Path,
) -> None:
    async with (
        app_with(tmp_path, ws_init_timeout_seconds=0.3) as app,
        serve_in_background(app) as host,
        connect(host) as socket,
    ):
        opened = time.monotonic()
        code, reason = await close_of(socket, within_s=3)
        assert (code, reason) == (4408, "Connection initialisation timeout")
        assert time.monotonic() - opened >= 0.3


async def test_operations_past_the_cap_are_refused_and_the_socket_stays_open(
    tmp_path: Path,
) -> None:
    # Queries complete at once unless the provider is slow: 300 ms per call keeps the first one in
    # flight while the second arrives. Strawberry counts every operation until it completes.
    async with (
        app_with(tmp_path, ws_max_operations=1, sample_latency_ms=300) as app,
        serve_in_background(app) as host,
        connect(host) as socket,
    ):
        await initialise(socket)
        for operation_id in ("1", "2"):
            await socket.send(
                json.dumps({"id": operation_id, "type": "subscribe", "payload": MARKET_DATA})
            )
        messages = [json.loads(await socket.recv()) for _ in range(3)]
        refused = [m for m in messages if m["id"] == "2"]
        assert [m["type"] for m in refused] == ["error"]
        assert refused[0]["payload"][0]["message"] == "Subscription limit reached"
        first = [m for m in messages if m["id"] == "1"]
        assert [m["type"] for m in first] == ["next", "complete"]
        assert first[0]["payload"]["data"]["company"]["marketData"]["price"] > 0

        # The first one completed, so its slot is free again on the same socket.
        await socket.send(json.dumps({"id": "3", "type": "subscribe", "payload": MARKET_DATA}))
        assert [json.loads(await socket.recv())["type"] for _ in range(2)] == ["next", "complete"]


async def test_a_socket_opened_with_an_access_token_closes_when_the_token_expires(
    tmp_path: Path,
) -> None:
    async with app_with(tmp_path, access_token_seconds=1) as app, serve_in_background(app) as host:
        development = app_state(app).authenticator.development_principal
        assert development is not None
        assert development.user_id and development.organisation_id
        tokens = AccessTokens(app_state(app).services.settings)
        token = tokens.issue(development.user_id, development.organisation_id, Tier.BASIC)
        expires_at = tokens.verify(token).expires_at  # whole seconds, at most 1 s from now
        async with connect(host) as socket:
            await initialise(socket, {"authorization": f"Bearer {token}"})
            code, reason = await close_of(socket, within_s=2)
            closed_at = time.time()
    assert (code, reason) == (4403, "Token expired")
    assert expires_at - 0.05 <= closed_at < expires_at + 0.5  # at `exp`, not before or long after


async def test_operations_over_a_socket_count_against_the_hourly_request_limit(
    tmp_path: Path,
) -> None:
    # Each operation is a request: a socket once ran 150 `login` attempts where HTTP allows an
    # anonymous caller 60 an hour per IP address. Production sockets need credentials now, so a
    # basic-tier user, the smallest allowance, spends its hourly requests over one socket.
    app = create_app(production_settings(tmp_path))
    allowance = policy_for(Tier.BASIC).requests_per_hour
    async with (
        LifespanManager(app, startup_timeout=60),
        serve_in_background(app) as host,
        connect(host) as socket,
    ):
        services: Services = app_state(app).services
        user = await create_user(
            services, "ws-limit@example.com", "a-long-enough-password", "Limits Pty Ltd", Tier.BASIC
        )
        token = AccessTokens(services.settings).issue(user.id, user.organisation_id, Tier.BASIC)
        await initialise(socket, {"authorization": f"Bearer {token}"})
        for n in range(allowance):
            answered = await run(socket, str(n), TYPENAME)
            assert [m["type"] for m in answered] == ["next", "complete"]
            assert answered[0]["payload"]["data"] == {"__typename": "Query"}

        [refused] = await run(socket, "over", TYPENAME)
        assert refused["type"] == "error"
        [error] = refused["payload"]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert error["extensions"]["retryAfter"] > 0
        assert error["message"].startswith(f"More than {allowance} requests")

        # The refused operation did not end the socket, and HTTP shares the caller's window.
        await socket.send(json.dumps({"type": "ping"}))
        assert json.loads(await socket.recv())["type"] == "pong"
        async with httpx.AsyncClient(
            base_url=f"http://{host}", headers={"Authorization": f"Bearer {token}"}
        ) as http:
            response = await http.post("/graphql", json=TYPENAME)
        assert response.status_code == 429
        assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"

        async with app_state(app).services.sessions() as session:
            audited = list(
                await session.scalars(
                    select(AuditEvent).where(AuditEvent.event == "rate_limit.exceeded")  # type: ignore[arg-type]
                )
            )
        assert [e.client_ip for e in audited] == ["127.0.0.1"]  # once, for socket and HTTP


async def test_a_socket_opened_with_an_api_key_closes_when_the_key_is_revoked(
    app: Starlette, services: Services
) -> None:
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    stored, key = await create_api_key(services, name, "streaming")
    async with serve_in_background(app) as host, connect(host) as socket:
        await initialise(socket, {"apiKey": key})
        answered = await run(socket, "1", {"query": "{ me { role } }"})
        assert answered[0]["payload"]["data"] == {"me": {"role": "partner"}}

        await revoke_api_key(services, stored.prefix)
        await socket.send(json.dumps({"id": "2", "type": "subscribe", "payload": TYPENAME}))
        assert await close_of(socket, within_s=3) == (4403, "API key revoked")
