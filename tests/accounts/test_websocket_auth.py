"""Websockets authenticate in `connection_init`; bad credentials close the socket with 4403, and
so do missing ones in production."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import websockets
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from accounts.operators import create_api_key, create_user, ensure_organisation
from accounts.tiers import Tier
from accounts.tokens import AccessTokens
from app import create_app
from edge.state import app_state
from runtime.services import Services
from tests.fixtures.servers import close_code_after_init, graphql_socket, serve_in_background
from tests.fixtures.settings import production_settings

ME = {"query": "{ me { role organisation { tier } features } }"}


async def run_over_socket(app: Starlette, init_payload: dict[str, Any]) -> dict[str, Any]:
    async with (
        serve_in_background(app) as host,
        graphql_socket(host) as socket,
    ):
        await socket.send(json.dumps({"type": "connection_init", "payload": init_payload}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": ME}))
        return json.loads(await socket.recv())["payload"]


async def test_bearer_token_in_connection_init_identifies_the_caller(
    app: Starlette, services: Services
) -> None:
    # A user of its own: the development user's hourly window is shared by the whole session.
    email = f"ws-{uuid.uuid4().hex[:8]}@example.com"
    user = await create_user(services, email, "a-long-enough-password", email, Tier.BASIC)
    token = AccessTokens(services.settings).issue(user.id, user.organisation_id, Tier.BASIC)
    payload = await run_over_socket(app, {"authorization": f"Bearer {token}"})
    # The token says basic tier, the development fallback would say enterprise: the token counts.
    assert payload["data"]["me"]["organisation"] == {"tier": "basic"}


async def test_bad_token_in_connection_init_closes_with_4403(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await close_code_after_init(host, {"authorization": "Bearer x"}) == 4403


async def test_unknown_api_key_in_connection_init_closes_with_4403(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await close_code_after_init(host, {"apiKey": "ipv_00.nope"}) == 4403


async def close_after_init(host: str, payload: dict[str, Any]) -> tuple[int, str]:
    """Send `connection_init` with `payload`; the code and reason the server closes with."""
    async with graphql_socket(host) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            while True:
                await socket.recv()
    assert closed.value.rcvd is not None, "closed without a close frame"
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_bad_token_closes_with_a_reason_that_says_why(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await close_after_init(host, {"authorization": "Bearer x"}) == (
            4403,
            "The access token is not valid or has expired.",
        )


@pytest.fixture(scope="module")
async def production_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Starlette]:
    app = create_app(production_settings(tmp_path_factory.mktemp("production")))
    async with LifespanManager(app, startup_timeout=60):
        yield app


async def test_production_socket_without_credentials_closes_with_4403(
    production_app: Starlette,
) -> None:
    async with serve_in_background(production_app) as host:
        assert await close_after_init(host, {}) == (4403, "Sign in or send an API key")
        assert await close_after_init(host, {"authorization": ""}) == (
            4403,
            "Sign in or send an API key",
        )


async def test_production_socket_with_a_token_is_acknowledged(production_app: Starlette) -> None:
    services: Services = app_state(production_app).services
    email = f"ws-{uuid.uuid4().hex[:8]}@example.com"
    user = await create_user(services, email, "a-long-enough-password", email, Tier.BASIC)
    token = AccessTokens(services.settings).issue(user.id, user.organisation_id, Tier.BASIC)
    payload = await run_over_socket(production_app, {"authorization": f"Bearer {token}"})
    assert payload["data"]["me"]["role"] == "user"
    assert payload["data"]["me"]["organisation"] == {"tier": "basic"}


async def test_production_socket_with_an_api_key_is_acknowledged(
    production_app: Starlette,
) -> None:
    services: Services = app_state(production_app).services
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    _, key = await create_api_key(services, name, "streaming")
    payload = await run_over_socket(production_app, {"apiKey": key})
    assert payload["data"]["me"]["role"] == "partner"
