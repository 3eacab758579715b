"""The services-mode API for the worker tests, which run their workers themselves."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from tests.fixtures.api_clients import GraphQLClient


@pytest.fixture
async def api(services_app: Starlette) -> AsyncIterator[GraphQLClient]:
    """The services-mode API: no in-process worker, so jobs wait until a test runs one."""
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        yield GraphQLClient(http)
