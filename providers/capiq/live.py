"""The live Capital IQ adapter: market data, financials, peers and M&A transactions.

Requests follow `providers/capiq/mnemonics.py`; identifiers are `<TICKER>:ASX`; money is asked
for in AUD. Capital IQ states money and share counts in millions, so they are multiplied by
`scale` (1,000,000 unless the caller says otherwise) into the standard models' units.

Every method is one batched request (two for transactions). An item Capital IQ has no data for
("Data Unavailable", "Invalid Identifier") leaves its ticker absent or its figure None; when some
calls of a batch cannot be made, ProviderUnavailable carries in `partial` the tickers whose
requests were all answered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from core.errors import ProviderUnavailable
from providers.capiq import mnemonics as m
from providers.capiq.client import CapIqClient
from providers.capiq.parser import InputRequest, ResultItem, parse_date, parse_number
from providers.models import (
    DataSource,
    FinancialPeriod,
    FinancialStatements,
    MarketData,
    PeerCandidate,
    Provenance,
    Transaction,
)

MILLIONS = 1_000_000.0
DEFAULT_MAX_TRANSACTIONS = 20
_SYDNEY = ZoneInfo("Australia/Sydney")
_CURRENCY = m.CURRENCY["currencyId"]
# Similarity by Capital IQ's rank: 1 / (1 + 0.1 * rank), so 0.91 for the first comparable.
_RANK_DECAY = 0.1
_UNDISCLOSED = "Undisclosed"
_UNKNOWN_STATUS = "Unknown"

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class _Answers:
    """Answered items by request index, and why the others were not answered."""

    items: dict[int, ResultItem | None]
    unavailable: ProviderUnavailable | None

    def slice(self, indices: range) -> list[ResultItem | None] | None:
        if not all(index in self.items for index in indices):
            return None
        return [self.items[index] for index in indices]


class CapIqProvider:
    """MarketDataProvider, FinancialsProvider, PeerProvider and TransactionsProvider."""

    def __init__(
        self,
        client: CapIqClient,
        *,
        scale: float = MILLIONS,
        max_transactions: int = DEFAULT_MAX_TRANSACTIONS,
    ) -> None:
        self._client = client
        self._scale = scale
        self._max_transactions = max(1, max_transactions)

    async def market_data(self, tickers: Sequence[str]) -> Mapping[str, MarketData]:
        keys = _keys_by_ticker(tickers)
        requests: list[InputRequest] = []
        plan: dict[str, range] = {}
        for ticker in keys:
            start = len(requests)
            requests += [
                InputRequest(m.GDSP, _identifier(ticker), mnemonic, m.CURRENCY)
                for mnemonic in m.MARKET_MNEMONICS
            ]
            plan[ticker] = range(start, len(requests))
        answers = await self._fetch(requests)
        provenance = self._provenance()
        results: dict[str, MarketData] = {}
        for ticker, indices in plan.items():
            items = answers.slice(indices)
            if items is None:
                continue
            figure = _figures(m.MARKET_MNEMONICS, items)
            price = figure[m.LAST_PRICE]
            shares = figure[m.SHARES_OUTSTANDING]
            market_cap = figure[m.MARKET_CAP]
            if price is None or shares is None or market_cap is None:
                continue
            enterprise_value = figure[m.ENTERPRISE_VALUE]
            data = MarketData(
                ticker=ticker,
                price=price,
                shares_outstanding=shares * self._scale,
                market_cap=market_cap * self._scale,
                enterprise_value=None
                if enterprise_value is None
                else enterprise_value * self._scale,
                beta=figure[m.BETA],
                as_of=provenance.as_of,
                provenance=provenance,
            )
            for key in keys[ticker]:
                results[key] = data
        return _complete(results, answers.unavailable)

    async def financials(self, tickers: Sequence[str]) -> Mapping[str, FinancialStatements]:
        """The last `YEARS` fiscal years, oldest first. A year without revenue or without a period
        date is left out; other lines Capital IQ leaves empty count as zero (none reported),
        except equity, intangibles and dividends, which stay None (not known, rather than nil:
        a price-to-book on a zero equity would be meaningless)."""
        keys = _keys_by_ticker(tickers)
        requests: list[InputRequest] = []
        plan: dict[str, list[range]] = {}
        for ticker in keys:
            plan[ticker] = []
            for years_back in range(m.YEARS):
                properties = {"periodType": f"IQ_FY-{years_back}", **m.CURRENCY}
                start = len(requests)
                requests += [
                    InputRequest(m.GDSP, _identifier(ticker), mnemonic, properties)
                    for mnemonic in m.FINANCIAL_MNEMONICS
                ]
                plan[ticker].append(range(start, len(requests)))
        answers = await self._fetch(requests)
        provenance = self._provenance()
        results: dict[str, FinancialStatements] = {}
        for ticker, year_ranges in plan.items():
            years = [answers.slice(indices) for indices in year_ranges]
            if any(items is None for items in years):
                continue
            periods: dict[date, FinancialPeriod] = {}
            for items in years:
                assert items is not None
                period = self._period(dict(zip(m.FINANCIAL_MNEMONICS, items, strict=True)))
                if period is not None:
                    periods.setdefault(period.fiscal_year_end, period)
            if not periods:
                continue
            statements = FinancialStatements(
                ticker=ticker,
                currency=_CURRENCY,
                periods=tuple(periods[end] for end in sorted(periods)),
                provenance=provenance,
            )
            for key in keys[ticker]:
                results[key] = statements
        return _complete(results, answers.unavailable)

    async def peer_candidates(
        self, tickers: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[PeerCandidate]]:
        """Capital IQ's quick comparables, ranks 1..limit, as ASX tickers. Comparables listed on
        another exchange are dropped, and so is the company itself, so fewer than `limit` may
        come back; the similarity follows Capital IQ's rank."""
        if limit <= 0:
            return {}
        keys = _keys_by_ticker(tickers)
        properties = {"startRank": "1", "endRank": str(limit)}
        requests = [
            InputRequest(m.GDSHE, _identifier(ticker), m.QUICK_COMPARABLES, properties)
            for ticker in keys
        ]
        answers = await self._fetch(requests)
        results: dict[str, Sequence[PeerCandidate]] = {}
        for index, ticker in enumerate(keys):
            if index not in answers.items or answers.items[index] is None:
                continue
            item = answers.items[index]
            assert item is not None
            peers: list[PeerCandidate] = []
            seen = {ticker}
            for rank, identifier in enumerate(item.column[:limit], start=1):
                peer = _asx_ticker(identifier)
                if peer is None or peer in seen:
                    continue
                seen.add(peer)
                peers.append(PeerCandidate(peer, 1 / (1 + rank * _RANK_DECAY)))
            for key in keys[ticker]:
                results[key] = tuple(peers)
        return _complete(results, answers.unavailable)

    async def transactions(self, tickers: Sequence[str]) -> Mapping[str, Sequence[Transaction]]:
        """M&A transactions each company took part in, newest first: the list of transaction
        identifiers per company, then the details of every distinct transaction."""
        keys = _keys_by_ticker(tickers)
        properties = {"startRank": "1", "endRank": str(self._max_transactions)}
        list_requests = [
            InputRequest(m.GDSHE, _identifier(ticker), m.TRANSACTION_LIST, properties)
            for ticker in keys
        ]
        lists = await self._fetch(list_requests)
        ids_by_ticker: dict[str, list[str]] = {}
        for index, ticker in enumerate(keys):
            if index in lists.items and lists.items[index] is not None:
                item = lists.items[index]
                assert item is not None
                ids_by_ticker[ticker] = list(dict.fromkeys(item.column))

        distinct_ids = list(dict.fromkeys(tid for ids in ids_by_ticker.values() for tid in ids))
        detail_requests: list[InputRequest] = []
        plan: dict[str, range] = {}
        for transaction_id in distinct_ids:
            start = len(detail_requests)
            detail_requests += [
                InputRequest(m.GDSP, transaction_id, mnemonic, m.CURRENCY)
                for mnemonic in m.TRANSACTION_MNEMONICS
            ]
            plan[transaction_id] = range(start, len(detail_requests))
        details = await self._fetch(detail_requests)

        provenance = self._provenance()
        built: dict[str, Transaction | None] = {}
        for transaction_id, indices in plan.items():
            items = details.slice(indices)
            if items is not None:
                built[transaction_id] = self._transaction(transaction_id, items, provenance)

        results: dict[str, Sequence[Transaction]] = {}
        for ticker, ids in ids_by_ticker.items():
            if not all(tid in built for tid in ids):
                continue
            found = [t for t in (built[tid] for tid in ids) if t is not None]
            found.sort(key=lambda transaction: transaction.announced_on, reverse=True)
            for key in keys[ticker]:
                results[key] = tuple(found)
        return _complete(results, lists.unavailable or details.unavailable)

    async def _fetch(self, requests: list[InputRequest]) -> _Answers:
        try:
            items = await self._client.request(requests)
        except ProviderUnavailable as exc:
            return _Answers(dict(exc.partial), exc)
        return _Answers(dict(enumerate(items)), None)

    def _provenance(self) -> Provenance:
        today = self._client.now().astimezone(_SYDNEY).date()
        return Provenance(DataSource.CAPIQ, today)

    def _period(self, items: Mapping[str, ResultItem | None]) -> FinancialPeriod | None:
        period_date = items[m.PERIOD_DATE]
        fiscal_year_end = parse_date(period_date.value if period_date else None, m.PERIOD_DATE)
        figure = {
            mnemonic: parse_number(item.value if item else None, mnemonic)
            for mnemonic, item in items.items()
            if mnemonic != m.PERIOD_DATE
        }
        revenue = figure[m.REVENUE]
        if fiscal_year_end is None or revenue is None:
            return None

        def reported(mnemonic: str) -> float | None:
            value = figure[mnemonic]
            return None if value is None else value * self._scale

        def money(mnemonic: str) -> float:
            value = reported(mnemonic)
            return 0.0 if value is None else value

        dividends = reported(m.DIVIDENDS_PAID)

        return FinancialPeriod(
            fiscal_year_end=fiscal_year_end,
            revenue=revenue * self._scale,
            ebitda=money(m.EBITDA),
            ebit=money(m.EBIT),
            net_income=money(m.NET_INCOME),
            depreciation_and_amortisation=money(m.DEPRECIATION_AMORTISATION),
            capital_expenditure=abs(money(m.CAPEX)),
            change_in_working_capital=money(m.CHANGE_IN_WORKING_CAPITAL),
            net_debt=money(m.NET_DEBT),
            lease_liabilities=money(m.LEASE_LIABILITIES),
            total_equity=reported(m.TOTAL_EQUITY),
            intangible_assets=reported(m.INTANGIBLE_ASSETS),
            dividends=None if dividends is None else abs(dividends),
        )

    def _transaction(
        self, transaction_id: str, items: list[ResultItem | None], provenance: Provenance
    ) -> Transaction | None:
        text = {
            mnemonic: (item.value if item else None)
            for mnemonic, item in zip(m.TRANSACTION_MNEMONICS, items, strict=True)
        }
        target = text[m.TR_TARGET]
        announced_on = parse_date(text[m.TR_ANNOUNCED], m.TR_ANNOUNCED)
        if not target or announced_on is None:
            return None  # cannot be placed against a valuation without both
        enterprise_value = parse_number(text[m.TR_ENTERPRISE_VALUE], m.TR_ENTERPRISE_VALUE)
        premium = parse_number(text[m.TR_PREMIUM], m.TR_PREMIUM)
        return Transaction(
            id=transaction_id,
            target=target,
            acquirer=text[m.TR_BUYER] or _UNDISCLOSED,
            announced_on=announced_on,
            gics_industry_group=None,
            enterprise_value=None if enterprise_value is None else enterprise_value * self._scale,
            ev_to_ebitda=parse_number(text[m.TR_EV_TO_EBITDA], m.TR_EV_TO_EBITDA),
            ev_to_revenue=parse_number(text[m.TR_EV_TO_REVENUE], m.TR_EV_TO_REVENUE),
            control_premium=None if premium is None else premium / 100,
            status=text[m.TR_STATUS] or _UNKNOWN_STATUS,
            provenance=provenance,
        )


def _keys_by_ticker(tickers: Sequence[str]) -> dict[str, list[str]]:
    """Capital IQ ticker -> the caller's keys for it ("bhp" and "BHP" share one request)."""
    keys: dict[str, list[str]] = {}
    for key in tickers:
        ticker = key.strip().upper()
        if ticker:
            keys.setdefault(ticker, []).append(key)
    return keys


def _identifier(ticker: str) -> str:
    return f"{ticker}{m.EXCHANGE_SUFFIX}"


def _asx_ticker(identifier: str) -> str | None:
    text = identifier.strip().upper()
    if not text.endswith(m.EXCHANGE_SUFFIX):
        return None
    ticker = text.removesuffix(m.EXCHANGE_SUFFIX).strip()
    return ticker or None


def _figures(
    mnemonics: Sequence[str], items: Sequence[ResultItem | None]
) -> dict[str, float | None]:
    return {
        mnemonic: parse_number(item.value if item else None, mnemonic)
        for mnemonic, item in zip(mnemonics, items, strict=True)
    }


def _complete(results: dict[K, V], unavailable: ProviderUnavailable | None) -> dict[K, V]:
    """The results, or ProviderUnavailable carrying them when some requests went unanswered."""
    if unavailable is not None:
        raise ProviderUnavailable(unavailable.message, partial=results, **unavailable.details)
    return results
