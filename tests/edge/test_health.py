"""Liveness and readiness endpoints."""

from __future__ import annotations

import httpx
import pytest

from runtime.services import Services


async def test_liveness_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.json() == {"status": "ok"}


async def test_readiness_reports_both_services_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_readiness_is_503_when_redis_does_not_answer(
    client: httpx.AsyncClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_answer() -> bool:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(services.redis, "ping", no_answer)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["redis"] == "ConnectionError"
