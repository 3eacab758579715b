"""The browser page's sign-in on /app/session: the refresh token in an HttpOnly cookie, rotated on
refresh and revoked on sign-out, behind the CSRF header and the same-origin check."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from accounts import sessions
from accounts.operators import create_user
from accounts.tiers import Tier
from app import create_app
from core.outages import database_unavailable
from edge.state import app_state
from runtime.services import Services
from tests.fixtures.settings import production_settings

PASSWORD = "a browser session password"
CSRF = {"X-Requested-With": "ipoval"}
ME = {"query": "{ me { user { email } } }"}


@pytest.fixture
async def email(services: Services) -> str:
    email = f"page-{uuid.uuid4().hex[:8]}@example.com.au"
    await create_user(services, email, PASSWORD, f"Org {email}", Tier.PROFESSIONAL)
    return email


async def post(
    client: httpx.AsyncClient,
    path: str,
    cookie: str | None = None,
    headers: dict[str, str] | None = None,
    **body: Any,
) -> httpx.Response:
    """A POST as the page sends it, with exactly the cookie given: the client's jar is emptied
    after each answer, so that a test decides which refresh token is presented."""
    sent = {**CSRF, **(headers or {})}
    if cookie is not None:
        sent["Cookie"] = f"ipoval_refresh={cookie}"
    response = await client.post(path, headers=sent, **body)
    client.cookies.clear()
    return response


async def sign_in(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD
) -> httpx.Response:
    return await post(client, "/app/session", json={"email": email, "password": password})


def set_cookie(response: httpx.Response) -> dict[str, str]:
    """The one `Set-Cookie` of the answer: the cookie's value under `value`, then each attribute
    by its lower-case name (flags map to "")."""
    (header,) = response.headers.get_list("set-cookie")
    first, *attributes = header.split("; ")
    name, _, value = first.partition("=")
    assert name == "ipoval_refresh"
    parsed = {"value": value}
    for attribute in attributes:
        key, _, setting = attribute.partition("=")
        parsed[key.lower()] = setting
    return parsed


def code_of(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


async def test_sign_in_sets_an_http_only_strict_cookie_and_returns_a_bearer_token(
    client: httpx.AsyncClient, email: str
) -> None:
    response = await sign_in(client, email.upper())
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body == {"accessToken": body["accessToken"], "expiresIn": 3600, "user": {"email": email}}
    cookie = set_cookie(response)
    assert cookie["value"].startswith("rt_")
    assert cookie["httponly"] == ""
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/app/session"
    assert cookie["max-age"] == str(30 * 86_400)
    assert "secure" not in cookie  # plain http in development
    assert "refreshToken" not in response.text  # the page never sees it
    me = await client.post(
        "/graphql", json=ME, headers={"Authorization": f"Bearer {body['accessToken']}"}
    )
    assert me.json()["data"]["me"]["user"] == {"email": email}


async def test_refresh_rotates_and_a_reused_cookie_ends_the_session(
    client: httpx.AsyncClient, email: str
) -> None:
    first = set_cookie(await sign_in(client, email))["value"]
    refreshed = await post(client, "/app/session/refresh", first)
    assert refreshed.status_code == 200
    assert refreshed.headers["cache-control"] == "no-store"
    assert refreshed.json()["user"] == {"email": email}
    second = set_cookie(refreshed)["value"]
    assert second != first

    reused = await post(client, "/app/session/refresh", first)
    assert reused.status_code == 401
    assert code_of(reused) == "INVALID_REFRESH_TOKEN"
    assert set_cookie(reused)["value"] == "" and set_cookie(reused)["max-age"] == "0"
    # The reuse revoked the whole family, the newer token with it.
    after = await post(client, "/app/session/refresh", second)
    assert after.status_code == 401
    assert code_of(after) == "INVALID_REFRESH_TOKEN"


async def test_sign_out_revokes_the_session_and_clears_the_cookie(
    client: httpx.AsyncClient, email: str
) -> None:
    token = set_cookie(await sign_in(client, email))["value"]
    ended = await post(client, "/app/session/end", token)
    assert ended.status_code == 200
    assert ended.json() == {"revokedSessions": 1}
    assert ended.headers["cache-control"] == "no-store"
    cleared = set_cookie(ended)
    assert cleared["value"] == "" and cleared["max-age"] == "0"
    assert cleared["path"] == "/app/session"
    refused = await post(client, "/app/session/refresh", token)
    assert refused.status_code == 401
    assert code_of(refused) == "INVALID_REFRESH_TOKEN"


async def test_sign_out_without_a_cookie_revokes_nothing(
    client: httpx.AsyncClient, email: str
) -> None:
    token = set_cookie(await sign_in(client, email))["value"]
    ended = await post(client, "/app/session/end")
    assert ended.status_code == 200
    assert ended.json() == {"revokedSessions": 0}
    assert (await post(client, "/app/session/refresh", token)).status_code == 200


@pytest.mark.parametrize("cookie", [None, "", "rt_not-a-token-we-issued", "x" * 5_000])
async def test_refresh_without_a_valid_cookie_is_401_and_clears_it(
    client: httpx.AsyncClient, cookie: str | None
) -> None:
    response = await post(client, "/app/session/refresh", cookie)
    assert response.status_code == 401
    assert code_of(response) == "INVALID_REFRESH_TOKEN"
    assert response.headers["cache-control"] == "no-store"
    assert set_cookie(response)["max-age"] == "0"


async def test_an_outage_is_503_and_keeps_the_cookie(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unreachable(*_: object) -> sessions.SignedIn:
        raise database_unavailable()

    monkeypatch.setattr(sessions, "refresh", unreachable)
    response = await post(client, "/app/session/refresh", "rt_kept-for-the-next-try")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert code_of(response) == "SERVICE_UNAVAILABLE"
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("path", ["/app/session", "/app/session/refresh", "/app/session/end"])
@pytest.mark.parametrize("header", [None, "", "XMLHttpRequest"])
async def test_every_route_needs_the_csrf_header(
    client: httpx.AsyncClient, email: str, path: str, header: str | None
) -> None:
    token = set_cookie(await sign_in(client, email))["value"]
    headers = {"Cookie": f"ipoval_refresh={token}"}
    if header is not None:
        headers["X-Requested-With"] = header
    response = await client.post(path, json={"email": email, "password": PASSWORD}, headers=headers)
    client.cookies.clear()
    assert response.status_code == 403
    assert code_of(response) == "FORBIDDEN"
    assert "set-cookie" not in response.headers
    assert response.headers["cache-control"] == "no-store"
    # Nothing was rotated or revoked: the cookie still works.
    assert (await post(client, "/app/session/refresh", token)).status_code == 200


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://testserver.evil.example", "https://testserver", "null"],
)
async def test_a_foreign_origin_is_refused(
    client: httpx.AsyncClient, email: str, origin: str
) -> None:
    response = await post(
        client,
        "/app/session",
        headers={"Origin": origin},
        json={"email": email, "password": PASSWORD},
    )
    assert response.status_code == 403
    assert code_of(response) == "FORBIDDEN"
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("origin", ["http://testserver", "HTTP://TestServer:80"])
async def test_the_servers_own_origin_is_accepted(
    client: httpx.AsyncClient, email: str, origin: str
) -> None:
    response = await post(
        client,
        "/app/session",
        headers={"Origin": origin},
        json={"email": email, "password": PASSWORD},
    )
    assert response.status_code == 200


async def test_a_wrong_password_is_401_without_a_cookie(
    client: httpx.AsyncClient, email: str
) -> None:
    response = await sign_in(client, email, "not the password")
    assert response.status_code == 401
    assert code_of(response) == "INVALID_CREDENTIALS"
    assert response.json()["errors"][0]["extensions"]["correlationId"]
    assert "set-cookie" not in response.headers
    assert response.headers["cache-control"] == "no-store"


async def test_over_long_credentials_are_cut_and_simply_wrong(
    client: httpx.AsyncClient, email: str
) -> None:
    response = await sign_in(client, email + "x" * 100_000, "p" * 100_000)
    assert response.status_code == 401
    assert code_of(response) == "INVALID_CREDENTIALS"


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b'{"email": "a@b.c", "password": ', 400, "BAD_REQUEST"),
        (b"\xff\xfe", 400, "BAD_REQUEST"),
        (b"[1, 2]", 400, "BAD_REQUEST"),
        (b'"a string"', 400, "BAD_REQUEST"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "BAD_REQUEST"),
        (b'{"email": "a@b.c"}', 400, "BAD_REQUEST"),
        (b'{"email": 7, "password": "p"}', 400, "BAD_REQUEST"),
        (b'{"email": "a@b.c", "password": null}', 400, "BAD_REQUEST"),
        (b'{"email": "a\\u0000@b.c", "password": "p"}', 400, "BAD_USER_INPUT"),
        (b'{"email": "a\\ud800@b.c", "password": "p"}', 400, "BAD_USER_INPUT"),
        (b'{"email": "a@b.c", "password": "p\\u0000"}', 400, "BAD_USER_INPUT"),
        (b'{"email": "a@b.c", "password": "\\udfff"}', 400, "BAD_USER_INPUT"),
        (b'{"email": "' + b"a" * 300_000 + b'", "password": "p"}', 413, "PAYLOAD_TOO_LARGE"),
    ],
)
async def test_bodies_that_are_not_credentials_are_clear_4xx(
    client: httpx.AsyncClient, content: bytes, status: int, code: str
) -> None:
    response = await post(
        client, "/app/session", content=content, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status, response.text
    assert code_of(response) == code
    assert "set-cookie" not in response.headers


async def test_an_unstorable_string_names_its_field(client: httpx.AsyncClient) -> None:
    response = await post(client, "/app/session", json={"email": "a\x00@b.c", "password": "p"})
    assert response.json()["errors"][0]["extensions"]["field"] == ["email"]


async def test_a_chunked_body_past_the_limit_is_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"email": "'
        for _ in range(40):
            yield b"a" * 10_000

    response = await post(
        client, "/app/session", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert code_of(response) == "PAYLOAD_TOO_LARGE"


async def test_sign_in_takes_only_json(client: httpx.AsyncClient, email: str) -> None:
    response = await post(client, "/app/session", data={"email": email, "password": PASSWORD})
    assert response.status_code == 415
    assert code_of(response) == "UNSUPPORTED_MEDIA_TYPE"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "OPTIONS"])
async def test_only_post_is_allowed(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/app/session/refresh", headers=CSRF)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert code_of(response) == "METHOD_NOT_ALLOWED"
    # A preflight is never granted, so no other site's script may send the CSRF header.
    assert "access-control-allow-origin" not in response.headers


async def test_the_cookie_is_secure_over_https(app: Any, email: str) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        response = await sign_in(client, email)
        assert "secure" in set_cookie(response)
        same_origin = await post(
            client, "/app/session/end", headers={"Origin": "https://testserver"}
        )
        assert same_origin.status_code == 200
        assert "secure" in set_cookie(same_origin)


async def test_the_cookie_is_secure_in_production_even_over_http(tmp_path: Path) -> None:
    app = create_app(production_settings(tmp_path))
    async with LifespanManager(app, startup_timeout=60):
        email = "production-page@example.com.au"
        services = app_state(app).services
        await create_user(services, email, PASSWORD, "Production Org", Tier.PROFESSIONAL)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            signed_in = await sign_in(client, email)
            assert signed_in.status_code == 200
            cookie = set_cookie(signed_in)
            assert "secure" in cookie and cookie["samesite"] == "Strict"
            refreshed = await post(client, "/app/session/refresh", cookie["value"])
            assert refreshed.status_code == 200
            assert "secure" in set_cookie(refreshed)
            me = await client.post(
                "/graphql",
                json=ME,
                headers={"Authorization": f"Bearer {refreshed.json()['accessToken']}"},
            )
            assert me.json()["data"]["me"]["user"] == {"email": email}
