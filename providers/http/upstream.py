"""What a live adapter asks of the HTTP layer.

Adapters speak an upstream's format; they never retry, sleep, count failures or cache. They call an
`Upstream`, which answers with a response whose status is below 500 and not 429 (2xx, or a 4xx for
the adapter to interpret, such as the ASX's 400 for an unknown code) or raises
`ProviderUnavailable` naming the upstream when it cannot get one (timeouts, 5xx and 429 after its
retries, an open circuit, a connection error).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import httpx


class Upstream(Protocol):
    name: str  # "ASX", "ABR", "RBA", "CAPIQ": used in error messages and metrics

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response: ...

    async def post(
        self,
        path: str,
        *,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response: ...

    async def aclose(self) -> None: ...


class RequestVerbs:
    """`get` and `post` of the `Upstream` protocol in terms of one `request` method, for every
    implementation (the resilient client, test doubles) to share."""

    async def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        raise NotImplementedError

    async def get(
        self,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        return await self.request("GET", path, params=params, headers=headers)

    async def post(
        self,
        path: str,
        *,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        return await self.request("POST", path, json=json, data=data, headers=headers)
