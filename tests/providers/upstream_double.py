"""A minimal `Upstream` for adapter tests: one `httpx.AsyncClient`, no retries, no cache.

Like the real one it answers 2xx and 4xx (other than 429) as responses and raises
`ProviderUnavailable` naming the upstream for 5xx, 429 and transport errors. Pair it with respx
(`respx.mock(base_url=...)`) or give it an `httpx.MockTransport`.
"""

from __future__ import annotations

from typing import Any

import httpx

from core.errors import ProviderUnavailable
from providers.http.upstream import RequestVerbs


class UpstreamDouble(RequestVerbs):
    def __init__(
        self,
        name: str,
        base_url: str,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self._client = httpx.AsyncClient(base_url=base_url, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise ProviderUnavailable(
                f"{self.name} {method} {path}: {type(exc).__name__}: {exc}", upstream=self.name
            ) from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise ProviderUnavailable(
                f"{self.name} {method} {path}: HTTP {response.status_code}", upstream=self.name
            )
        return response
