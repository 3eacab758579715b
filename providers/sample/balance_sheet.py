"""Book equity, intangible assets and dividends for a synthetic company's five fiscal years.

Drawn from a stream of their own (`SeededDraws(ticker, "balance")`), after the statements, so that
adding them moved none of the figures drawn before (revenue, EBITDA, net debt, price, beta ...).

Coherence, not precision:

* FY2025 book equity: a price-to-book and a return on equity are drawn in the industry's ranges.
  Net income and market capitalisation are already fixed by the statements, and P/B = ROE x P/E,
  so the two draws give two equities (market cap / P/B, net income / ROE); a company with a
  profit takes their geometric mean, then the nearest equity whose ROE is in the industry's range,
  but never so far that P/B leaves its own range by more than `_PB_STRETCH`. A company without a
  profit takes market cap / P/B.
  Damodaran, *Investment Valuation*, 3rd ed. (Wiley, 2012), chapter "Book Value Multiples": P/BV
  is driven by ROE (for a stable firm P/BV = ROE x payout x (1 + g) / (r - g)), so a high-P/B group
  (software) must be a high-ROE one, and a bank near book earns near its cost of equity.
* A company without a profit holds at least its net cash as equity (cash less borrowings is part
  of its net assets).
* Earlier years follow the clean-surplus relation backwards (Ohlson, "Earnings, Book Values, and
  Dividends in Equity Valuation", Contemporary Accounting Research 11(2), 1995): opening equity =
  closing - net income + dividends. A loss is taken to have been funded by shares issued in the
  year (80-150 % of the loss), and opening equity is at least half the closing (the rest issued).
* Intangibles are a drawn share of each year's equity, so net tangible assets stay positive.
* Dividends are a drawn payout ratio of each year's net income, nil in a year without a profit.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Final

from providers.models import FinancialPeriod
from providers.sample.calibration import IndustryCalibration
from providers.sample.draws import SeededDraws, clip
from providers.sample.statements import thousands

__all__ = ["with_balance_sheet"]

# How far P/B may leave the industry's range to keep the return on equity in its own.
_PB_STRETCH: Final = 1.5
_ISSUED_FOR_LOSSES: Final = (0.8, 1.5)  # shares issued in a loss year, times the loss
_MIN_OPENING_SHARE: Final = 0.5  # opening equity is at least this share of the closing


def with_balance_sheet(
    ticker: str, cal: IndustryCalibration, market_cap: float, periods: tuple[FinancialPeriod, ...]
) -> tuple[FinancialPeriod, ...]:
    """`periods` (oldest first, the last FY2025) with equity, intangibles and dividends set.

    The order and the number of the draws below are part of the output.
    """
    d = SeededDraws(ticker, "balance")
    price_to_book = d.uniform(cal.price_to_book_low, cal.price_to_book_high)
    return_on_equity = d.uniform(cal.return_on_equity_low, cal.return_on_equity_high)
    intangible_share = d.uniform(cal.intangibles_to_equity_low, cal.intangibles_to_equity_high)
    payout = d.uniform(cal.payout_low, cal.payout_high)
    issued_for_losses = [d.uniform(*_ISSUED_FOR_LOSSES) for _ in periods]

    dividends = [payout * max(period.net_income, 0.0) for period in periods]
    equity = [0.0] * len(periods)
    equity[-1] = _latest_equity(cal, market_cap, price_to_book, return_on_equity, periods[-1])
    for t in range(len(periods) - 1, 0, -1):
        net_income = periods[t].net_income
        opening = equity[t] - net_income + dividends[t]
        if net_income < 0:
            opening -= -net_income * issued_for_losses[t]
        equity[t - 1] = max(opening, _MIN_OPENING_SHARE * equity[t])

    return tuple(
        replace(
            period,
            total_equity=thousands(equity[t]),
            intangible_assets=thousands(intangible_share * equity[t]),
            dividends=thousands(dividends[t]),
        )
        for t, period in enumerate(periods)
    )


def _latest_equity(
    cal: IndustryCalibration,
    market_cap: float,
    price_to_book: float,
    return_on_equity: float,
    latest: FinancialPeriod,
) -> float:
    equity = market_cap / price_to_book
    if latest.net_income > 0:
        equity = clip(
            math.sqrt(equity * latest.net_income / return_on_equity),
            latest.net_income / cal.return_on_equity_high,
            latest.net_income / cal.return_on_equity_low,
        )
        return clip(
            equity,
            market_cap / (cal.price_to_book_high * _PB_STRETCH),
            market_cap / (cal.price_to_book_low / _PB_STRETCH),
        )
    return max(equity, -latest.net_debt)
