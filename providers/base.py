"""Provider protocols: what the API and workers ask of an upstream, one capability each.

Every method is batched (a sequence of keys in, a mapping out) so that a DataLoader tick costs one
call. A key the provider does not know is simply absent from the mapping. Methods raise
`ProviderUnavailable` when the upstream cannot answer and `ProviderError` when its answer is
unreadable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from providers.models import (
    CompanyProfile,
    Director,
    Filing,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    RateSeries,
    RegistryEntity,
    Transaction,
)


class CompanyDirectoryProvider(Protocol):
    async def list_companies(self) -> Sequence[CompanyProfile]:
        """Every listed company, for the directory sync."""
        ...


class MarketDataProvider(Protocol):
    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]: ...


class FinancialsProvider(Protocol):
    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]: ...


class PeerProvider(Protocol):
    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        """Up to `limit` peers per ticker, most similar first, the company itself excluded."""
        ...


class FilingsProvider(Protocol):
    async def filings(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Filing]]:
        """Recent filings per ticker, newest first."""
        ...


class EconomicDataProvider(Protocol):
    async def rate_series(self, series_ids: Sequence[str]) -> Mapping[str, RateSeries]: ...


class TransactionsProvider(Protocol):
    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        """M&A transactions in which each company was a party, newest first. A valuation asks for
        its peers' transactions and keeps each transaction once."""
        ...


class RegistryProvider(Protocol):
    async def entities(self, identifiers: Sequence[str]) -> Mapping[str, RegistryEntity]:
        """Entities by 11-digit ABN or 9-digit ACN (digits only); invalid or unknown ones absent."""
        ...

    async def search_names(self, name: str, limit: int) -> Sequence[NameMatch]:
        """Registered names matching `name`, best first."""
        ...


class DirectorsProvider(Protocol):
    async def directors(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Director]]:
        """The board of each listed company, in the order its exchange lists it."""
        ...
