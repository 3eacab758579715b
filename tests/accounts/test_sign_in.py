"""Sign-in, rotating refresh tokens, sign-out and `me`."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from accounts.operators import create_user
from accounts.tiers import Tier
from models.accounts import AuditEvent
from repositories.accounts import user_by_email
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient

PASSWORD = "correct horse battery staple"
LOGIN = """mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken refreshToken expiresIn user { email } userErrors { field code message } } }"""
REFRESH = """mutation ($token: String!) {
  refreshToken(token: $token) { accessToken refreshToken userErrors { code } } }"""
ME = "{ me { role user { email } organisation { name tier } features } }"


@pytest.fixture
async def user_email(services: Services) -> str:
    email = f"cfo-{uuid.uuid4().hex[:8]}@example.com.au"
    await create_user(services, email, PASSWORD, f"Org {email}", Tier.PROFESSIONAL)
    return email


async def login(gql: GraphQLClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    return (await gql.execute(LOGIN, email=email, password=password))["data"]["login"]


async def events(services: Services, event: str, email: str | None = None) -> list[AuditEvent]:
    """Audit events of one kind, of the user with `email` when given."""
    async with services.sessions() as session:
        statement = select(AuditEvent).where(AuditEvent.event == event)  # type: ignore[arg-type]
        if email is not None:
            user = await user_by_email(session, email)
            assert user is not None
            statement = statement.where(AuditEvent.user_id == user.id)  # type: ignore[arg-type]
        return list(await session.scalars(statement))


async def test_login_returns_an_hour_long_access_token_and_a_refresh_token(
    gql: GraphQLClient, user_email: str
) -> None:
    payload = await login(gql, user_email.upper())
    assert payload["userErrors"] == []
    assert payload["expiresIn"] == 3600
    assert payload["user"] == {"email": user_email}
    assert payload["accessToken"].count(".") == 2
    assert payload["refreshToken"].startswith("rt_")


async def test_access_token_identifies_the_caller(gql: GraphQLClient, user_email: str) -> None:
    token = (await login(gql, user_email))["accessToken"]
    response = await gql.http.post(
        "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"}
    )
    me = response.json()["data"]["me"]
    assert me["role"] == "user"
    assert me["user"] == {"email": user_email}
    assert me["organisation"] == {"name": f"Org {user_email}", "tier": "professional"}
    assert "api_access" in me["features"]


async def test_wrong_password_is_a_user_error_and_is_audited(
    gql: GraphQLClient, user_email: str, services: Services
) -> None:
    payload = await login(gql, user_email, "not the password at all")
    assert payload["accessToken"] is None
    assert payload["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    failed = await events(services, "sign_in.failed")
    assert any(event.detail.get("email") == user_email for event in failed)


async def test_unknown_email_gets_the_same_answer_as_a_wrong_password(gql: GraphQLClient) -> None:
    payload = await login(gql, "nobody@example.com")
    assert payload["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    assert payload["userErrors"][0]["message"] == "The e-mail address or password is not right."


async def test_successful_sign_in_is_audited(
    gql: GraphQLClient, user_email: str, services: Services
) -> None:
    await login(gql, user_email)
    assert len(await events(services, "sign_in.succeeded", user_email)) == 1


async def test_refresh_token_rotates(gql: GraphQLClient, user_email: str) -> None:
    first = await login(gql, user_email)
    second = (await gql.execute(REFRESH, token=first["refreshToken"]))["data"]["refreshToken"]
    assert second["userErrors"] == []
    assert second["refreshToken"] != first["refreshToken"]
    third = (await gql.execute(REFRESH, token=second["refreshToken"]))["data"]["refreshToken"]
    assert third["userErrors"] == []


async def test_reusing_a_spent_refresh_token_revokes_the_family(
    gql: GraphQLClient, user_email: str, services: Services
) -> None:
    first = await login(gql, user_email)
    second = (await gql.execute(REFRESH, token=first["refreshToken"]))["data"]["refreshToken"]
    replay = (await gql.execute(REFRESH, token=first["refreshToken"]))["data"]["refreshToken"]
    assert replay["userErrors"] == [{"code": "INVALID_REFRESH_TOKEN"}]
    # The thief's replay also ends the legitimate holder's session.
    after = (await gql.execute(REFRESH, token=second["refreshToken"]))["data"]["refreshToken"]
    assert after["userErrors"] == [{"code": "INVALID_REFRESH_TOKEN"}]
    assert len(await events(services, "refresh_token.reused", user_email)) == 1


async def test_unknown_refresh_token_is_refused(gql: GraphQLClient) -> None:
    result = (await gql.execute(REFRESH, token="rt_forged"))["data"]["refreshToken"]
    assert result["userErrors"] == [{"code": "INVALID_REFRESH_TOKEN"}]


async def test_logout_revokes_the_session(gql: GraphQLClient, user_email: str) -> None:
    session = await login(gql, user_email)
    logout = await gql.execute(
        "mutation ($t: String) { logout(refreshToken: $t) { revokedSessions } }",
        t=session["refreshToken"],
    )
    assert logout["data"]["logout"]["revokedSessions"] == 1
    after = (await gql.execute(REFRESH, token=session["refreshToken"]))["data"]["refreshToken"]
    assert after["userErrors"] == [{"code": "INVALID_REFRESH_TOKEN"}]


async def test_caller_without_credentials_acts_as_the_development_user(gql: GraphQLClient) -> None:
    me = (await gql.execute(ME))["data"]["me"]
    assert me["role"] == "user"
    assert me["user"] == {"email": "dev@ipoval.local"}
    assert me["organisation"]["tier"] == "enterprise"


async def test_deactivated_users_refresh_is_refused_without_a_theft_alarm(
    gql: GraphQLClient, user_email: str, services: Services
) -> None:
    session = await login(gql, user_email)
    async with services.sessions.begin() as db:
        user = await user_by_email(db, user_email)
        assert user is not None
        user.is_active = False
    result = (await gql.execute(REFRESH, token=session["refreshToken"]))["data"]["refreshToken"]
    assert result["userErrors"] == [{"code": "INVALID_REFRESH_TOKEN"}]
    assert await events(services, "refresh_token.reused", user_email) == []
