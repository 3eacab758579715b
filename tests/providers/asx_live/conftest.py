"""The ASX research API behind respx, answering the recorded bodies, and the adapter over it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import respx

from providers.asx.live import ASX_BASE_URL, ASX_LISTING_URL, AsxProvider
from tests.fixtures.asx_upstream import (
    BAD_REQUEST,
    BHP_ANNOUNCEMENTS,
    BHP_HEADER,
    BHP_STATISTICS,
    COMPANIES,
    EVN_HEADER,
    EVN_STATISTICS,
    LYC_ANNOUNCEMENTS,
    TODAY,
)
from tests.fixtures.upstream_double import UpstreamDouble


@pytest.fixture
def asx() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=ASX_BASE_URL, assert_all_called=False) as router:
        router.get(f"{COMPANIES}/evn/header").respond(200, content=EVN_HEADER)
        router.get(f"{COMPANIES}/evn/key-statistics").respond(200, content=EVN_STATISTICS)
        router.get(f"{COMPANIES}/bhp/header").respond(200, content=BHP_HEADER)
        router.get(f"{COMPANIES}/bhp/key-statistics").respond(200, content=BHP_STATISTICS)
        router.get(f"{COMPANIES}/bhp/announcements", name="bhp-announcements").respond(
            200, content=BHP_ANNOUNCEMENTS
        )
        router.get(f"{COMPANIES}/lyc/announcements").respond(200, content=LYC_ANNOUNCEMENTS)
        # A code the ASX does not know.
        router.get(path__regex=rf"^{COMPANIES}/qqqz/[a-z-]+$", name="unknown").respond(
            400, json=BAD_REQUEST
        )
        yield router


@pytest.fixture
async def upstream() -> AsyncIterator[UpstreamDouble]:
    upstream = UpstreamDouble("ASX", ASX_BASE_URL)
    yield upstream
    await upstream.aclose()


@pytest.fixture
def provider(upstream: UpstreamDouble) -> AsxProvider:
    return AsxProvider(upstream, ASX_LISTING_URL, today=lambda: TODAY)
