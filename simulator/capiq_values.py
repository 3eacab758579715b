"""The value of one Capital IQ request (function, identifier, mnemonic, properties) as strings.

As Capital IQ states them: money and share counts in millions (AUD), prices and ratios as they
are, dates "MM/DD/YYYY", capex and dividends paid negative (outflows); a line the period does not
have is "Data Unavailable".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from providers.capiq import mnemonics as m
from providers.models import FinancialPeriod
from simulator.source import Directory
from simulator.transactions import Deal, TransactionBook

DATA_UNAVAILABLE: Final = "Data Unavailable"
INVALID_IDENTIFIER: Final = "Invalid Identifier"
INVALID_MNEMONIC: Final = "Invalid Mnemonic"
INVALID_FUNCTION: Final = "Invalid Function"
_FISCAL_YEAR: Final = re.compile(r"^IQ_FY(?:-(\d+))?$")
_DEFAULT_END_RANK: Final = 10
MILLIONS: Final = 1_000_000.0


class Lookup:
    """Rows for one request, or an error message (ErrMsg) with no rows."""

    def __init__(self, rows: list[str] | None = None, error: str | None = None) -> None:
        self.rows = rows or []
        self.error = error


class CapiqValues:
    def __init__(self, directory: Directory, transactions: TransactionBook) -> None:
        self._directory = directory
        self._transactions = transactions

    async def lookup(self, request: Mapping[str, Any]) -> Lookup:
        function = str(request.get("function", "")).upper()
        identifier = str(request.get("identifier", "")).strip().upper()
        mnemonic = str(request.get("mnemonic", "")).upper()
        raw_properties = request.get("properties")
        properties = raw_properties if isinstance(raw_properties, dict) else {}
        if function == m.GDSP and identifier.startswith("IQTR"):
            return await self._transaction_point(identifier, mnemonic)
        ticker = _ticker(identifier)
        if ticker is None or await self._directory.company(ticker) is None:
            return Lookup(error=INVALID_IDENTIFIER)
        if function == m.GDSP:
            return await self._company_point(ticker, mnemonic, properties)
        if function == m.GDSHE:
            return await self._company_list(ticker, mnemonic, properties)
        return Lookup(error=INVALID_FUNCTION)

    async def _company_point(
        self, ticker: str, mnemonic: str, properties: Mapping[str, Any]
    ) -> Lookup:
        source = self._directory.source
        if mnemonic in m.MARKET_MNEMONICS:
            market = (await source.market_data([ticker]))[ticker]
            value = {
                m.LAST_PRICE: number(market.price),
                m.SHARES_OUTSTANDING: millions(market.shares_outstanding),
                m.MARKET_CAP: millions(market.market_cap),
                m.ENTERPRISE_VALUE: millions(market.enterprise_value),
                m.BETA: number(market.beta),
            }[mnemonic]
            return Lookup([value])
        if mnemonic in m.FINANCIAL_MNEMONICS:
            periods = (await source.financials([ticker]))[ticker].periods
            back = _years_back(str(properties.get("periodType", "IQ_FY")).upper())
            if back is None or back >= len(periods):
                return Lookup([DATA_UNAVAILABLE])
            return Lookup([financial_value(periods[-1 - back], mnemonic)])
        if mnemonic in m.TRANSACTION_MNEMONICS:
            return Lookup([DATA_UNAVAILABLE])
        return Lookup(error=INVALID_MNEMONIC)

    async def _company_list(
        self, ticker: str, mnemonic: str, properties: Mapping[str, Any]
    ) -> Lookup:
        start, end = _ranks(properties)
        if mnemonic == m.QUICK_COMPARABLES:
            peers = (await self._directory.source.peer_candidates([ticker], end))[ticker]
            return Lookup([f"{p.ticker}{m.EXCHANGE_SUFFIX}" for p in peers][start - 1 : end])
        if mnemonic == m.TRANSACTION_LIST:
            ids = await self._transactions.ids_for(ticker) or []
            return Lookup(ids[start - 1 : end])
        return Lookup(error=INVALID_MNEMONIC)

    async def _transaction_point(self, identifier: str, mnemonic: str) -> Lookup:
        deal = await self._transactions.deal(identifier)
        if deal is None:
            return Lookup(error=INVALID_IDENTIFIER)
        if mnemonic not in m.TRANSACTION_MNEMONICS:
            return Lookup([DATA_UNAVAILABLE])
        return Lookup([transaction_value(deal, mnemonic)])


def financial_value(period: FinancialPeriod, mnemonic: str) -> str:
    if mnemonic == m.PERIOD_DATE:
        return f"{period.fiscal_year_end:%m/%d/%Y}"
    value = {
        m.REVENUE: period.revenue,
        m.EBITDA: period.ebitda,
        m.EBIT: period.ebit,
        m.NET_INCOME: period.net_income,
        m.DEPRECIATION_AMORTISATION: period.depreciation_and_amortisation,
        m.CAPEX: -period.capital_expenditure,
        m.CHANGE_IN_WORKING_CAPITAL: period.change_in_working_capital,
        m.NET_DEBT: period.net_debt,
        m.LEASE_LIABILITIES: period.lease_liabilities,
        m.TOTAL_EQUITY: period.total_equity,
        m.INTANGIBLE_ASSETS: period.intangible_assets,
        # A cash outflow, published negative like capex; `0.0 - x` keeps a nil dividend "0".
        m.DIVIDENDS_PAID: None if period.dividends is None else 0.0 - period.dividends,
    }[mnemonic]
    return millions(value)


def transaction_value(deal: Deal, mnemonic: str) -> str:
    values: dict[str, str] = {
        m.TR_TARGET: deal.target,
        m.TR_BUYER: deal.buyer,
        m.TR_ANNOUNCED: f"{deal.announced:%m/%d/%Y}",
        m.TR_STATUS: deal.status,
        m.TR_ENTERPRISE_VALUE: millions(deal.enterprise_value),
        m.TR_EV_TO_EBITDA: number(deal.ev_to_ebitda),
        m.TR_EV_TO_REVENUE: number(deal.ev_to_revenue),
        m.TR_PREMIUM: f"{deal.premium_percent:.1f}",
    }
    return values[mnemonic]


def number(value: float | None) -> str:
    return DATA_UNAVAILABLE if value is None else f"{value:.6f}"


def millions(value: float | None) -> str:
    """Whole units as millions, with enough places to give every unit back."""
    return DATA_UNAVAILABLE if value is None else f"{value / MILLIONS:.9f}"


def _ticker(identifier: str) -> str | None:
    ticker, _, exchange = identifier.partition(":")
    return ticker if ticker and exchange == m.EXCHANGE_SUFFIX.lstrip(":") else None


def _years_back(period_type: str) -> int | None:
    if period_type == "IQ_LTM":
        return 0
    match = _FISCAL_YEAR.match(period_type)
    return int(match.group(1) or 0) if match else None


def _ranks(properties: Mapping[str, Any]) -> tuple[int, int]:
    try:
        start = max(int(properties.get("startRank", 1)), 1)
        end = int(properties.get("endRank", _DEFAULT_END_RANK))
    except (TypeError, ValueError):
        return 1, _DEFAULT_END_RANK
    return start, max(end, start - 1)
