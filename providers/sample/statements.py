"""Five synthetic fiscal years of a company's annual statements, shaped by its stage.

The latest year (FY2025) is anchored first, to the market capitalisation the caller drew, and the
earlier years are drawn backwards from it, so the statements agree with the market figures.
Net debt is borrowings less cash and excludes AASB 16 lease liabilities (reported separately).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Final

from providers.models import FinancialPeriod
from providers.sample.calibration import IndustryCalibration
from providers.sample.draws import SeededDraws, clip

__all__ = ["TAX_RATE", "Stage", "five_fiscal_years", "thousands"]

TAX_RATE: Final = 0.30
_FISCAL_YEAR_ENDS: Final = tuple(date(year, 6, 30) for year in range(2021, 2026))
_COST_OF_DEBT: Final = 0.065
_INTEREST_ON_CASH: Final = 0.035
_LEASE_RATE: Final = 0.055


class Stage(Enum):
    """How far a company is from profits; it decides the shape of the statements."""

    PROFITABLE = "profitable"
    LOSS_MAKING = "loss-making"
    PRE_REVENUE = "pre-revenue"


def five_fiscal_years(
    ticker: str, cal: IndustryCalibration, stage: Stage, market_cap: float
) -> tuple[FinancialPeriod, ...]:
    """Five fiscal years, oldest first, built backwards from the latest (FY2025).

    The order of the draws below is part of the output: reordering them changes every figure.
    """
    d = SeededDraws(ticker, "financials")
    n = len(_FISCAL_YEAR_ENDS)
    latest = n - 1

    revenue = [0.0] * (n + 1)  # index 0 is FY2020, only used for the FY2021 working capital
    ebitda = [0.0] * n
    net_debt = [0.0] * n
    nd_ratios = [0.0] * n  # profitable companies: net debt / EBITDA of each year

    if stage is Stage.PROFITABLE:
        nd_ratio = d.uniform(cal.net_debt_to_ebitda_low, cal.net_debt_to_ebitda_high)
        multiple = d.lognormal(cal.ev_ebitda_median, cal.ev_ebitda_sigma, clip=2.5)
        multiple = max(multiple, nd_ratio + 2.0, 2.5)  # keeps EBITDA positive and sane
        # EV = market cap + nd_ratio * EBITDA = multiple * EBITDA
        ebitda[latest] = market_cap / (multiple - nd_ratio)
        net_debt[latest] = nd_ratio * ebitda[latest]
        margin = d.uniform(cal.ebitda_margin_low, cal.ebitda_margin_high)
        revenue[n] = ebitda[latest] / margin
        growth_mean = cal.revenue_growth_mean
        nd_noise = 0.3 * (cal.net_debt_to_ebitda_high - cal.net_debt_to_ebitda_low)
        for t in range(latest):
            nd_ratios[t] = nd_ratio + d.normal(0.0, nd_noise, clip=2.0)
    elif stage is Stage.LOSS_MAKING:
        revenue[n] = market_cap / d.lognormal(cal.loss_maker_price_to_sales, 0.6)
        margin = d.uniform(-0.60, -0.03)
        ebitda[latest] = revenue[n] * margin
        if d.chance(0.2):  # debt-funded loss maker
            net_debt[latest] = revenue[n] * d.uniform(0.1, 0.6)
        else:  # cash from the last raise
            net_debt[latest] = -market_cap * d.uniform(0.05, 0.35)
        growth_mean = cal.revenue_growth_mean + 0.10
    else:
        # Explorers and clinical-stage biotechs: zero or tiny (interest, grants, other) revenue.
        revenue[n] = 0.0 if d.chance(0.45) else min(market_cap * d.uniform(0.0, 0.01), 0.5e6)
        margin = 0.0
        ebitda[latest] = -(d.uniform(0.3e6, 1.0e6) + market_cap * d.uniform(0.03, 0.15))
        net_debt[latest] = -market_cap * d.uniform(0.05, 0.40)
        growth_mean = 0.0

    # Revenue history, backwards (revenue[t + 1] is fiscal year t; revenue[0] is FY2020).
    for t in range(n, 0, -1):
        if stage is Stage.PRE_REVENUE:
            revenue[t - 1] = revenue[t] * d.uniform(0.0, 1.5)
        else:
            growth = clip(d.normal(growth_mean, cal.revenue_growth_vol), -0.5, 1.5)
            revenue[t - 1] = revenue[t] / (1.0 + growth)

    da_ratio = cal.da_to_revenue * d.lognormal(1.0, 0.25, clip=2.0)
    capex_ratio = cal.capex_to_revenue * d.lognormal(1.0, 0.35, clip=2.0)
    lease_ratio = cal.lease_liabilities_to_revenue * d.lognormal(1.0, 0.3, clip=2.0)
    pre_revenue_da = market_cap * d.uniform(0.001, 0.01)
    pre_revenue_capex = market_cap * (d.uniform(0.02, 0.15) if cal.mining else d.uniform(0.0, 0.02))
    pre_revenue_lease = d.uniform(0.0, 0.3e6) if d.chance(0.5) else 0.0

    periods: list[FinancialPeriod] = []
    for t, year_end in enumerate(_FISCAL_YEAR_ENDS):
        rev = revenue[t + 1]
        if stage is Stage.PROFITABLE:
            if t != latest:
                ebitda[t] = rev * margin * d.lognormal(1.0, 0.12, clip=2.5)
                net_debt[t] = nd_ratios[t] * ebitda[t]
        elif stage is Stage.LOSS_MAKING:
            if t != latest:
                ebitda[t] = rev * margin * d.lognormal(1.0, 0.3, clip=2.5)
                net_debt[t] = net_debt[latest] * d.lognormal(1.0, 0.4, clip=2.5)
        elif t != latest:
            ebitda[t] = ebitda[latest] * d.lognormal(1.0, 0.3, clip=2.5)
            net_debt[t] = net_debt[latest] * d.lognormal(1.0, 0.5, clip=2.5)

        if stage is Stage.PRE_REVENUE:
            da = pre_revenue_da * d.lognormal(1.0, 0.2)
            capex = pre_revenue_capex * d.lognormal(1.0, 0.4)
            leases = pre_revenue_lease * d.uniform(0.6, 1.2)
            delta_wc = d.normal(0.0, 0.02) * abs(ebitda[t])
        else:
            da = rev * da_ratio * d.lognormal(1.0, 0.1)
            capex = rev * capex_ratio * d.lognormal(1.0, 0.25)
            leases = rev * lease_ratio * d.lognormal(1.0, 0.1)
            delta_wc = cal.working_capital_to_revenue * (rev - revenue[t]) + rev * d.normal(
                0.0, 0.01
            )

        periods.append(_period(year_end, rev, ebitda[t], da, capex, delta_wc, net_debt[t], leases))
    return tuple(periods)


def thousands(value: float) -> float:
    """Round AUD to the nearest thousand, as annual reports present them ($'000)."""
    return float(round(value / 1000.0) * 1000)


def _period(
    year_end: date,
    revenue: float,
    ebitda: float,
    da: float,
    capex: float,
    delta_wc: float,
    net_debt: float,
    leases: float,
) -> FinancialPeriod:
    """One year's lines in A$1,000, with EBIT, interest and tax derived from the rounded lines.

    Deriving from the rounded figures keeps EBIT = EBITDA - D&A exact in the published numbers.
    """
    ebitda_k = thousands(ebitda)
    da_k = thousands(max(da, 0.0))
    net_debt_k = thousands(net_debt)
    leases_k = thousands(max(leases, 0.0))
    ebit_k = ebitda_k - da_k
    interest = (
        _COST_OF_DEBT * max(net_debt_k, 0.0)
        - _INTEREST_ON_CASH * max(-net_debt_k, 0.0)
        + _LEASE_RATE * leases_k
    )
    pre_tax = ebit_k - interest
    # Tax losses are not recognised as deferred tax assets: no tax credit on a loss.
    net_income = pre_tax * (1.0 - TAX_RATE) if pre_tax > 0 else pre_tax
    return FinancialPeriod(
        fiscal_year_end=year_end,
        revenue=thousands(revenue),
        ebitda=ebitda_k,
        ebit=ebit_k,
        net_income=thousands(net_income),
        depreciation_and_amortisation=da_k,
        capital_expenditure=thousands(max(capex, 0.0)),
        change_in_working_capital=thousands(delta_wc),
        net_debt=net_debt_k,
        lease_liabilities=leases_k,
    )
