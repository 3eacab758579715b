"""Discounted cash flow: free cash flow to the firm, its present value and its terminal value.

The WACC is the rate throughout, since FCFF belongs to debt and equity alike.

`discount_cash_flows` is the simple model of the what-if scenario: one undated flow per year and a
Gordon terminal value on the last FCFF, discounted on `valuation.dcf_timing`'s undated schedule
(year-end or mid-year), the conventions the engine's DCF uses. `valuation.dcf_valuation` values as
practitioners do (a valuation date, a stub, the mid-year convention, the value-driver terminal
value); it reuses the FCFF and the projection here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from providers.models import FinancialPeriod
from valuation.dcf_timing import undated_schedule
from valuation.errors import ValuationInputError

# The Gordon condition lives with the terminal values; it is re-exported for existing callers.
from valuation.terminal_value import check_growth_below_rate as check_growth_below_rate

FloatArray = NDArray[np.float64]

# Past this share the value rests mostly on the perpetuity assumption, not on the forecast.
TERMINAL_SHARE_WARNING = 0.75
# Revenue growth for projections: a young company's recent CAGR is not a five-year forecast.
PROJECTION_GROWTH_RANGE = (-0.05, 0.15)


@dataclass(frozen=True, slots=True)
class DcfValue:
    """An enterprise value and its parts; the terminal fields are None without terminal growth."""

    present_value_of_cash_flows: float
    terminal_value: float | None  # at the schedule's terminal time: N, or N - 0.5 at mid-year
    present_value_of_terminal_value: float | None
    enterprise_value: float
    terminal_value_share: float | None  # PV of TV / EV; None without a TV or with EV <= 0
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CashFlowProjection:
    """FCFF for years 1..N projected from history, with the assumptions used."""

    revenue: tuple[float, ...]
    free_cash_flow: tuple[float, ...]
    revenue_growth: float
    ebit_margin: float
    depreciation_to_revenue: float
    capex_to_revenue: float
    working_capital_to_revenue: float


@overload
def free_cash_flow_to_firm(
    ebit: float,
    tax_rate: float,
    depreciation_and_amortisation: float,
    capital_expenditure: float,
    change_in_working_capital: float,
) -> float: ...
@overload
def free_cash_flow_to_firm(
    ebit: ArrayLike,
    tax_rate: float,
    depreciation_and_amortisation: ArrayLike,
    capital_expenditure: ArrayLike,
    change_in_working_capital: ArrayLike,
) -> FloatArray: ...
def free_cash_flow_to_firm(
    ebit: ArrayLike,
    tax_rate: float,
    depreciation_and_amortisation: ArrayLike,
    capital_expenditure: ArrayLike,
    change_in_working_capital: ArrayLike,
) -> float | FloatArray:
    """FCFF = EBIT (1 - t) + D&A - capex - ΔWC, element-wise.

    Capex is a positive outflow and a positive ΔWC is an investment, as in `FinancialPeriod`. Tax
    is on EBIT (unlevered), since the interest tax shield is already in the after-tax cost of debt.
    """
    fcff = (
        np.asarray(ebit, dtype=np.float64) * (1 - tax_rate)
        + np.asarray(depreciation_and_amortisation, dtype=np.float64)
        - np.asarray(capital_expenditure, dtype=np.float64)
        - np.asarray(change_in_working_capital, dtype=np.float64)
    )
    return float(fcff) if fcff.ndim == 0 else fcff


def discount_cash_flows(
    cash_flows: ArrayLike,
    discount_rate: float,
    terminal_growth: float | None = None,
    *,
    mid_year: bool = False,
) -> DcfValue:
    """Present value at `discount_rate` of one cash flow per year from the valuation date, each
    at its year's end (`mid_year`: its middle), plus a Gordon terminal value CF_N (1 + g) / (r - g)
    when `terminal_growth` is given, dated as `undated_schedule` dates a perpetuity."""
    flows = cash_flow_vector(cash_flows)
    if not math.isfinite(discount_rate) or discount_rate <= -1:
        raise ValuationInputError("discount_rate must be a finite rate above -100 %.")
    schedule = undated_schedule(len(flows), mid_year)
    compound = 1 + discount_rate
    pv_flows = float(flows @ compound ** -np.asarray(schedule.times))
    if terminal_growth is None:
        return DcfValue(pv_flows, None, None, pv_flows, None, ())
    check_growth_below_rate(terminal_growth, discount_rate)
    terminal = float(flows[-1] * (1 + terminal_growth) / (discount_rate - terminal_growth))
    pv_terminal = terminal * compound**-schedule.terminal_time
    enterprise = pv_flows + pv_terminal
    share = pv_terminal / enterprise if enterprise > 0 else None
    warnings = []
    if share is not None and share > TERMINAL_SHARE_WARNING:
        warnings.append(
            f"The terminal value is {share:.0%} of the enterprise value: the value rests on the "
            "perpetuity assumptions more than on the forecast."
        )
    if flows[-1] < 0:
        warnings.append("The final-year cash flow is negative, so the terminal value is too.")
    return DcfValue(pv_flows, terminal, pv_terminal, enterprise, share, tuple(warnings))


def project_cash_flows(
    history: Sequence[FinancialPeriod], tax_rate: float, years: int = 5
) -> CashFlowProjection:
    """Project FCFF for `years` when no forecast is given.

    Revenue grows from the latest year at the historical revenue CAGR, clipped to
    `PROJECTION_GROWTH_RANGE` (0 with a single year of history). The EBIT margin and D&A, capex
    and ΔWC as shares of revenue stay at their historical medians, the median so that one unusual
    year does not set the forecast. `history` is oldest first, as in `FinancialStatements`.
    """
    if not history:
        raise ValuationInputError("Projecting cash flows needs at least one historical period.")
    if years < 1:
        raise ValuationInputError("years must be at least 1.")
    revenue = np.array([p.revenue for p in history], dtype=np.float64)
    if np.any(revenue <= 0):
        raise ValuationInputError("Every historical period needs positive revenue to project.")
    periods = len(history) - 1
    cagr = (revenue[-1] / revenue[0]) ** (1 / periods) - 1 if periods else 0.0
    growth = float(np.clip(cagr, *PROJECTION_GROWTH_RANGE))

    def median_share(values: list[float]) -> float:
        return float(np.median(np.asarray(values) / revenue))

    margin = median_share([p.ebit for p in history])
    da = median_share([p.depreciation_and_amortisation for p in history])
    capex = median_share([p.capital_expenditure for p in history])
    wc = median_share([p.change_in_working_capital for p in history])
    projected = revenue[-1] * (1 + growth) ** np.arange(1, years + 1)
    fcff = free_cash_flow_to_firm(
        projected * margin, tax_rate, projected * da, projected * capex, projected * wc
    )
    return CashFlowProjection(
        revenue=tuple(float(x) for x in projected),
        free_cash_flow=tuple(float(x) for x in fcff),
        revenue_growth=growth,
        ebit_margin=margin,
        depreciation_to_revenue=da,
        capex_to_revenue=capex,
        working_capital_to_revenue=wc,
    )


def cash_flow_vector(cash_flows: ArrayLike) -> FloatArray:
    """Cash flows for years 1..N as a checked one-dimensional float array."""
    flows = np.asarray(cash_flows, dtype=np.float64)
    if flows.ndim != 1 or flows.size == 0:
        raise ValuationInputError("Cash flows must be a non-empty sequence, one per year.")
    if not np.all(np.isfinite(flows)):
        raise ValuationInputError("Cash flows must be finite numbers.")
    return flows
