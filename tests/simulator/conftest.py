"""A simulator on a free port and an HTTP client for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from simulator import running_simulator


@pytest.fixture
async def simulator() -> AsyncIterator[str]:
    async with running_simulator() as base:
        yield base


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client
