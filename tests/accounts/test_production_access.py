"""Production: anonymous callers may only sign in, and the public default secret is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from accounts.operators import create_user
from accounts.tiers import Tier
from app import create_app
from core.settings import Settings
from edge.state import app_state
from tests.fixtures.settings import production_settings

PASSWORD = "production password 1"


@pytest.fixture(scope="module")
async def production(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[httpx.AsyncClient]:
    app: Starlette = create_app(production_settings(tmp_path_factory.mktemp("production")))
    async with LifespanManager(app, startup_timeout=60):
        await create_user(
            app_state(app).services, "ops@example.com", PASSWORD, "Ops", Tier.ENTERPRISE
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://prod") as client:
            yield client


async def post(client: httpx.AsyncClient, query: str, **headers: str) -> dict[str, object]:
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    return response.json()


async def test_anonymous_query_needs_credentials(production: httpx.AsyncClient) -> None:
    result = await post(production, '{ company(ticker: "BHP") { ticker } }')
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # type: ignore[index]


async def test_anonymous_invalid_query_learns_nothing_about_the_schema(
    production: httpx.AsyncClient,
) -> None:
    result = await post(production, "{ compan { ticker } }")
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # type: ignore[index]
    assert "company" not in str(result)


async def test_anonymous_caller_is_not_the_development_user(production: httpx.AsyncClient) -> None:
    result = await post(production, "{ me { role } }")
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # type: ignore[index]


async def test_anonymous_caller_may_sign_in_and_then_query(production: httpx.AsyncClient) -> None:
    login = await post(
        production,
        f'mutation {{ login(email: "ops@example.com", password: "{PASSWORD}") {{ accessToken }} }}',
    )
    token = login["data"]["login"]["accessToken"]  # type: ignore[index]
    result = await post(
        production, '{ company(ticker: "BHP") { ticker } }', Authorization=f"Bearer {token}"
    )
    assert result["data"] == {"company": {"ticker": "BHP"}}


def test_production_refuses_to_start_with_the_default_signing_key(tmp_path: Path) -> None:
    settings = production_settings(tmp_path).model_copy(update={"jwt_keys": Settings().jwt_keys})
    with pytest.raises(RuntimeError, match="IPOVAL_JWT_KEYS"):
        create_app(settings)


def test_production_refuses_to_start_with_the_default_encryption_key(tmp_path: Path) -> None:
    default = Settings().encryption_keys
    settings = production_settings(tmp_path).model_copy(update={"encryption_keys": default})
    with pytest.raises(RuntimeError, match="IPOVAL_ENCRYPTION_KEYS"):
        create_app(settings)


def test_production_refuses_to_serve_graphiql(tmp_path: Path) -> None:
    settings = production_settings(tmp_path).model_copy(update={"graphiql": True})
    with pytest.raises(RuntimeError, match="GRAPHIQL"):
        create_app(settings)


async def test_anonymous_call_to_a_protected_field_is_401_with_its_own_message(
    production: httpx.AsyncClient,
) -> None:
    for query in ('{ company(ticker: "BHP") { ticker } }', "{ compan { ticker } }"):
        response = await production.post("/graphql", json={"query": query})
        assert response.status_code == 401
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
        assert error["message"].startswith("Sign in or send an API key")


async def test_anonymous_caller_gets_one_error_for_many_unknown_directives(
    production: httpx.AsyncClient,
) -> None:
    directives = "".join(f" @d{n}" for n in range(10))
    response = await production.post("/graphql", json={"query": f"{{ __typename{directives} }}"})
    errors = response.json()["errors"]
    assert [e["message"] for e in errors] == ["The document is not valid for this API."]
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_anonymous_caller_gets_at_most_two_errors_for_a_hundred_nul_literals(
    production: httpx.AsyncClient,
) -> None:
    values = ", ".join(['"\\u0000"'] * 100)
    query = (
        f'mutation {{ login(email: "a@b.c", password: "p") @zz(x: [{values}]) {{ accessToken }} }}'
    )
    response = await production.post("/graphql", json={"query": query})
    errors = response.json()["errors"]
    assert len(errors) <= 2, errors  # one naming the argument, one generic
    assert {e["extensions"]["code"] for e in errors} <= {
        "BAD_USER_INPUT",
        "GRAPHQL_VALIDATION_FAILED",
    }


async def test_anonymous_sign_in_with_a_nul_names_the_argument(
    production: httpx.AsyncClient,
) -> None:
    query = 'mutation ($e: String!) { login(email: $e, password: "p") { accessToken } }'
    response = await production.post(
        "/graphql", json={"query": query, "variables": {"e": "ops\x00@example.com"}}
    )
    error = response.json()["errors"][0]
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": ["email"],
        "variable": "e",
    }


async def test_signed_in_caller_reads_validation_messages_an_anonymous_one_could_not(
    production: httpx.AsyncClient,
) -> None:
    # The same invalid document first from an anonymous caller: the validation cache shares
    # its errors between requests, so hiding them must not rewrite them for everyone.
    probe = 'mutation { login(email: "a", password: "b") { acessToken } }'
    anonymous = await post(production, probe)
    assert "acessToken" not in str(anonymous)
    login = await post(
        production,
        f'mutation {{ login(email: "ops@example.com", password: "{PASSWORD}") {{ accessToken }} }}',
    )
    token = login["data"]["login"]["accessToken"]  # type: ignore[index]
    signed_in = await post(production, probe, Authorization=f"Bearer {token}")
    assert "acessToken" in str(signed_in)
