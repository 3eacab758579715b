"""Trading multiples of one company from its market data and latest fiscal year, on the
post-AASB 16 basis (valuation/lease_basis.py): EV counts lease liabilities as debt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from providers.models import FinancialStatements, MarketData
from valuation.lease_basis import peer_enterprise_value, reports_post_aasb16


@dataclass(frozen=True, slots=True)
class TradingMultiples:
    """Multiples on one fiscal year; `None` where the denominator is not positive, because a
    multiple of a loss says nothing about value. `dividend_yield` is the cash yield (dividends
    over market capitalisation); `return_on_equity` is NPAT over book equity."""

    ev_to_ebitda: float | None
    ev_to_revenue: float | None
    ev_to_ebit: float | None
    price_to_earnings: float | None
    fiscal_year_end: date | None
    price_to_book: float | None = None
    price_to_nta: float | None = None
    dividend_yield: float | None = None
    return_on_equity: float | None = None
    post_aasb16: bool = True  # False: EBITDA measured before AASB 16 (see lease_basis.py)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def trading_multiples(market: MarketData, statements: FinancialStatements) -> TradingMultiples:
    latest = statements.latest
    if latest is None:
        return TradingMultiples(None, None, None, None, None)
    ev = peer_enterprise_value(
        market.enterprise_value, latest.lease_liabilities, market.enterprise_value_includes_leases
    )
    book = latest.total_equity
    tangible = None if book is None else book - (latest.intangible_assets or 0.0)
    dividends = latest.dividends
    return TradingMultiples(
        ev_to_ebitda=ratio(ev, latest.ebitda),
        ev_to_revenue=ratio(ev, latest.revenue),
        ev_to_ebit=ratio(ev, latest.ebit),
        price_to_earnings=ratio(market.market_cap, latest.net_income),
        fiscal_year_end=latest.fiscal_year_end,
        price_to_book=ratio(market.market_cap, book),
        price_to_nta=ratio(market.market_cap, tangible),
        dividend_yield=ratio(dividends, market.market_cap) if dividends else None,
        return_on_equity=ratio(latest.net_income, book),
        post_aasb16=reports_post_aasb16(latest.fiscal_year_end),
    )
