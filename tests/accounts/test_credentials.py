"""Bearer tokens and API keys: what is accepted, and what is refused with which status and code."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import OctKey

from accounts.operators import create_api_key, ensure_organisation, revoke_api_key
from accounts.tiers import Tier
from accounts.tokens import AccessTokens
from core.settings import Settings
from runtime.services import Services

ME = {"query": "{ me { role organisation { name } } }"}


def forge(claims: dict[str, object], secret: str = "x" * 40, kid: str = "dev-1") -> str:
    key = OctKey.import_key(secret, {"kid": kid})
    return jwt.encode({"alg": "HS256", "kid": kid}, claims, key)


def valid_claims(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": "ipoval",
        "aud": "ipoval-api",
        "sub": str(uuid.uuid4()),
        "org": str(uuid.uuid4()),
        "tier": "enterprise",
        "iat": now,
        "exp": now + 600,
    }
    return {**claims, **overrides}


def dev_secret() -> str:
    return Settings().jwt_keys.split(":", 1)[1]


async def me_with(client: httpx.AsyncClient, **headers: str) -> httpx.Response:
    return await client.post("/graphql", json=ME, headers=headers)


async def test_token_signed_with_the_current_key_is_accepted(client: httpx.AsyncClient) -> None:
    response = await me_with(client, Authorization=f"Bearer {forge(valid_claims(), dev_secret())}")
    assert response.json()["data"]["me"]["role"] == "user"


@pytest.mark.parametrize(
    "case",
    ["alg_none", "wrong_key", "expired", "wrong_audience", "wrong_issuer", "unknown_kid", "junk"],
)
async def test_tampered_tokens_are_refused(client: httpx.AsyncClient, case: str) -> None:
    secret = dev_secret()
    forgers: dict[str, Callable[[], str]] = {
        "wrong_key": lambda: forge(valid_claims(), "y" * 40),
        "expired": lambda: forge(valid_claims(exp=int(time.time()) - 5), secret),
        "wrong_audience": lambda: forge(valid_claims(aud="someone-else"), secret),
        "wrong_issuer": lambda: forge(valid_claims(iss="evil"), secret),
        "unknown_kid": lambda: forge(valid_claims(), secret, kid="nope"),
        "junk": lambda: "not.a.jwt",
        "alg_none": lambda: ".".join(
            [
                base64.urlsafe_b64encode(json.dumps({"alg": "none", "kid": "dev-1"}).encode())
                .decode()
                .rstrip("="),
                base64.urlsafe_b64encode(json.dumps(valid_claims()).encode()).decode().rstrip("="),
                "",
            ]
        ),
    }
    response = await me_with(client, Authorization=f"Bearer {forgers[case]()}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_non_bearer_authorization_is_refused(client: httpx.AsyncClient) -> None:
    response = await me_with(client, Authorization="Basic dXNlcjpwYXNz")
    assert response.status_code == 401


async def test_rotated_out_key_still_verifies_until_removed() -> None:
    old = Settings(jwt_keys="old:" + "o" * 40)
    rotated = Settings(jwt_keys="new:" + "n" * 40 + ",old:" + "o" * 40)
    token = AccessTokens(old).issue(uuid.uuid4(), uuid.uuid4(), Tier.BASIC)
    assert AccessTokens(rotated).verify(token).tier is Tier.BASIC
    assert '"kid":"new"' in base64.urlsafe_b64decode(
        AccessTokens(rotated).issue(uuid.uuid4(), uuid.uuid4(), Tier.BASIC).split(".")[0] + "=="
    ).decode().replace(" ", "")


async def test_api_key_acts_for_its_organisation_as_partner(
    client: httpx.AsyncClient, services: Services
) -> None:
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.PROFESSIONAL)
    _, key = await create_api_key(services, name, "integration")
    me = (await me_with(client, **{"X-API-Key": key})).json()["data"]["me"]
    assert me == {"role": "partner", "organisation": {"name": name}}


async def test_api_key_with_a_wrong_secret_is_refused(
    client: httpx.AsyncClient, services: Services
) -> None:
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    stored, _ = await create_api_key(services, name, "integration")
    response = await me_with(client, **{"X-API-Key": f"{stored.prefix}.guessed-secret"})
    assert response.status_code == 401


async def test_revoked_api_key_is_refused(client: httpx.AsyncClient, services: Services) -> None:
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    stored, key = await create_api_key(services, name, "integration")
    await revoke_api_key(services, stored.prefix)
    assert (await me_with(client, **{"X-API-Key": key})).status_code == 401


async def test_api_key_of_a_tier_without_api_access_is_forbidden(
    client: httpx.AsyncClient, services: Services
) -> None:
    name = f"Basic {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.BASIC)
    _, key = await create_api_key(services, name, "integration")
    response = await me_with(client, **{"X-API-Key": key})
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FEATURE_NOT_IN_TIER"


async def test_api_keys_are_stored_only_as_digests(services: Services) -> None:
    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    stored, key = await create_api_key(services, name, "integration")
    assert key.startswith(stored.prefix + ".")
    assert key.split(".", 1)[1] not in stored.secret_hash
    assert len(stored.secret_hash) == 64


async def test_revoking_a_key_twice_audits_it_once(services: Services) -> None:
    from sqlalchemy import select

    from models.accounts import AuditEvent

    name = f"Partner {uuid.uuid4().hex[:6]}"
    await ensure_organisation(services, name, Tier.ENTERPRISE)
    stored, _ = await create_api_key(services, name, "integration")
    await revoke_api_key(services, stored.prefix)
    await revoke_api_key(services, stored.prefix)
    async with services.sessions() as session:
        revocations = list(
            await session.scalars(
                select(AuditEvent).where(
                    AuditEvent.event == "api_key.revoked",  # type: ignore[arg-type]
                    AuditEvent.api_key_id == stored.id,  # type: ignore[arg-type]
                )
            )
        )
    assert len(revocations) == 1
