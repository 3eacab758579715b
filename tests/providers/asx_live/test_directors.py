"""The live ASX adapter's directors, from the about page."""

from __future__ import annotations

import pytest
import respx

from core.errors import ProviderUnavailable
from providers.asx.live import AsxProvider
from providers.models import Director
from tests.fixtures.asx_upstream import COMPANIES, body


async def test_directors_from_the_about_page(asx: respx.MockRouter, provider: AsxProvider) -> None:
    asx.get(f"{COMPANIES}/bhp/about").respond(
        200,
        content=body(
            {
                "displayName": "BHP GROUP LIMITED",
                "directors": [
                    {"name": "Mr Ross McEwan", "title": "Non-Executive Chair"},
                    {"name": "Mr Mike Henry", "title": "Chief Executive Officer"},
                ],
            }
        ),
    )

    directors = await provider.directors(["BHP", "QQQZ"])

    assert directors == {
        "BHP": (
            Director("Mr Ross McEwan", "Non-Executive Chair"),
            Director("Mr Mike Henry", "Chief Executive Officer"),
        )
    }


async def test_directors_one_ticker_down_keeps_the_others(
    asx: respx.MockRouter, provider: AsxProvider
) -> None:
    asx.get(f"{COMPANIES}/bhp/about").respond(200, content=body({"directors": []}))
    asx.get(f"{COMPANIES}/lyc/about").respond(429)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.directors(["BHP", "LYC"])

    assert caught.value.partial == {"BHP": ()}
