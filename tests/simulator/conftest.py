"""A simulator on a free port and an HTTP client for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from simulator import Credentials, running_simulator


@pytest.fixture
async def simulator() -> AsyncIterator[str]:
    async with running_simulator() as base:
        yield base


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


async def capiq_token(http: httpx.AsyncClient, base: str) -> str:
    credentials = Credentials()
    response = await http.post(
        f"{base}/capiq/authenticate/api/v1/token",
        data={"username": credentials.capiq_username, "password": credentials.capiq_password},
    )
    assert response.status_code == 200
    token: str = response.json()["access_token"]
    return token
