"""One DCF valuation as practitioners make it: dated fiscal years, a stub and the mid-year
convention (`valuation.dcf_timing`), the key value driver terminal value with an exit-multiple
cross-check (`valuation.terminal_value`), its sensitivity grid, and a forecast projected from
history when none is given. `simulate_dcf` in `valuation.monte_carlo` draws on the same model.

`DcfForecast.free_cash_flows` are full-year FCFF amounts, one per fiscal year end given to
`dcf_schedule`: the years the schedule drops are skipped, and only the stub's fraction of the
first remaining year counts. The WACC is the rate, since FCFF belongs to debt and equity alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import ArrayLike

from providers.models import FinancialPeriod
from valuation.dcf import (
    TERMINAL_SHARE_WARNING,
    FloatArray,
    cash_flow_vector,
    project_cash_flows,
)
from valuation.dcf_timing import DcfSchedule, add_years
from valuation.errors import ValuationInputError
from valuation.terminal_value import (
    check_ronic,
    exit_multiple_terminal_value,
    implied_terminal_growth,
    value_driver_terminal_value,
    value_driver_terminal_values,
)

# Fewer explicit years and the value is almost all terminal value, on an unsteady final year.
MINIMUM_FORECAST_YEARS = 3
VALUE_DRIVER = "value driver"
# Stable warning codes of `value_dcf`, in the order they are reported.
FEW_FORECAST_YEARS = "FEW_FORECAST_YEARS"
GROWTH_ABOVE_RISK_FREE = "GROWTH_ABOVE_RISK_FREE"
NEGATIVE_FINAL_CASH_FLOW = "NEGATIVE_FINAL_CASH_FLOW"
NEGATIVE_TERMINAL_VALUE = "NEGATIVE_TERMINAL_VALUE"
VALUE_DESTROYING_GROWTH = "VALUE_DESTROYING_GROWTH"
TERMINAL_VALUE_DOMINANT = "TERMINAL_VALUE_DOMINANT"


@dataclass(frozen=True, slots=True)
class DcfForecast:
    """The forecast a DCF values: FCFF per fiscal year (full-year amounts, one per fiscal year end
    given to `dcf_schedule`; an array is accepted and stored as a tuple), and the final year's
    EBIT, EBITDA and tax rate for the terminal value."""

    free_cash_flows: tuple[float, ...]
    final_ebit: float
    final_ebitda: float
    tax_rate: float

    def __post_init__(self) -> None:
        flows = cash_flow_vector(self.free_cash_flows)
        object.__setattr__(self, "free_cash_flows", tuple(float(x) for x in flows))
        if not (math.isfinite(self.final_ebit) and math.isfinite(self.final_ebitda)):
            raise ValuationInputError("final_ebit and final_ebitda must be finite numbers.")
        if not 0 <= self.tax_rate < 1:
            raise ValuationInputError("tax_rate must be a fraction in [0, 1).")


@dataclass(frozen=True, slots=True)
class ExitMultipleCheck:
    """The exit-multiple cross-check: TV = EBITDA_N x multiple (less the leases the multiple's EV
    counts and the DCF's does not) at the end of year N, the EV it gives, and the perpetual growth
    at which the value-driver TV has the same present value (same RONIC; None where none
    exists)."""

    exit_multiple: float
    terminal_value: float
    enterprise_value: float
    implied_growth: float | None


@dataclass(frozen=True, slots=True)
class DcfValuation:
    """One DCF valuation. `terminal_value` is the value-driver TV at the schedule's
    `terminal_time`; `implied_exit_multiple` is that TV carried to the end of year N (the exit
    multiple's date, plus any leases outside the EV) over EBITDA_N, None when EBITDA_N is not
    positive. `warning_codes` are
    stable codes in the order of `warnings`."""

    present_value_of_cash_flows: float
    terminal_value: float
    present_value_of_terminal_value: float
    enterprise_value: float
    terminal_value_share: float | None  # PV of TV / EV; None with EV <= 0
    terminal_method: str
    ronic: float
    exit_multiple_check: ExitMultipleCheck | None
    implied_exit_multiple: float | None
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]


def value_dcf(
    forecast: DcfForecast,
    schedule: DcfSchedule,
    discount_rate: float,
    terminal_growth: float,
    *,
    ronic: float | None = None,
    exit_multiple: float | None = None,
    exit_lease_liabilities: float = 0.0,
    risk_free_rate: float | None = None,
) -> DcfValuation:
    """Enterprise value: the remaining FCFF (the stub's fraction of year 1) discounted at the
    schedule's times, plus the value-driver TV at its `terminal_time`. `ronic` None: RONIC =
    `discount_rate`. `exit_multiple` adds the cross-check; `risk_free_rate` enables the warning
    on growth above it.

    `exit_lease_liabilities` are leases that the exit multiple's EV counts as debt and this EV
    does not: a post-AASB 16 EV/EBITDA prices an EV with leases, while FCFF measured before
    AASB 16 already pays them. The exit value deducts them and the implied exit multiple adds
    them back, so that the cross-check compares on the multiple's basis (`final_ebitda` must be
    on it too)."""
    _check_rate(discount_rate)
    if not math.isfinite(exit_lease_liabilities) or exit_lease_liabilities < 0:
        raise ValuationInputError("exit_lease_liabilities must be a finite amount, at least 0.")
    leases = exit_lease_liabilities
    returns = discount_rate if ronic is None else ronic
    flows = remaining_cash_flows(forecast, schedule)
    terminal = value_driver_terminal_value(
        forecast.final_ebit, forecast.tax_rate, discount_rate, terminal_growth, returns
    )
    compound = 1 + discount_rate
    pv_flows = float(flows @ compound ** -np.asarray(schedule.times))
    pv_terminal = terminal * compound**-schedule.terminal_time
    enterprise = pv_flows + pv_terminal
    share = pv_terminal / enterprise if enterprise > 0 else None
    # The value-driver TV is dated half a year before the exit TV under the mid-year convention.
    to_exit = compound ** (schedule.exit_time - schedule.terminal_time)
    ebitda = forecast.final_ebitda
    check = None
    if exit_multiple is not None:
        exit_terminal = exit_multiple_terminal_value(ebitda, exit_multiple) - leases
        check = ExitMultipleCheck(
            exit_multiple=exit_multiple,
            terminal_value=exit_terminal,
            enterprise_value=pv_flows + exit_terminal * compound**-schedule.exit_time,
            implied_growth=implied_terminal_growth(
                exit_terminal / to_exit,
                forecast.final_ebit,
                forecast.tax_rate,
                discount_rate,
                returns,
            ),
        )
    warnings = [
        *zip(schedule.warning_codes, schedule.warnings, strict=True),
        *_valuation_warnings(
            flows, terminal, share, discount_rate, terminal_growth, returns, risk_free_rate
        ),
    ]
    return DcfValuation(
        present_value_of_cash_flows=pv_flows,
        terminal_value=terminal,
        present_value_of_terminal_value=pv_terminal,
        enterprise_value=enterprise,
        terminal_value_share=share,
        terminal_method=VALUE_DRIVER,
        ronic=returns,
        exit_multiple_check=check,
        implied_exit_multiple=(terminal * to_exit + leases) / ebitda if ebitda > 0 else None,
        warnings=tuple(message for _, message in warnings),
        warning_codes=tuple(code for code, _ in warnings),
    )


def dcf_sensitivity(
    forecast: DcfForecast,
    schedule: DcfSchedule,
    rates: ArrayLike,
    growths: ArrayLike,
    *,
    ronic: float | None = None,
) -> FloatArray:
    """`value_dcf` enterprise values with rows per discount rate and columns per terminal growth;
    NaN where growth is not below the rate. `ronic` None: RONIC = each row's rate."""
    rate_vector = np.atleast_1d(np.asarray(rates, dtype=np.float64))
    growth_vector = np.atleast_1d(np.asarray(growths, dtype=np.float64))
    if rate_vector.ndim != 1 or growth_vector.ndim != 1:
        raise ValuationInputError("rates and growths must be one-dimensional.")
    if not np.all(rate_vector > -1) or not np.all(np.isfinite(growth_vector)):
        raise ValuationInputError("Every rate must be above -100 % and every growth finite.")
    if ronic is not None:
        check_ronic(ronic)
    flows = remaining_cash_flows(forecast, schedule)
    compound = 1 + rate_vector[:, None]
    terminal = value_driver_terminal_values(
        forecast.final_ebit,
        forecast.tax_rate,
        rate_vector[:, None],
        growth_vector[None, :],
        ronic,
    )
    explicit = (compound ** -np.asarray(schedule.times)[None, :]) @ flows
    result: FloatArray = explicit[:, None] + terminal * compound**-schedule.terminal_time
    return result


def projected_forecast(
    history: Sequence[FinancialPeriod], tax_rate: float, years: int = 5
) -> tuple[DcfForecast, tuple[date, ...]]:
    """A `DcfForecast` from `project_cash_flows`, with its fiscal year ends one year apart after
    the latest historical year end (same month and day; a month end stays a month end)."""
    projection = project_cash_flows(history, tax_rate, years)
    final_revenue = projection.revenue[-1]
    forecast = DcfForecast(
        free_cash_flows=projection.free_cash_flow,
        final_ebit=final_revenue * projection.ebit_margin,
        final_ebitda=final_revenue * (projection.ebit_margin + projection.depreciation_to_revenue),
        tax_rate=tax_rate,
    )
    latest = history[-1].fiscal_year_end
    return forecast, tuple(add_years(latest, k) for k in range(1, years + 1))


def remaining_cash_flows(forecast: DcfForecast, schedule: DcfSchedule) -> FloatArray:
    """The FCFF of the schedule's kept years, each times its fraction still to come."""
    expected = len(schedule.dropped) + len(schedule.fiscal_year_ends)
    if len(forecast.free_cash_flows) != expected:
        raise ValuationInputError(
            f"The forecast has {len(forecast.free_cash_flows)} cash flows for {expected} fiscal "
            "years: give one per fiscal year end."
        )
    kept = np.asarray(forecast.free_cash_flows[len(schedule.dropped) :], dtype=np.float64)
    result: FloatArray = kept * np.asarray(schedule.fractions)
    return result


def _check_rate(discount_rate: float) -> None:
    if not math.isfinite(discount_rate) or discount_rate <= -1:
        raise ValuationInputError("discount_rate must be a finite rate above -100 %.")


def _valuation_warnings(
    flows: FloatArray,
    terminal: float,
    share: float | None,
    discount_rate: float,
    growth: float,
    ronic: float,
    risk_free_rate: float | None,
) -> list[tuple[str, str]]:
    warnings: list[tuple[str, str]] = []
    if len(flows) < MINIMUM_FORECAST_YEARS:
        warnings.append(
            (
                FEW_FORECAST_YEARS,
                f"Only {len(flows)} forecast years remain after the valuation date: fewer than "
                f"{MINIMUM_FORECAST_YEARS} leave the value to the terminal value on a final year "
                "that may not be steady.",
            )
        )
    if risk_free_rate is not None and growth > risk_free_rate:
        # Damodaran, Investment Valuation, 3rd ed., ch. 12: a stable growth rate above the
        # risk-free rate implies a company outgrowing the economy for ever.
        warnings.append(
            (
                GROWTH_ABOVE_RISK_FREE,
                f"Terminal growth {growth:.2%} is above the risk-free rate "
                f"{risk_free_rate:.2%}: no company can outgrow the economy for ever.",
            )
        )
    if flows[-1] < 0:
        warnings.append(
            (
                NEGATIVE_FINAL_CASH_FLOW,
                "The final-year cash flow is negative: the forecast has not reached the steady "
                "state the terminal value assumes.",
            )
        )
    if terminal < 0:
        warnings.append(
            (
                NEGATIVE_TERMINAL_VALUE,
                "The terminal value is negative: the final year's EBIT is not positive.",
            )
        )
    if ronic < discount_rate and growth > 0:
        # Koller et al., ch. 14: growth adds value only when new capital earns above its cost.
        warnings.append(
            (
                VALUE_DESTROYING_GROWTH,
                f"RONIC {ronic:.2%} is below the discount rate {discount_rate:.2%} with growth "
                f"{growth:.2%}: the perpetuity's growth destroys value.",
            )
        )
    if share is not None and share > TERMINAL_SHARE_WARNING:
        warnings.append(
            (
                TERMINAL_VALUE_DOMINANT,
                f"The terminal value is {share:.0%} of the enterprise value: the value rests on "
                "the perpetuity assumptions more than on the forecast.",
            )
        )
    return warnings
