"""The terminal (continuing) value: the value-driver formula and the exit-multiple cross-check.

Value driver (Koller, Goedhart and Wessels, Valuation, 7th ed., 2020, ch. 14 "Estimating
Continuing Value", the key value driver formula):

    TV_N = NOPAT_{N+1} (1 - g / RONIC) / (WACC - g),   NOPAT_{N+1} = EBIT_N (1 + g) (1 - t)

Growth g needs net investment g / RONIC of each year's NOPAT, so the free cash flow of the
perpetuity is NOPAT less that reinvestment; unlike Gordon on the last forecast FCFF, the value
does not inherit a final year's unusually high or low investment. With RONIC = WACC new
investment earns its cost of capital and adds no value: TV = NOPAT_{N+1} / WACC whatever g. As
RONIC grows without bound the reinvestment vanishes and TV tends to Gordon on NOPAT.

Exit multiple: TV_exit = EBITDA_N x multiple (e.g. the peers' median EV/EBITDA), a price at the
end of year N. It is a cross-check, not the method: a multiple imports today's market pricing
into the perpetuity (Koller et al., ch. 14, on multiples as continuing values).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from valuation.errors import ValuationInputError

FloatArray = NDArray[np.float64]


def value_driver_terminal_value(
    final_ebit: float,
    tax_rate: float,
    discount_rate: float,
    terminal_growth: float,
    ronic: float | None = None,
) -> float:
    """TV at the end of the explicit forecast (one period before the perpetuity's first flow) by
    the key value driver formula; `ronic` None means RONIC = `discount_rate`. `ronic` may be
    `math.inf`: no reinvestment, Gordon on NOPAT."""
    check_growth_below_rate(terminal_growth, discount_rate)
    returns = discount_rate if ronic is None else ronic
    check_ronic(returns)
    nopat = next_year_nopat(final_ebit, tax_rate, terminal_growth)
    return nopat * (1 - terminal_growth / returns) / (discount_rate - terminal_growth)


def value_driver_terminal_values(
    final_ebit: float,
    tax_rate: float,
    discount_rates: FloatArray,
    terminal_growths: FloatArray,
    ronic: float | None = None,
) -> FloatArray:
    """The same formula over arrays that broadcast together (a grid, or one entry per draw);
    NaN where growth is not below the rate. `ronic` None: RONIC = each rate."""
    returns = discount_rates if ronic is None else ronic
    spread = discount_rates - terminal_growths
    nopat = final_ebit * (1 + terminal_growths) * (1 - tax_rate)
    numerator = np.broadcast_to(nopat * (1 - terminal_growths / returns), spread.shape)
    result: FloatArray = np.divide(
        numerator, spread, out=np.full(spread.shape, np.nan), where=spread > 0
    )
    return result


def next_year_nopat(final_ebit: float, tax_rate: float, terminal_growth: float) -> float:
    """NOPAT_{N+1} = EBIT_N (1 + g)(1 - t): the first year of the perpetuity, taxed unlevered."""
    return final_ebit * (1 + terminal_growth) * (1 - tax_rate)


def exit_multiple_terminal_value(final_ebitda: float, exit_multiple: float) -> float:
    """TV_exit = EBITDA_N x multiple, at the end of year N."""
    if not math.isfinite(exit_multiple) or exit_multiple <= 0:
        raise ValuationInputError("exit_multiple must be a positive finite number.")
    return final_ebitda * exit_multiple


def implied_terminal_growth(
    terminal_value: float,
    final_ebit: float,
    tax_rate: float,
    discount_rate: float,
    ronic: float | None = None,
) -> float | None:
    """The perpetual growth g at which the value-driver formula gives `terminal_value` (dated as
    the value-driver TV is), with the same RONIC (None: RONIC = `discount_rate`).

    With n = EBIT_N (1 - t), W the rate and R the RONIC, TV (W - g) = n (1 + g)(1 - g / R) is
    the quadratic (n / R) g^2 + (n / R - n - TV) g + (TV W - n) = 0 (linear when R is infinite).
    For TV > 0 and n > 0 it is positive at g = -1; when R > W it is negative at g = W, so exactly
    one root lies in (-1, W). When R = W the other root is W itself (TV = n (1 + g) / W there);
    when R < W (growth destroys value) TV first rises then falls with g and two roots may lie in
    (-1, W): the one nearer zero is taken, the more plausible long-run growth. None when TV or
    NOPAT is not positive, or no root lies in (-1, W).
    """
    returns = discount_rate if ronic is None else ronic
    check_ronic(returns)
    nopat = final_ebit * (1 - tax_rate)
    if terminal_value <= 0 or nopat <= 0:
        return None
    a = nopat / returns
    b = a - nopat - terminal_value
    c = terminal_value * discount_rate - nopat
    if a == 0:
        roots = [-c / b]
    else:
        discriminant = b * b - 4 * a * c
        if discriminant < 0:
            return None
        # The stable form: no cancellation between -b and the root of the discriminant.
        q = -(b + math.copysign(math.sqrt(discriminant), b)) / 2
        roots = [q / a, c / q] if q != 0 else [-b / (2 * a)]
    # A root within rounding of W is the spurious g = W of RONIC = W.
    tolerance = 1e-9
    valid = [g for g in roots if -1 < g < discount_rate - tolerance]
    return min(valid, key=abs) if valid else None


def check_ronic(ronic: float) -> None:
    """The reinvestment rate g / RONIC needs a positive return on new capital."""
    if math.isnan(ronic) or ronic <= 0:
        raise ValuationInputError(
            "ronic must be a positive return (math.inf: growth needs no new investment)."
        )


def check_growth_below_rate(terminal_growth: float, discount_rate: float) -> None:
    """Gordon growth has a finite value only for g < r."""
    if not math.isfinite(terminal_growth):
        raise ValuationInputError("terminal_growth must be a finite number.")
    if terminal_growth >= discount_rate:
        raise ValuationInputError(
            f"Terminal growth {terminal_growth:.2%} must be below the discount rate "
            f"{discount_rate:.2%}: a perpetuity growing at least as fast as it is discounted "
            "has no finite value."
        )
