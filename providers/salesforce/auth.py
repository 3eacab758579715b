"""The OAuth 2.0 JWT bearer flow: a short JWT signed with the partner's private key (RS256) is
exchanged at `{login}/services/oauth2/token` for an access token and the org's instance URL.

There is no refresh token: when the access token is refused (401 INVALID_SESSION_ID) a new
assertion is signed and exchanged. The login URL is https://login.salesforce.com for production
orgs and https://test.salesforce.com for sandboxes; it is also the assertion's audience.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from core.errors import ProviderError

UPSTREAM = "SALESFORCE"
PRODUCTION_LOGIN_URL = "https://login.salesforce.com"
SANDBOX_LOGIN_URL = "https://test.salesforce.com"
TOKEN_PATH = "/services/oauth2/token"
GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Salesforce accepts an assertion whose `exp` is at most a few minutes ahead.
ASSERTION_LIFETIME = timedelta(minutes=3)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class SalesforceAuthRefused(ProviderError):
    """The org refused the assertion (`invalid_grant`: the user has not approved the connected
    app, the certificate does not match, the user is wrong): a partner must fix it; retrying
    cannot."""


@dataclass(frozen=True, slots=True)
class SalesforceCredentials:
    consumer_key: str  # the connected app's consumer key: the assertion's `iss`
    username: str  # the integration user: the assertion's `sub`
    private_key_pem: str  # the key whose certificate is uploaded to the connected app
    login_url: str = PRODUCTION_LOGIN_URL

    def __repr__(self) -> str:  # never the key
        return f"SalesforceCredentials(username={self.username!r}, login_url={self.login_url!r})"


@dataclass(frozen=True, slots=True)
class SalesforceToken:
    access_token: str
    instance_url: str

    def __repr__(self) -> str:
        return f"SalesforceToken(instance_url={self.instance_url!r})"


def assertion(credentials: SalesforceCredentials, now: datetime) -> str:
    try:
        key = RSAKey.import_key(credentials.private_key_pem)
    except (JoseError, ValueError) as error:
        raise SalesforceAuthRefused(
            "SALESFORCE: the private key is not a readable RSA key", upstream=UPSTREAM
        ) from error
    claims = {
        "iss": credentials.consumer_key,
        "sub": credentials.username,
        "aud": credentials.login_url.rstrip("/"),
        "exp": int((now + ASSERTION_LIFETIME).timestamp()),
    }
    return jwt.encode({"alg": "RS256"}, claims, key)


def token_form(credentials: SalesforceCredentials, now: datetime) -> dict[str, str]:
    return {"grant_type": GRANT_TYPE, "assertion": assertion(credentials, now)}


def parse_token(response: httpx.Response) -> SalesforceToken:
    """The token answer, or the reason it was refused."""
    try:
        body = response.json()
    except ValueError as error:
        raise ProviderError(
            f"SALESFORCE token: HTTP {response.status_code} without JSON", upstream=UPSTREAM
        ) from error
    if not isinstance(body, dict):
        raise ProviderError("SALESFORCE token: not a JSON object", upstream=UPSTREAM)
    if response.status_code != httpx.codes.OK:
        code = str(body.get("error", "unknown"))[:100]
        description = str(body.get("error_description", ""))[:200]
        if code == "invalid_grant" or code == "invalid_client":
            raise SalesforceAuthRefused(
                f"SALESFORCE refused the JWT bearer assertion: {code} ({description})",
                upstream=UPSTREAM,
            )
        raise ProviderError(
            f"SALESFORCE token: HTTP {response.status_code} {code}", upstream=UPSTREAM
        )
    token, instance = body.get("access_token"), body.get("instance_url")
    if not isinstance(token, str) or not token or not isinstance(instance, str):
        raise ProviderError("SALESFORCE token: no access_token or instance_url", upstream=UPSTREAM)
    parts = urlsplit(instance)
    loopback = parts.hostname in LOOPBACK and parts.scheme == "http"  # the local simulator
    origin_only = bool(parts.netloc) and parts.path in ("", "/")
    if (parts.scheme != "https" and not loopback) or not origin_only:
        # An instance URL is where every later call (with the token) goes: only an https origin.
        raise ProviderError(
            "SALESFORCE token: the instance_url is not an https origin", upstream=UPSTREAM
        )
    return SalesforceToken(access_token=token, instance_url=instance.rstrip("/"))
