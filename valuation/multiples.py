"""Trading multiples of one company from its market data and latest fiscal year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from providers.models import FinancialStatements, MarketData


@dataclass(frozen=True, slots=True)
class TradingMultiples:
    """Multiples on the latest fiscal year; `None` where the denominator is not positive, because a
    multiple of a loss says nothing about value."""

    ev_to_ebitda: float | None
    ev_to_revenue: float | None
    ev_to_ebit: float | None
    price_to_earnings: float | None
    fiscal_year_end: date | None


def ratio(numerator: float | None, denominator: float) -> float | None:
    return numerator / denominator if numerator is not None and denominator > 0 else None


def trading_multiples(market: MarketData, statements: FinancialStatements) -> TradingMultiples:
    latest = statements.latest
    if latest is None:
        return TradingMultiples(None, None, None, None, None)
    ev = market.enterprise_value
    return TradingMultiples(
        ev_to_ebitda=ratio(ev, latest.ebitda),
        ev_to_revenue=ratio(ev, latest.revenue),
        ev_to_ebit=ratio(ev, latest.ebit),
        price_to_earnings=ratio(market.market_cap, latest.net_income),
        fiscal_year_end=latest.fiscal_year_end,
    )
