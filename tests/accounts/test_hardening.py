"""Production hardening, each item on its own: what an anonymous or low-tier caller cannot do."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from graphql import get_introspection_query
from starlette.applications import Starlette

from accounts.operators import create_api_key, create_user
from accounts.tiers import Tier
from app import create_app
from edge.state import app_state
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.documents import LOGIN
from tests.fixtures.settings import production_settings

PASSWORD = "hardening password 1"
INTROSPECTION = get_introspection_query(descriptions=True)


@pytest.fixture(scope="module")
async def production(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Starlette]:
    app = create_app(production_settings(Path(tmp_path_factory.mktemp("hardening"))))
    async with LifespanManager(app, startup_timeout=60):
        for tier in Tier:
            await create_user(
                app_state(app).services, f"{tier.value}@example.com", PASSWORD, tier.value, tier
            )
        yield app


@pytest.fixture
async def anonymous(production: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=production)
    async with httpx.AsyncClient(transport=transport, base_url="http://prod") as client:
        yield client


async def signed_in(anonymous: httpx.AsyncClient, tier: Tier) -> dict[str, str]:
    login = await GraphQLClient(anonymous).execute(LOGIN, e=f"{tier.value}@example.com", p=PASSWORD)
    return {"Authorization": f"Bearer {login['data']['login']['accessToken']}"}


async def post(client: httpx.AsyncClient, query: str, **headers: str) -> Any:
    return (await client.post("/graphql", json={"query": query}, headers=headers)).json()


async def test_anonymous_caller_cannot_introspect(anonymous: httpx.AsyncClient) -> None:
    result = await post(anonymous, INTROSPECTION)
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_user_on_a_tier_without_api_access_cannot_introspect(
    anonymous: httpx.AsyncClient,
) -> None:
    result = await post(anonymous, INTROSPECTION, **await signed_in(anonymous, Tier.BASIC))
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_user_on_a_tier_with_api_access_may_introspect(anonymous: httpx.AsyncClient) -> None:
    result = await post(anonymous, INTROSPECTION, **await signed_in(anonymous, Tier.PROFESSIONAL))
    assert "errors" not in result
    assert result["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_partner_may_fetch_the_sdl(
    production: Starlette, anonymous: httpx.AsyncClient
) -> None:
    _, key = await create_api_key(app_state(production).services, "enterprise", "sdl")
    response = await anonymous.get("/graphql/schema.graphql", headers={"X-API-Key": key})
    assert response.status_code == 200
    assert "type Query" in response.text


async def test_anonymous_caller_may_not_fetch_the_sdl(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/graphql/schema.graphql")
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_anonymous_caller_gets_no_field_suggestions(anonymous: httpx.AsyncClient) -> None:
    result = await post(anonymous, 'mutation { login(email: "a", password: "b") { acessToken } }')
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "accessToken" not in str(result)


@pytest.mark.parametrize(
    "probe",
    [
        'mutation { login(email: "a", password: "b") { accessToken } } '
        "fragment F on Company { name marketCap }",
        'mutation ($a: Company, $b: Nope) { login(email: "a", password: "b") { accessToken } }',
    ],
)
async def test_anonymous_caller_cannot_map_the_schema_through_validation(
    anonymous: httpx.AsyncClient, probe: str
) -> None:
    result = await post(anonymous, probe)
    messages = {error["message"] for error in result["errors"]}
    assert messages == {"The document is not valid for this API."}


async def test_one_request_signs_in_once(anonymous: httpx.AsyncClient) -> None:
    aliases = " ".join(
        f'a{n}: login(email: "ops@example.com", password: "guess {n}") {{ accessToken }}'
        for n in range(3)
    )
    result = await post(anonymous, f"mutation {{ {aliases} }}")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_graphiql_is_not_served(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in response.text.lower()


async def test_queries_over_get_are_refused(
    anonymous: httpx.AsyncClient,
) -> None:
    headers = await signed_in(anonymous, Tier.ENTERPRISE)
    response = await anonymous.get("/graphql", params={"query": "{ __typename }"}, headers=headers)
    assert response.status_code in (400, 405)
    assert '"data"' not in response.text


async def test_array_batching_is_refused(anonymous: httpx.AsyncClient) -> None:
    batch = [{"query": "{ __typename }"}] * 10
    response = await anonymous.post("/graphql", json=batch)
    assert response.status_code == 400
    assert '"data"' not in response.text


async def test_form_posts_are_refused(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.post(
        "/graphql",
        content=b"query=%7B__typename%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


async def test_multipart_posts_without_a_preflight_header_are_refused(
    anonymous: httpx.AsyncClient,
) -> None:
    """Multipart is for uploads (edge/uploads.py), and a cross-site form cannot add the header."""
    response = await anonymous.post(
        "/graphql",
        content=b"query=%7B__typename%7D",
        headers={"Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PREFLIGHT_REQUIRED"


async def test_unexpected_errors_carry_no_exception_text_or_trace(
    production: Starlette, anonymous: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("secret detail /srv/app/core.py line 42")

    monkeypatch.setattr(app_state(production).services.providers.economic, "rate_series", broken)
    headers = await signed_in(anonymous, Tier.ENTERPRISE)
    result = await post(anonymous, "{ economicIndicators { cashRate { value } } }", **headers)
    error = result["errors"][0]
    assert error["message"] == "Internal server error."
    assert set(error) <= {"message", "locations", "path", "extensions"}
    assert "secret detail" not in str(result)
    assert "Traceback" not in str(result)


async def test_circular_introspection_is_stopped_by_the_depth_limit(gql: GraphQLClient) -> None:
    nested = "name"
    for _ in range(6):
        nested = f"fields {{ type {{ {nested} }} }}"
    result = await gql.execute(f"{{ __schema {{ types {{ {nested} }} }} }}")
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "depth" in result["errors"][0]["message"]


async def test_too_many_directives_are_refused(gql: GraphQLClient) -> None:
    fragments = " ".join(["... on Query @include(if: true) { __typename }"] * 51)
    result = await gql.execute(f"{{ {fragments} }}")
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "directives" in result["errors"][0]["message"]
