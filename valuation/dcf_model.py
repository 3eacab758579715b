"""The engine's DCF step: the subject's forecast (or a projection from history) on a schedule from
the valuation date, valued at the WACC with the value-driver terminal value, with its Monte Carlo
and sensitivity grid on the same schedule and terminal formula (dcf_timing.py, dcf_valuation.py,
terminal_value.py, monte_carlo.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from valuation.dcf import FloatArray, free_cash_flow_to_firm
from valuation.dcf_timing import DcfSchedule, dcf_schedule
from valuation.dcf_valuation import (
    DcfForecast,
    DcfValuation,
    dcf_sensitivity,
    projected_forecast,
    value_dcf,
)
from valuation.inputs import ValuationInputs
from valuation.lease_basis import SubjectLeaseBasis
from valuation.monte_carlo import MonteCarloResult, dcf_draws, simulate_dcf
from valuation.notices import Notice, notices
from valuation.synthesis import ValueRange

RATE_STEPS = (-0.02, -0.01, 0.0, 0.01, 0.02)
GROWTH_STEPS = (-0.01, -0.005, 0.0, 0.005, 0.01)


@dataclass(frozen=True, slots=True)
class DcfOutcome:
    schedule: DcfSchedule
    valuation: DcfValuation
    projected: bool  # True when the forecast was projected from history
    cash_flows: tuple[float, ...]  # full-year FCFF per forecast year
    sensitivity_rates: tuple[float, ...]
    sensitivity_growths: tuple[float, ...]
    sensitivity: tuple[tuple[float, ...], ...]  # enterprise values, rows rates, columns growths
    monte_carlo: MonteCarloResult
    notices: tuple[Notice, ...]

    @property
    def value_range(self) -> ValueRange:
        mc = self.monte_carlo
        return ValueRange(mc.p10, mc.p50, mc.p90)


def dcf_outcome(
    inputs: ValuationInputs,
    wacc: float,
    tax_rate: float,
    risk_free_rate: float,
    exit_multiple: float | None,
    lease_basis: SubjectLeaseBasis,
) -> DcfOutcome:
    a = inputs.assumptions
    forecast, schedule, projected = dcf_basis(inputs, tax_rate)
    # The exit multiple is the peers' post-AASB 16 EV/EBITDA (lease_basis.py). A subject restated
    # to that basis compares its restated final EBITDA, and since its FCFF pays its leases (its EV
    # bears them), the exit value counts its leases as the peers' EV counts theirs.
    restatement = lease_basis.ebitda_adjustment
    forecast = replace(forecast, final_ebitda=forecast.final_ebitda + restatement)
    exit_leases = inputs.lease_liabilities if restatement else 0.0
    ronic = a.return_on_new_invested_capital
    valued = value_dcf(
        forecast,
        schedule,
        wacc,
        a.terminal_growth,
        ronic=ronic,
        exit_multiple=exit_multiple,
        exit_lease_liabilities=exit_leases,
        risk_free_rate=risk_free_rate,
    )
    rates = tuple(wacc + step for step in RATE_STEPS)
    growths = tuple(a.terminal_growth + step for step in GROWTH_STEPS)
    grid = dcf_sensitivity(forecast, schedule, rates, growths, ronic=ronic)
    simulation = simulate_dcf(forecast, schedule, wacc, a.terminal_growth, ronic=ronic)
    # value_dcf's warnings open with the schedule's.
    found = notices(valued.warning_codes, valued.warnings)
    implied = valued.implied_exit_multiple
    if implied is not None and exit_multiple and not 0.5 <= implied / exit_multiple <= 2.0:
        found.append(
            Notice(
                "EXIT_MULTIPLE_GAP",
                f"The terminal value implies {implied:.1f}x final-year EBITDA against the peers' "
                f"{exit_multiple:.1f}x: with RONIC {valued.ronic:.1%} growth adds "
                f"{'no' if valued.ronic <= wacc else 'some'} value; set "
                "returnOnNewInvestedCapital if the business earns more on new capital.",
            )
        )
    return DcfOutcome(
        schedule=schedule,
        valuation=valued,
        projected=projected,
        cash_flows=tuple(float(c) for c in forecast.free_cash_flows),
        sensitivity_rates=rates,
        sensitivity_growths=growths,
        sensitivity=tuple(tuple(float(v) for v in row) for row in grid),
        monte_carlo=simulation,
        notices=tuple(found),
    )


def dcf_basis(inputs: ValuationInputs, tax_rate: float) -> tuple[DcfForecast, DcfSchedule, bool]:
    """The forecast the DCF values and its discount schedule from the valuation date (the
    caller's, else the last historical year end); True when the forecast was projected."""
    forecast, year_ends, projected = _forecast(inputs, tax_rate)
    valuation_date = inputs.valuation_date or inputs.history[-1].fiscal_year_end
    schedule = dcf_schedule(year_ends, valuation_date, inputs.assumptions.mid_year_convention)
    return forecast, schedule, projected


def monte_carlo_draws(inputs: ValuationInputs, wacc: float, tax_rate: float) -> FloatArray:
    """The enterprise value of each Monte Carlo draw `dcf_outcome` summarises, drawn again with
    the same forecast, schedule, rate, growth, RONIC and seed: a stored result keeps only the
    percentiles, and a report's histogram shows the draws themselves."""
    a = inputs.assumptions
    forecast, schedule, _ = dcf_basis(inputs, tax_rate)
    return dcf_draws(
        forecast, schedule, wacc, a.terminal_growth, ronic=a.return_on_new_invested_capital
    )


def _forecast(
    inputs: ValuationInputs, tax_rate: float
) -> tuple[DcfForecast, tuple[date, ...], bool]:
    if not inputs.forecast:
        forecast, year_ends = projected_forecast(inputs.history, tax_rate)
        return forecast, tuple(year_ends), True
    f = inputs.forecast
    fcff = free_cash_flow_to_firm(
        np.array([p.ebit for p in f]),
        tax_rate,
        np.array([p.depreciation_and_amortisation for p in f]),
        np.array([p.capital_expenditure for p in f]),
        np.array([p.change_in_working_capital for p in f]),
    )
    forecast = DcfForecast(
        free_cash_flows=tuple(float(c) for c in fcff),
        final_ebit=f[-1].ebit,
        final_ebitda=f[-1].ebitda,
        tax_rate=tax_rate,
    )
    return forecast, tuple(p.fiscal_year_end for p in f), False
