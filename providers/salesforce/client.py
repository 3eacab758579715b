"""Salesforce's REST API for one partner org: upsert an Opportunity by external id, and page
through a SOQL query.

- The token comes from the JWT bearer flow (auth.py) at the login URL; calls go to the org's
  instance URL from the token answer. A 401 INVALID_SESSION_ID gets one new token and one repeat.
- `upsert_opportunity` is `PATCH /sobjects/Opportunity/<external id field>/<value>`: 201 when it
  created the record, 204 (or 200) when it updated one. Delivering the same valuation twice, after
  a crash or a lost answer, updates the same Opportunity instead of making a second.
- `query` follows `nextRecordsUrl` until `done`.
- 403 REQUEST_LIMIT_EXCEEDED (the org's daily API allowance) and 5xx are ProviderUnavailable, for
  the caller to retry later; any other refusal is ProviderError naming Salesforce's errorCode.

Neither the key nor the token is put in a message or a log line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from core.errors import ProviderError, ProviderUnavailable
from providers.http.upstream import Upstream
from providers.salesforce.auth import (
    TOKEN_PATH,
    UPSTREAM,
    SalesforceCredentials,
    SalesforceToken,
    parse_token,
    token_form,
)

log = logging.getLogger(__name__)

API_VERSION = "v62.0"
EXTERNAL_ID_FIELD = "Ipoval_Valuation_Id__c"
# A query of 2,000-record pages: far more pages than this is a loop, not an org.
MAX_PAGES = 10_000


class AnyMethodUpstream(Upstream, Protocol):
    """An upstream that also sends PATCH (the upsert): `ResilientUpstream` does."""

    async def request(self, method: str, path: str, **options: Any) -> httpx.Response: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Upserted:
    id: str
    created: bool  # False: an existing record (the same external id) was updated


class SalesforceClient:
    def __init__(
        self,
        upstream: AnyMethodUpstream,
        credentials: SalesforceCredentials,
        *,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._upstream = upstream
        self._credentials = credentials
        self._clock = clock
        self._token: SalesforceToken | None = None
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"SalesforceClient(username={self._credentials.username!r})"

    async def upsert_opportunity(self, external_id: str, fields: Mapping[str, Any]) -> Upserted:
        path = (
            f"/services/data/{API_VERSION}/sobjects/Opportunity/"
            f"{EXTERNAL_ID_FIELD}/{quote(external_id, safe='')}"
        )
        response = await self._call("PATCH", path, json=dict(fields))
        if response.status_code == httpx.codes.CREATED:
            return Upserted(id=str(_json(response).get("id", "")), created=True)
        if response.status_code in (httpx.codes.OK, httpx.codes.NO_CONTENT):
            body = _json(response) if response.content else {}
            return Upserted(id=str(body.get("id", "")), created=False)
        raise _refusal(response, "Opportunity upsert")

    async def query(self, soql: str) -> AsyncIterator[dict[str, Any]]:
        """Every record of the query, page after page."""
        path: str = f"/services/data/{API_VERSION}/query?q={quote(soql, safe='')}"
        for _ in range(MAX_PAGES):
            response = await self._call("GET", path)
            if response.status_code != httpx.codes.OK:
                raise _refusal(response, "query")
            page = _json(response)
            records = page.get("records")
            if not isinstance(records, list):
                raise ProviderError("SALESFORCE query: no records list", upstream=UPSTREAM)
            for record in records:
                if isinstance(record, dict):
                    yield record
            if page.get("done") is True:
                return
            following = page.get("nextRecordsUrl")
            if not isinstance(following, str) or not following.startswith("/services/data/"):
                raise ProviderError(
                    "SALESFORCE query: not done, and no nextRecordsUrl", upstream=UPSTREAM
                )
            path = following
        raise ProviderError(f"SALESFORCE query: more than {MAX_PAGES} pages", upstream=UPSTREAM)

    async def _call(self, method: str, path: str, **options: Any) -> httpx.Response:
        token = await self._current_token()
        response = await self._send(method, token, path, **options)
        if response.status_code == httpx.codes.UNAUTHORIZED:
            log.info("Salesforce refused the session; signing a new assertion")
            token = await self._current_token(refused=token)
            response = await self._send(method, token, path, **options)
        return response

    async def _send(
        self, method: str, token: SalesforceToken, path: str, **options: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token.access_token}", "Accept": "application/json"}
        return await self._upstream.request(
            method, token.instance_url + path, headers=headers, **options
        )

    async def _current_token(self, refused: SalesforceToken | None = None) -> SalesforceToken:
        async with self._lock:
            # Another call may have replaced the refused token while this one waited.
            if self._token is not None and self._token is not refused:
                return self._token
            response = await self._upstream.post(
                self._credentials.login_url.rstrip("/") + TOKEN_PATH,
                data=token_form(self._credentials, self._clock()),
            )
            self._token = parse_token(response)
            return self._token


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as error:
        raise ProviderError(
            f"SALESFORCE: HTTP {response.status_code} without JSON", upstream=UPSTREAM
        ) from error
    if not isinstance(body, dict):
        raise ProviderError("SALESFORCE: the answer is not a JSON object", upstream=UPSTREAM)
    return body


def _refusal(response: httpx.Response, what: str) -> ProviderError | ProviderUnavailable:
    """Salesforce's error list (`[{"message", "errorCode"}]`) as the project's error."""
    try:
        body = response.json()
    except ValueError:
        body = None
    first = body[0] if isinstance(body, list) and body and isinstance(body[0], dict) else {}
    code = str(first.get("errorCode", f"HTTP_{response.status_code}"))[:100]
    message = str(first.get("message", ""))[:300]
    text = f"SALESFORCE {what}: {code} {message}".strip()
    if code == "REQUEST_LIMIT_EXCEEDED":
        return ProviderUnavailable(text, upstream=UPSTREAM)
    return ProviderError(text, upstream=UPSTREAM, errorCode=code)
