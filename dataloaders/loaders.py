"""The loader set of one request, built in `get_context`.

`batched=False` gives every key its own call and no cache: the naive per-field resolution that
`bench/` measures batching against. `cache=False` keeps batching but forgets between ticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dataloaders.companies import CompanyByTickerLoader, CompanyPageByRequestLoader
from dataloaders.providers import (
    DirectorsByTickerLoader,
    FilingsByTickerLoader,
    FinancialsByTickerLoader,
    MarketDataByTickerLoader,
    MultiplesByTickerLoader,
    PeersByTickerLoader,
    RateSeriesByIdLoader,
)
from runtime.services import Services


@dataclass(frozen=True, slots=True)
class Loaders:
    company_by_ticker: CompanyByTickerLoader
    company_page_by_request: CompanyPageByRequestLoader
    market_data_by_ticker: MarketDataByTickerLoader
    financials_by_ticker: FinancialsByTickerLoader
    multiples_by_ticker: MultiplesByTickerLoader
    peers_by_ticker: PeersByTickerLoader
    filings_by_ticker: FilingsByTickerLoader
    rate_series_by_id: RateSeriesByIdLoader
    directors_by_ticker: DirectorsByTickerLoader


def build_loaders(services: Services, batched: bool = True, cache: bool = True) -> Loaders:
    options: dict[str, Any] = {"cache": cache}
    if not batched:
        options = {"max_batch_size": 1, "cache": False}
    providers = services.providers
    market = MarketDataByTickerLoader(providers.market, **options)
    financials = FinancialsByTickerLoader(providers.financials, **options)
    return Loaders(
        company_by_ticker=CompanyByTickerLoader(services.sessions, **options),
        company_page_by_request=CompanyPageByRequestLoader(services.sessions, **options),
        market_data_by_ticker=market,
        financials_by_ticker=financials,
        multiples_by_ticker=MultiplesByTickerLoader(market, financials, **options),
        peers_by_ticker=PeersByTickerLoader(providers.peers, **options),
        filings_by_ticker=FilingsByTickerLoader(providers.filings, **options),
        rate_series_by_id=RateSeriesByIdLoader(providers.economic, **options),
        directors_by_ticker=DirectorsByTickerLoader(providers.directors, **options),
    )
