"""A fake Capital IQ behind respx, and a client of it on a settable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

from providers.capiq import mnemonics as m
from providers.capiq.client import CapIqClient
from tests.fixtures.capiq_upstream import BASE, PASSWORD, USERNAME, Clock, FakeCapIq
from tests.fixtures.upstream_double import UpstreamDouble


@pytest.fixture
def fake() -> FakeCapIq:
    return FakeCapIq()


@pytest.fixture
def router(fake: FakeCapIq) -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.post(m.TOKEN_PATH).mock(side_effect=fake.token)
        mock.post(m.CLIENTSERVICE_PATH).mock(side_effect=fake.service)
        yield mock


@pytest.fixture
async def upstream() -> AsyncIterator[UpstreamDouble]:
    double = UpstreamDouble("CAPIQ", BASE)
    yield double
    await double.aclose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(upstream: UpstreamDouble, router: respx.MockRouter, clock: Clock) -> CapIqClient:
    return CapIqClient(upstream, USERNAME, PASSWORD, clock=clock)
