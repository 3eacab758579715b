"""Capital IQ's web service: token authentication and `clientservice.json` calls.

- `POST TOKEN_PATH` with the form fields `username` and `password` answers
  `{"access_token": ..., "expires_in_seconds": "3600"}`. The token is kept until shortly before it
  expires; when clientservice answers 401 anyway (revoked, clock skew) the client signs in again
  once and repeats that call once.
- `POST CLIENTSERVICE_PATH` with `{"inputRequests": [...]}` and `Authorization: Bearer <token>`.
- When Capital IQ says the daily request limit is used up, the client raises ProviderUnavailable
  with the detail `retryAt` (the next midnight UTC, ISO 8601, the key the `Upstream` uses) and
  refuses every later call until then without sending it.

The credentials and the token are never put in a message or a log line.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from core.errors import ProviderError, ProviderUnavailable
from providers.capiq.mnemonics import CLIENTSERVICE_PATH, TOKEN_PATH
from providers.capiq.parser import (
    UPSTREAM,
    InputRequest,
    RequestLimitReached,
    ResultItem,
    parse_clientservice,
    parse_token,
)
from providers.http.upstream import Upstream

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api-ciq.marketintelligence.spglobal.com/gdsapi/rest"
# Input requests per clientservice call. A market-data batch of 200 tickers is 1,000 input
# requests; one call for all of them would make a single large body whose loss (a timeout, a 5xx)
# loses everything, and whose duration grows with the batch. Chunks of 100 keep each call small
# and bounded, run side by side, and let a failed chunk cost only its own keys.
CHUNK_SIZE = 100
# Sign in again this long before the token expires (at most a tenth of its lifetime).
_RENEW_BEFORE = timedelta(seconds=60)
_AUTH_REFUSED = frozenset({400, 401, 403})


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CapIqClient:
    def __init__(
        self,
        upstream: Upstream,
        username: str,
        password: str,
        *,
        chunk_size: int = CHUNK_SIZE,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        if not username or not password:
            raise ValueError("Capital IQ needs a username and a password")
        self._upstream = upstream
        self._username = username
        self._password = password
        self._chunk_size = max(1, chunk_size)
        self._clock = clock
        self._token: str | None = None
        self._token_renew_at = datetime.min.replace(tzinfo=UTC)
        self._token_lock = asyncio.Lock()
        self._limited_until: datetime | None = None
        self._limit_message = ""

    def __repr__(self) -> str:
        return f"CapIqClient(upstream={self._upstream.name!r})"

    def now(self) -> datetime:
        """The client's clock (UTC), which adapters use for their as-of dates."""
        return self._clock()

    async def request(self, requests: Sequence[InputRequest]) -> list[ResultItem | None]:
        """One entry per request, in order (None where Capital IQ has no data for it).

        Calls run in chunks of `chunk_size`, concurrently. If some chunks cannot be answered
        (unavailable, or answered with something unreadable), raises ProviderUnavailable whose
        `partial` maps the index of every answered request to its entry: one bad chunk of a flaky
        upstream costs only its own requests. When no chunk is answered, the first failure is
        raised as it is (a ProviderError stays one).
        """
        if not requests:
            return []
        self._refuse_while_limited()
        chunks = [
            list(requests[start : start + self._chunk_size])
            for start in range(0, len(requests), self._chunk_size)
        ]
        outcomes = await asyncio.gather(
            *(self._call(chunk) for chunk in chunks), return_exceptions=True
        )

        answered: dict[int, ResultItem | None] = {}
        failures: list[ProviderUnavailable | ProviderError] = []
        for number, outcome in enumerate(outcomes):
            if isinstance(outcome, ProviderUnavailable | ProviderError):
                failures.append(outcome)
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                start = number * self._chunk_size
                answered.update({start + offset: item for offset, item in enumerate(outcome)})
        if failures:
            first = failures[0]
            if not answered:
                raise first
            raise ProviderUnavailable(first.message, partial=answered, **first.details)
        return [answered[index] for index in range(len(requests))]

    async def _call(self, chunk: list[InputRequest]) -> list[ResultItem | None]:
        body = {"inputRequests": [request.to_json() for request in chunk]}
        token = await self._bearer()
        response = await self._post(body, token)
        if response.status_code == httpx.codes.UNAUTHORIZED:
            log.info("Capital IQ refused its token; signing in again")
            await self._forget(token)
            response = await self._post(body, await self._bearer())
            if response.status_code == httpx.codes.UNAUTHORIZED:
                raise ProviderError(
                    "CAPIQ clientservice: a fresh token was refused too (HTTP 401)",
                    upstream=UPSTREAM,
                )
        if response.status_code != httpx.codes.OK:
            raise ProviderError(
                f"CAPIQ clientservice: HTTP {response.status_code}", upstream=UPSTREAM
            )
        try:
            return parse_clientservice(_json(response, "clientservice"), chunk)
        except RequestLimitReached as exc:
            self._limit_reached(str(exc))
            raise self._limited() from None

    async def _post(self, body: dict[str, Any], token: str) -> httpx.Response:
        self._refuse_while_limited()
        return await self._upstream.post(
            CLIENTSERVICE_PATH,
            json=body,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )

    async def _bearer(self) -> str:
        async with self._token_lock:
            if self._token is not None and self._clock() < self._token_renew_at:
                return self._token
            self._token = None
            response = await self._upstream.post(
                TOKEN_PATH,
                data={"username": self._username, "password": self._password},
                headers={"Accept": "application/json"},
            )
            if response.status_code in _AUTH_REFUSED:
                raise ProviderError(
                    f"CAPIQ authentication: the configured credentials were refused "
                    f"(HTTP {response.status_code})",
                    upstream=UPSTREAM,
                )
            if response.status_code != httpx.codes.OK:
                raise ProviderError(
                    f"CAPIQ authentication: HTTP {response.status_code}", upstream=UPSTREAM
                )
            token, lifetime = parse_token(_json(response, "authentication"))
            margin = min(_RENEW_BEFORE, timedelta(seconds=lifetime / 10))
            self._token = token
            self._token_renew_at = self._clock() + timedelta(seconds=lifetime) - margin
            return token

    async def _forget(self, token: str) -> None:
        async with self._token_lock:
            # Another call may already have replaced the refused token.
            if self._token == token:
                self._token = None

    def _limit_reached(self, message: str) -> None:
        now = self._clock().astimezone(UTC)
        next_midnight = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
        if self._limited_until != next_midnight:
            log.warning(
                "Capital IQ's request limit is used up (%s); no calls until %s",
                message,
                next_midnight.isoformat(),
            )
        self._limited_until = next_midnight
        self._limit_message = message

    def _refuse_while_limited(self) -> None:
        if self._limited_until is None:
            return
        if self._clock() >= self._limited_until:
            self._limited_until = None
            return
        raise self._limited()

    def _limited(self) -> ProviderUnavailable:
        assert self._limited_until is not None
        return ProviderUnavailable(
            f"Capital IQ's daily request limit is used up ({self._limit_message}); "
            f"it resets at {self._limited_until:%Y-%m-%d %H:%M} UTC.",
            upstream=UPSTREAM,
            retryAt=self._limited_until.isoformat(timespec="seconds"),
        )


def _json(response: httpx.Response, endpoint: str) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        raise ProviderError(f"CAPIQ {endpoint}: the body is not JSON", upstream=UPSTREAM) from None
