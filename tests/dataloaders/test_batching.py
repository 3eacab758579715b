"""The dashboard query costs one provider call per loader per tick, not one per company."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from api.schema import build_schema
from bench.queries import DASHBOARD
from dataloaders import build_loaders
from providers.instrumentation import CountingProvider
from providers.registry import ProviderRegistry
from providers.sample import SampleProvider
from runtime.services import Services
from schema.context import Context


@pytest.fixture
def counting() -> CountingProvider:
    return CountingProvider(SampleProvider())


@pytest.fixture
def sql_statements(services: Services) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(services.engine.sync_engine, "before_cursor_execute", record)
    yield statements
    event.remove(services.engine.sync_engine, "before_cursor_execute", record)


async def run_dashboard(services: Services, counting: CountingProvider, batched: bool) -> Any:
    counted = dataclasses.replace(services, providers=ProviderRegistry.single(counting))
    context = Context(counted, build_loaders(counted, batched=batched))
    result = await build_schema().execute(DASHBOARD, context_value=context)
    assert result.errors is None, result.errors
    return result.data


async def test_dashboard_makes_one_provider_call_per_loader_per_tick(
    services: Services, counting: CountingProvider
) -> None:
    data = await run_dashboard(services, counting, batched=True)
    assert len(data["companies"]["edges"]) == 20
    assert all(len(edge["node"]["peers"]) == 5 for edge in data["companies"]["edges"])
    # Companies' figures resolve in one tick, their peers' figures in the next: two ticks at most.
    assert counting.calls["peer_candidates"] == 1
    assert counting.calls["market_data"] <= 2
    assert counting.calls["financials"] <= 2
    assert set(counting.calls) == {"peer_candidates", "market_data", "financials"}


async def test_dashboard_reads_the_database_a_fixed_number_of_times(
    services: Services, counting: CountingProvider, sql_statements: list[str]
) -> None:
    await run_dashboard(services, counting, batched=True)
    selects = [s for s in sql_statements if s.lstrip().upper().startswith("SELECT")]
    # the page, its count, and the peers' directory rows in one batch
    assert len(selects) == 3


async def test_naive_resolution_calls_the_provider_per_company(
    services: Services, counting: CountingProvider
) -> None:
    await run_dashboard(services, counting, batched=False)
    assert counting.calls["peer_candidates"] == 20
    assert counting.calls["market_data"] >= 20 + 100
