"""Websockets authenticate in `connection_init`; bad credentials close the socket with 4403."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.applications import Starlette

from accounts.operators import create_user
from accounts.tokens import AccessTokens
from core.services import Services
from core.tiers import Tier
from tests.support import close_code_after_init, graphql_socket, serve_in_background

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
    assert payload["data"]["me"]["features"] == ["basic_reports", "scenario_modelling"]


async def test_bad_token_in_connection_init_closes_with_4403(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await close_code_after_init(host, {"authorization": "Bearer x"}) == 4403


async def test_unknown_api_key_in_connection_init_closes_with_4403(app: Starlette) -> None:
    async with serve_in_background(app) as host:
        assert await close_code_after_init(host, {"apiKey": "ipv_00.nope"}) == 4403
