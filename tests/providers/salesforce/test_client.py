"""The Salesforce client against Salesforce's real answer formats (respx), through the project's
resilient HTTP layer: the JWT bearer flow, the upsert by external id, SOQL paging, refusals."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import RSAKey

from core.errors import ProviderError, ProviderUnavailable
from providers.http.client import ResilientUpstream
from providers.http.policy import UpstreamPolicy
from providers.salesforce.auth import (
    GRANT_TYPE,
    SANDBOX_LOGIN_URL,
    SalesforceAuthRefused,
    SalesforceCredentials,
)
from providers.salesforce.client import API_VERSION, EXTERNAL_ID_FIELD, SalesforceClient
from tests.fixtures.paths import fixture_path

NOW = datetime(2026, 12, 8, 5, 0, tzinfo=UTC)
INSTANCE = "https://yourdomain.my.salesforce.com"
DATA = f"{INSTANCE}/services/data/{API_VERSION}"


def payload(name: str) -> Any:
    return json.loads(Path(fixture_path(f"upstream/salesforce/{name}")).read_text())


@pytest.fixture(scope="module")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def credentials(private_key: rsa.RSAPrivateKey) -> SalesforceCredentials:
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    user = "integration@partner.com.au"
    return SalesforceCredentials("consumer-key", user, pem, SANDBOX_LOGIN_URL)


@pytest.fixture
async def client(credentials: SalesforceCredentials) -> AsyncIterator[SalesforceClient]:
    policy = UpstreamPolicy(name="SALESFORCE", base_url=SANDBOX_LOGIN_URL, max_attempts=1)
    upstream = ResilientUpstream(policy)
    yield SalesforceClient(upstream, credentials, clock=lambda: NOW)
    await upstream.aclose()


def token_route(router: respx.Router) -> respx.Route:
    return router.post(f"{SANDBOX_LOGIN_URL}/services/oauth2/token").respond(
        200, json=payload("jwt_bearer_token_response_shape.json")
    )


@respx.mock(assert_all_called=False)
async def test_the_assertion_is_signed_for_the_org_and_exchanged_at_the_login_url(
    respx_mock: respx.Router, client: SalesforceClient, private_key: rsa.RSAPrivateKey
) -> None:
    token = token_route(respx_mock)
    respx_mock.patch(url__startswith=f"{DATA}/sobjects/Opportunity/").respond(
        201, json=payload("sobject_create_201_docs_example.json")
    )
    await client.upsert_opportunity("job-1", {"Name": "Acme IPO valuation"})
    form = dict(httpx.QueryParams(token.calls[0].request.content.decode()))
    assert form["grant_type"] == GRANT_TYPE
    public = RSAKey.import_key(
        private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    claims = jwt.decode(form["assertion"], public, algorithms=["RS256"]).claims
    assert claims["iss"] == "consumer-key"
    assert claims["sub"] == "integration@partner.com.au"
    assert claims["aud"] == SANDBOX_LOGIN_URL
    assert 0 < claims["exp"] - NOW.timestamp() <= 180


@respx.mock
async def test_an_upsert_by_external_id_creates_once_then_updates(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    token_route(respx_mock)
    upsert = respx_mock.patch(f"{DATA}/sobjects/Opportunity/{EXTERNAL_ID_FIELD}/job%2F1")
    upsert.side_effect = [
        httpx.Response(201, json=payload("sobject_create_201_docs_example.json")),
        httpx.Response(204),
    ]
    first = await client.upsert_opportunity("job/1", {"Name": "Acme", "StageName": "Qualified"})
    again = await client.upsert_opportunity("job/1", {"Name": "Acme", "StageName": "Qualified"})
    assert (first.id, first.created) == ("001D000000IqhSLIAZ", True)
    assert again.created is False
    sent = json.loads(upsert.calls[0].request.content)
    assert sent == {"Name": "Acme", "StageName": "Qualified"}
    assert upsert.calls[0].request.headers["authorization"].startswith("Bearer 00D")


@respx.mock
async def test_an_expired_session_gets_one_new_token_and_one_repeat(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    token = token_route(respx_mock)
    upsert = respx_mock.patch(url__startswith=f"{DATA}/sobjects/Opportunity/")
    upsert.side_effect = [
        httpx.Response(401, json=payload("error_401_invalid_session.json")),
        httpx.Response(204),
    ]
    assert (await client.upsert_opportunity("job-2", {"Name": "x"})).created is False
    assert token.call_count == 2 and upsert.call_count == 2


@respx.mock
async def test_a_refused_assertion_says_so_and_is_not_retried(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    token = respx_mock.post(f"{SANDBOX_LOGIN_URL}/services/oauth2/token").respond(
        400, json=payload("oauth_error_invalid_grant.json")
    )
    with pytest.raises(SalesforceAuthRefused, match="hasn't approved"):
        await client.upsert_opportunity("job-3", {"Name": "x"})
    assert token.call_count == 1


@respx.mock
async def test_the_orgs_request_limit_is_unavailable_and_a_bad_field_an_error(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    token_route(respx_mock)
    upsert = respx_mock.patch(url__startswith=f"{DATA}/sobjects/Opportunity/")
    upsert.side_effect = [
        httpx.Response(403, json=payload("error_403_request_limit_exceeded.json")),
        httpx.Response(400, json=payload("sobject_create_400_docs_example.json")),
    ]
    with pytest.raises(ProviderUnavailable, match="REQUEST_LIMIT_EXCEEDED"):
        await client.upsert_opportunity("job-4", {"Name": "x"})
    with pytest.raises(ProviderError, match="INVALID_FIELD") as refused:
        await client.upsert_opportunity("job-4", {"Name": "x"})
    assert not isinstance(refused.value, ProviderUnavailable)


@respx.mock
async def test_a_query_follows_next_records_url_until_done(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    token_route(respx_mock)
    first = payload("query_page1_docs_example.json")
    last = payload("query_done_docs_example.json")
    respx_mock.get(url__startswith=f"{DATA}/query?q=").respond(200, json=first)
    following = respx_mock.get(f"{INSTANCE}{first['nextRecordsUrl']}").respond(200, json=last)
    records = [r async for r in client.query("SELECT Id, Name FROM Opportunity")]
    assert [r.get("Id", r.get("Name")) for r in records] == [
        "003RO0000035WQgYAM",
        "Test 1",
        "Test 2",
    ]
    assert following.call_count == 1


@respx.mock
async def test_an_instance_url_that_is_not_an_https_origin_is_refused(
    respx_mock: respx.Router, client: SalesforceClient
) -> None:
    respx_mock.post(f"{SANDBOX_LOGIN_URL}/services/oauth2/token").respond(
        200, json={"access_token": "t", "instance_url": "http://evil.example/x"}
    )
    with pytest.raises(ProviderError, match="https origin"):
        await client.upsert_opportunity("job-5", {"Name": "x"})


def test_credentials_never_show_the_key(credentials: SalesforceCredentials) -> None:
    assert "PRIVATE KEY" not in repr(credentials)
