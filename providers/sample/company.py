"""One synthetic listed company: its stage, share price, size, beta and statements, drawn once.

Market data, financial statements and filings are all views of this one draw, so they agree
with each other (EV from the statements' net debt, filings from the stage and size).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from providers.models import FinancialPeriod
from providers.sample.balance_sheet import with_balance_sheet
from providers.sample.calibration import IndustryCalibration, calibration_for
from providers.sample.draws import SeededDraws, clip
from providers.sample.statements import TAX_RATE, Stage, five_fiscal_years

__all__ = ["SyntheticCompany", "synthetic_company"]

# Market cap: log-normal around the group's median, tilted by stage, with a fatter right tail
# (split normal). Calibrated so the whole ASX list has a median near A$80m and ~2 % above A$10bn.
_SIGMA_BELOW: Final = 1.35
_SIGMA_ABOVE: Final = 1.85
_MIN_MARKET_CAP: Final = 1.0e6
_MAX_MARKET_CAP: Final = 350.0e9
_STAGE_TILT: Final = {
    Stage.PROFITABLE: 0.75,
    Stage.LOSS_MAKING: -0.25,
    Stage.PRE_REVENUE: -0.35,
}
# Price: penny stocks for micro caps, tens of dollars for large caps (log10 regression on size).
_PRICE_AT_80M_LOG10: Final = -0.55
_PRICE_SLOPE: Final = 0.72
_PRICE_NOISE_LOG10: Final = 0.35
_MIN_PRICE: Final = 0.005
_MAX_PRICE: Final = 150.0
_MIN_BETA: Final = 0.3
_MAX_BETA: Final = 2.5


@dataclass(frozen=True, slots=True)
class SyntheticCompany:
    stage: Stage
    calibration: IndustryCalibration
    price: float
    shares: float
    market_cap: float  # exactly price x shares
    beta: float
    periods: tuple[FinancialPeriod, ...]  # oldest first; the last is FY2025


@lru_cache(maxsize=8192)
def synthetic_company(ticker: str, gics_industry_group: str | None) -> SyntheticCompany:
    """The company behind every synthetic figure of `ticker`; cached, as each view asks for it.

    Stage, size, beta and the balance sheet (equity, intangibles, dividends) come from separate
    draw streams, so each can change without moving the others.
    """
    cal = calibration_for(gics_industry_group)
    stage = _draw_stage(ticker, cal)
    price, shares = _draw_price_and_shares(ticker, cal, stage)
    market_cap = shares * price
    statements = five_fiscal_years(ticker, cal, stage, market_cap)
    beta = _relevered_beta(ticker, cal, market_cap, statements[-1])
    periods = with_balance_sheet(ticker, cal, market_cap, statements)
    return SyntheticCompany(stage, cal, price, shares, market_cap, beta, periods)


def _draw_stage(ticker: str, cal: IndustryCalibration) -> Stage:
    stage_draw = SeededDraws(ticker, "stage").uniform()
    if stage_draw < cal.pre_revenue_share:
        return Stage.PRE_REVENUE
    if stage_draw < cal.pre_revenue_share + cal.loss_making_share:
        return Stage.LOSS_MAKING
    return Stage.PROFITABLE


def _draw_price_and_shares(
    ticker: str, cal: IndustryCalibration, stage: Stage
) -> tuple[float, float]:
    """A target market cap, then a price on the ASX tick grid and the whole shares nearest it."""
    size = SeededDraws(ticker, "size")
    z = size.normal(clip=4.0)
    log_cap = (
        math.log(cal.market_cap_median)
        + _STAGE_TILT[stage]
        + z * (_SIGMA_ABOVE if z > 0 else _SIGMA_BELOW)
    )
    target_cap = clip(math.exp(log_cap), _MIN_MARKET_CAP, _MAX_MARKET_CAP)
    log10_price = (
        _PRICE_AT_80M_LOG10
        + _PRICE_SLOPE * math.log10(target_cap / 80.0e6)
        + size.normal(0.0, _PRICE_NOISE_LOG10)
    )
    price = _tick(clip(10.0**log10_price, _MIN_PRICE, _MAX_PRICE))
    shares = float(max(round(target_cap / price), 1))
    return price, shares


def _tick(price: float) -> float:
    """Round to the ASX price step: 0.1c below 10c, 0.5c below A$2, 1c above."""
    if price < 0.10:
        step, places = 0.001, 3
    elif price < 2.0:
        step, places = 0.005, 3
    else:
        step, places = 0.01, 2
    return round(round(price / step) * step, places)


def _relevered_beta(
    ticker: str, cal: IndustryCalibration, market_cap: float, latest: FinancialPeriod
) -> float:
    """The group's asset beta, jittered, relevered at the company's latest debt / equity."""
    # Hamada: beta_L = beta_U * (1 + (1 - t) * D / E), debt including lease liabilities.
    debt = max(latest.net_debt, 0.0) + latest.lease_liabilities
    asset_beta = SeededDraws(ticker, "beta").lognormal(cal.unlevered_beta, 0.22, clip=2.5)
    levered = asset_beta * (1.0 + (1.0 - TAX_RATE) * debt / market_cap)
    return round(clip(levered, _MIN_BETA, _MAX_BETA), 2)
