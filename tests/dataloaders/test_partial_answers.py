"""A batch the upstream could answer only in part fails only the keys it lacks, also through the
derived multiples."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import pytest

from core.errors import ProviderUnavailable
from dataloaders.providers import (
    FinancialsByTickerLoader,
    MarketDataByTickerLoader,
    MultiplesByTickerLoader,
)
from providers.models import MarketData
from providers.sample import SampleProvider
from valuation.multiples import TradingMultiples

TICKERS = ["BHP", "CBA", "WBC"]


class MarketDataLostFor(SampleProvider):
    def __init__(self, lost: str) -> None:
        super().__init__()
        self.lost = lost

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        found = await super().market_data(tickers)
        answered = {t: quote for t, quote in found.items() if t != self.lost}
        raise ProviderUnavailable("CAPIQ lost one request", partial=answered)


async def test_only_the_lost_key_fails_and_its_multiples_with_it() -> None:
    provider = MarketDataLostFor("CBA")
    market = MarketDataByTickerLoader(provider)
    multiples = MultiplesByTickerLoader(market, FinancialsByTickerLoader(provider))
    # One tick: the three share one batch of each loader.
    bhp, cba, wbc = await asyncio.gather(
        *(multiples.load(t) for t in TICKERS), return_exceptions=True
    )
    assert isinstance(cba, ProviderUnavailable)
    assert isinstance(bhp, TradingMultiples) and isinstance(wbc, TradingMultiples)


async def test_the_batch_is_one_call_and_the_answered_keys_are_served() -> None:
    provider = MarketDataLostFor("CBA")
    market = MarketDataByTickerLoader(provider)
    bhp, cba, wbc = (market.load(t) for t in TICKERS)
    assert (await bhp) is not None and (await wbc) is not None
    with pytest.raises(ProviderUnavailable):
        await cba
