"""The live ASX adapter's filings, from the announcements."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.asx.live import AsxProvider
from providers.models import DataSource, Provenance
from tests.fixtures.asx_upstream import BHP_ANNOUNCEMENTS, TODAY, body
from tests.fixtures.upstream_double import UpstreamDouble


async def test_filings_from_announcements(asx: respx.MockRouter, provider: AsxProvider) -> None:
    filings = await provider.filings(["BHP", "LYC", "QQQZ"])

    assert set(filings) == {"BHP", "LYC"}
    (bhp,) = filings["BHP"]
    assert bhp.id == "2924-03122554-3A699070"
    assert bhp.ticker == "BHP"
    assert bhp.title == "2026 US Annual Report (Form 20-F)"
    assert bhp.document_type == "PERIODIC REPORTS"
    assert bhp.released_at == datetime(2026, 8, 18, 21, 52, 18, tzinfo=UTC)
    assert bhp.price_sensitive is False
    assert bhp.url is None
    assert bhp.provenance == Provenance(DataSource.ASX, TODAY)
    assert filings["LYC"][0].price_sensitive is True


async def test_filings_ask_for_the_configured_count(
    asx: respx.MockRouter, upstream: UpstreamDouble
) -> None:
    await AsxProvider(upstream, announcements=5, today=lambda: TODAY).filings(["BHP"])

    request = asx.routes["bhp-announcements"].calls.last.request
    assert request.url.params["count"] == "5"


async def test_filings_are_newest_first_and_keep_a_published_url(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    items = json.loads(BHP_ANNOUNCEMENTS)["data"]["items"]
    newer = dict(items[0], documentKey="K2", date="2026-08-20T00:00:00Z", url="https://x/a.pdf")
    asx.routes["bhp-announcements"].respond(200, content=body({"items": [*items, newer]}))

    filings = (await provider.filings(["BHP"]))["BHP"]

    assert [f.id for f in filings] == ["K2", "2924-03122554-3A699070"]
    assert filings[0].url == "https://x/a.pdf"


async def test_filings_one_ticker_unreadable_keeps_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.routes["bhp-announcements"].respond(200, content=body({"items": "none"}))

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.filings(["BHP", "LYC"])

    assert set(caught.value.partial) == {"LYC"}
    assert "'items' is a string, not a list" in caught.value.message


async def test_filings_all_unreadable_is_a_provider_error(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.routes["bhp-announcements"].respond(200, content=b'{"items": []}')

    with pytest.raises(ProviderError, match="ASX BHP announcements: body is not"):
        await provider.filings(["BHP"])
