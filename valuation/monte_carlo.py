"""Monte Carlo over the DCF: the spread of enterprise value from uncertain rate, growth and level.

All draws are evaluated at once as arrays (one row per draw), so 10,000 draws cost about as much
as a few small matrix products. `simulate_dcf` draws over `value_dcf` (dated schedule, stub,
mid-year convention, value-driver terminal value), the engine's DCF; `dcf_draws` gives its draws
themselves, for a histogram.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from valuation.dcf import FloatArray
from valuation.dcf_timing import DcfSchedule
from valuation.dcf_valuation import DcfForecast, remaining_cash_flows
from valuation.errors import ValuationInputError
from valuation.terminal_value import (
    check_growth_below_rate,
    check_ronic,
    value_driver_terminal_values,
)

# A fixed default seed so that the same inputs give the same report every time they are run.
DEFAULT_SEED = 20_240_701
# The default spreads: the rate's and growth's standard deviations, and the level's log-sd.
RATE_SD = 0.01
GROWTH_SD = 0.005
LEVEL_SD = 0.10


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    """Percentiles and mean of the enterprise value over the draws that had a finite value."""

    p10: float
    p50: float
    p90: float
    mean: float
    draws: int  # draws used in the statistics
    discarded: int  # draws dropped because growth was not below the rate


def _summary(value: FloatArray, draws: int) -> MonteCarloResult:
    p10, p50, p90 = np.percentile(value, [10, 50, 90])
    return MonteCarloResult(
        p10=float(p10),
        p50=float(p50),
        p90=float(p90),
        mean=float(value.mean()),
        draws=int(value.size),
        discarded=draws - int(value.size),
    )


def simulate_dcf(
    forecast: DcfForecast,
    schedule: DcfSchedule,
    base_rate: float,
    terminal_growth: float,
    *,
    ronic: float | None = None,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    discount_rate_sd: float = RATE_SD,
    growth_sd: float = GROWTH_SD,
    cash_flow_sd: float = LEVEL_SD,
) -> MonteCarloResult:
    """Simulate `value_dcf`'s enterprise value with three uncertain inputs, drawn independently:

    - discount rate ~ Normal(base_rate, discount_rate_sd)
    - terminal growth ~ Normal(terminal_growth, growth_sd)
    - a level multiplier ~ Lognormal with mean 1 and log-sd `cash_flow_sd`, on every FCFF and on
      the terminal NOPAT alike (the value-driver TV is linear in NOPAT, so it scales the EV)

    RONIC is fixed at `ronic`, or (None) equals each draw's rate, as in `value_dcf`. Draws with
    growth at or above the rate (or a rate at or below -100 %) are discarded and counted. The
    same seed gives the same result, and zero standard deviations give `value_dcf` exactly.
    """
    value = dcf_draws(
        forecast,
        schedule,
        base_rate,
        terminal_growth,
        ronic=ronic,
        draws=draws,
        seed=seed,
        discount_rate_sd=discount_rate_sd,
        growth_sd=growth_sd,
        cash_flow_sd=cash_flow_sd,
    )
    return _summary(value, draws)


def dcf_draws(
    forecast: DcfForecast,
    schedule: DcfSchedule,
    base_rate: float,
    terminal_growth: float,
    *,
    ronic: float | None = None,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    discount_rate_sd: float = RATE_SD,
    growth_sd: float = GROWTH_SD,
    cash_flow_sd: float = LEVEL_SD,
) -> FloatArray:
    """The enterprise value of each draw `simulate_dcf` keeps, in draw order: its percentiles are
    `simulate_dcf`'s, so a report's histogram shows the very draws behind the DCF's bar."""
    _check_inputs(base_rate, terminal_growth, draws, discount_rate_sd, growth_sd, cash_flow_sd)
    if ronic is not None:
        check_ronic(ronic)
    flows = remaining_cash_flows(forecast, schedule)
    rng = np.random.default_rng(seed)
    # One block of standard normals in a fixed order: a seed then pins every input, and a zero
    # standard deviation gives exactly the base value.
    z = rng.standard_normal((3, draws))
    rates = base_rate + discount_rate_sd * z[0]
    growths = terminal_growth + growth_sd * z[1]
    # Shifting the log-mean by -sigma^2/2 makes the multiplier's mean 1 rather than its median.
    multiplier = np.exp(cash_flow_sd * z[2] - cash_flow_sd**2 / 2)
    valid = (rates > -1) & (growths < rates)
    rates, growths, multiplier = rates[valid], growths[valid], multiplier[valid]
    if rates.size == 0:
        raise ValuationInputError(
            "Every draw had terminal growth at or above the discount rate: widen the gap between "
            "them or narrow their standard deviations."
        )
    # log(1 + r) once per draw: every discount factor is then one exp of a product.
    log_compound = np.log1p(rates)
    explicit = np.exp(-log_compound[:, None] * np.asarray(schedule.times)[None, :]) @ flows
    terminal = value_driver_terminal_values(
        forecast.final_ebit, forecast.tax_rate, rates, growths, ronic
    )
    value: FloatArray = (
        explicit + terminal * np.exp(-log_compound * schedule.terminal_time)
    ) * multiplier
    return value


def _check_inputs(
    base_discount_rate: float,
    terminal_growth: float,
    draws: int,
    discount_rate_sd: float,
    growth_sd: float,
    cash_flow_sd: float,
) -> None:
    if draws < 1:
        raise ValuationInputError("draws must be at least 1.")
    if not math.isfinite(base_discount_rate):
        raise ValuationInputError("base_discount_rate must be a finite number.")
    # The central case must have a value, or the surviving draws would be a biased tail.
    check_growth_below_rate(terminal_growth, base_discount_rate)
    for name, sd in (
        ("discount_rate_sd", discount_rate_sd),
        ("growth_sd", growth_sd),
        ("cash_flow_sd", cash_flow_sd),
    ):
        if not math.isfinite(sd) or sd < 0:
            raise ValuationInputError(f"{name} must be a finite number, at least 0.")
