"""One DCF valuation: stub and mid-year discounting, the value-driver terminal value, the
exit-multiple cross-check, the warnings, the sensitivity grid and the projected forecast."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import numpy_financial as npf  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from providers.models import FinancialPeriod
from valuation.dcf import project_cash_flows
from valuation.dcf_timing import YEARS_BEFORE_VALUATION_DATE, add_years, dcf_schedule
from valuation.dcf_valuation import (
    FEW_FORECAST_YEARS,
    GROWTH_ABOVE_RISK_FREE,
    NEGATIVE_FINAL_CASH_FLOW,
    NEGATIVE_TERMINAL_VALUE,
    TERMINAL_VALUE_DOMINANT,
    VALUE_DESTROYING_GROWTH,
    DcfForecast,
    dcf_sensitivity,
    projected_forecast,
    value_dcf,
)
from valuation.errors import ValuationInputError

ENDS = [add_years(date(2025, 6, 30), k) for k in range(5)]  # FY2025..FY2029
FORECAST = DcfForecast(
    (40.0, 44.0, 48.0, 50.0, 52.0), final_ebit=70.0, final_ebitda=85.0, tax_rate=0.3
)
RATE, GROWTH, RONIC = 0.10, 0.025, 0.15
DECEMBER = date(2024, 12, 31)
STUB = 181 / 365  # 31 December 2024 to 30 June 2025, of the 365 days from 30 June 2024


def value_driver_tv(ebit: float, growth: float, ronic: float, rate: float) -> float:
    return ebit * (1 + growth) * 0.7 * (1 - growth / ronic) / (rate - growth)


def test_mid_year_with_a_stub_matches_numpy_financial_discounting() -> None:
    """Each flow discounted with numpy-financial's `pv(rate, nper, 0, -cf)` = cf / (1 + rate)^nper,
    which takes a fractional nper (`npv` only discounts at whole periods). The stub from 31
    December 2024 to 30 June 2025 is 181 / 365 of FY2025, so FY2025's FCFF counts 40 x 181 / 365
    at a quarter of a year's midpoint; the perpetuity sits half a year before the end of FY2029."""
    times = [STUB / 2, STUB + 0.5, STUB + 1.5, STUB + 2.5, STUB + 3.5]
    flows = [40.0 * STUB, 44.0, 48.0, 50.0, 52.0]
    expected_flows = sum(npf.pv(RATE, t, 0, -cf) for t, cf in zip(times, flows, strict=True))
    terminal = value_driver_tv(70.0, GROWTH, RONIC, RATE)
    expected_terminal = npf.pv(RATE, STUB + 4 - 0.5, 0, -terminal)
    result = value_dcf(FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert result.present_value_of_cash_flows == pytest.approx(expected_flows, rel=1e-12)
    assert result.terminal_value == pytest.approx(terminal, rel=1e-12)
    assert result.present_value_of_terminal_value == pytest.approx(expected_terminal, rel=1e-12)
    assert result.enterprise_value == pytest.approx(expected_flows + expected_terminal, rel=1e-12)
    assert result.terminal_method == "value driver"
    assert result.ronic == RONIC


def test_year_end_with_a_stub_matches_numpy_financial_discounting() -> None:
    # Flows at STUB, STUB + 1, ...; the value-driver TV at the end of FY2029, STUB + 4.
    flows = [40.0 * STUB, 44.0, 48.0, 50.0, 52.0]
    expected = sum(npf.pv(RATE, STUB + k, 0, -cf) for k, cf in enumerate(flows))
    expected += npf.pv(RATE, STUB + 4, 0, -value_driver_tv(70.0, GROWTH, RONIC, RATE))
    schedule = dcf_schedule(ENDS, DECEMBER, mid_year=False)
    result = value_dcf(FORECAST, schedule, RATE, GROWTH, ronic=RONIC)
    assert result.enterprise_value == pytest.approx(expected, rel=1e-12)


def test_mid_year_value_is_the_year_end_value_times_half_a_year_of_growth() -> None:
    """Koller et al., Valuation, 7th ed., ch. 10, the mid-year adjustment. With full years and no
    stub every mid-year time is the year-end time less 0.5, and the perpetuity's too (the end of
    year N less 0.5), so every discount factor, and hence the EV, is (1 + r)^0.5 times larger."""
    on_year_end = date(2024, 6, 30)
    mid = value_dcf(FORECAST, dcf_schedule(ENDS, on_year_end, True), RATE, GROWTH, ronic=RONIC)
    end = value_dcf(FORECAST, dcf_schedule(ENDS, on_year_end, False), RATE, GROWTH, ronic=RONIC)
    assert mid.enterprise_value == pytest.approx(end.enterprise_value * 1.1**0.5, rel=1e-12)


def test_ronic_defaults_to_the_discount_rate() -> None:
    # TV = NOPAT_{N+1} / WACC = 70 x 1.025 x 0.7 / 0.10 = 502.25.
    result = value_dcf(FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH)
    assert result.ronic == RATE
    assert result.terminal_value == pytest.approx(502.25)


def test_exit_multiple_cross_check_values_ebitda_times_the_multiple_at_the_year_end() -> None:
    # TV_exit = 85 x 7 = 595 at the end of FY2029, STUB + 4 years from the valuation date.
    schedule = dcf_schedule(ENDS, DECEMBER)
    result = value_dcf(FORECAST, schedule, RATE, GROWTH, ronic=RONIC, exit_multiple=7.0)
    check = result.exit_multiple_check
    assert check is not None
    assert check.exit_multiple == 7.0
    assert check.terminal_value == pytest.approx(595.0)
    expected = result.present_value_of_cash_flows + npf.pv(RATE, STUB + 4, 0, -595.0)
    assert check.enterprise_value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("mid_year", [True, False], ids=["mid-year", "year-end"])
def test_implied_growth_gives_the_exit_value_back(mid_year: bool) -> None:
    schedule = dcf_schedule(ENDS, DECEMBER, mid_year)
    check = value_dcf(
        FORECAST, schedule, RATE, GROWTH, ronic=RONIC, exit_multiple=7.0
    ).exit_multiple_check
    assert check is not None and check.implied_growth is not None
    again = value_dcf(FORECAST, schedule, RATE, check.implied_growth, ronic=RONIC)
    assert again.enterprise_value == pytest.approx(check.enterprise_value, rel=1e-9)
    if not mid_year:  # the two terminal values are then at the same date
        assert again.terminal_value == pytest.approx(check.terminal_value, rel=1e-9)


def test_implied_exit_multiple_gives_the_value_driver_value_back() -> None:
    schedule = dcf_schedule(ENDS, DECEMBER)
    result = value_dcf(FORECAST, schedule, RATE, GROWTH, ronic=RONIC)
    assert result.implied_exit_multiple is not None
    # Mid-year: the TV carried half a year forward to the exit date, over EBITDA_N.
    assert result.implied_exit_multiple == pytest.approx(result.terminal_value * 1.1**0.5 / 85.0)
    check = value_dcf(
        FORECAST, schedule, RATE, GROWTH, ronic=RONIC, exit_multiple=result.implied_exit_multiple
    ).exit_multiple_check
    assert check is not None
    assert check.enterprise_value == pytest.approx(result.enterprise_value, rel=1e-12)


def test_leases_outside_the_dcfs_ev_are_counted_as_the_peers_ev_counts_them() -> None:
    """A subject restated to post-AASB 16 (final EBITDA 85 with its lease payments) whose FCFF
    pays its leases: the peers' EV/EBITDA of 7 gives an EV with leases of 20, 85 x 7 = 595, so
    on the DCF's basis the exit value is 595 - 20 = 575. The implied multiple adds them back:
    the value-driver TV, 70 x 1.025 x 0.7 x (1 - 0.025 / 0.15) / 0.075 = 558.06, carried half a
    year to the exit date, 558.06 x 1.1^0.5 = 585.29, plus 20, over 85: 7.121x."""
    schedule = dcf_schedule(ENDS, DECEMBER)
    result = value_dcf(
        FORECAST, schedule, RATE, GROWTH, ronic=RONIC, exit_multiple=7.0, exit_lease_liabilities=20
    )
    check = result.exit_multiple_check
    assert check is not None
    assert check.terminal_value == pytest.approx(575.0)
    expected = result.present_value_of_cash_flows + npf.pv(RATE, STUB + 4, 0, -575.0)
    assert check.enterprise_value == pytest.approx(expected, rel=1e-12)
    assert result.terminal_value == pytest.approx(558.055556, rel=1e-9)
    assert result.implied_exit_multiple == pytest.approx(7.121101, rel=1e-6)


@pytest.mark.parametrize("leases", [-1.0, math.inf, math.nan])
def test_exit_lease_liabilities_must_be_a_finite_amount_not_below_zero(leases: float) -> None:
    with pytest.raises(ValuationInputError, match="exit_lease_liabilities"):
        value_dcf(
            FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, exit_lease_liabilities=leases
        )


def test_without_an_exit_multiple_there_is_no_cross_check() -> None:
    result = value_dcf(FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH)
    assert result.exit_multiple_check is None


def test_no_implied_exit_multiple_without_positive_ebitda() -> None:
    forecast = DcfForecast(FORECAST.free_cash_flows, 70.0, 0.0, 0.3)
    assert (
        value_dcf(forecast, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH).implied_exit_multiple
        is None
    )


def test_the_base_case_has_no_warnings() -> None:
    # The reference for the warning tests below: each changes one input.
    result = value_dcf(
        FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC, risk_free_rate=0.04
    )
    assert result.terminal_value_share is not None and result.terminal_value_share < 0.75
    assert result.warnings == () and result.warning_codes == ()


def test_fewer_than_three_forecast_years_are_warned() -> None:
    forecast = DcfForecast((40.0, 44.0), 70.0, 85.0, 0.3)
    result = value_dcf(forecast, dcf_schedule(ENDS[:2], DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert FEW_FORECAST_YEARS in result.warning_codes
    assert len(result.warnings) == len(result.warning_codes)


def test_growth_above_the_risk_free_rate_is_warned() -> None:
    schedule = dcf_schedule(ENDS, DECEMBER)
    result = value_dcf(FORECAST, schedule, RATE, 0.03, ronic=RONIC, risk_free_rate=0.025)
    assert result.warning_codes == (GROWTH_ABOVE_RISK_FREE,)
    assert "3.00%" in result.warnings[0] and "2.50%" in result.warnings[0]


def test_terminal_value_over_three_quarters_of_value_is_warned() -> None:
    # Small explicit flows against a large final EBIT: the TV dominates.
    forecast = DcfForecast((1.0, 1.0, 1.0, 1.0, 1.0), 70.0, 85.0, 0.3)
    result = value_dcf(forecast, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert result.terminal_value_share is not None and result.terminal_value_share > 0.75
    assert result.warning_codes == (TERMINAL_VALUE_DOMINANT,)


def test_negative_final_cash_flow_is_warned() -> None:
    forecast = DcfForecast((40.0, 44.0, 48.0, 50.0, -5.0), 70.0, 85.0, 0.3)
    result = value_dcf(forecast, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert result.warning_codes == (NEGATIVE_FINAL_CASH_FLOW,)


def test_negative_terminal_value_is_warned() -> None:
    forecast = DcfForecast(FORECAST.free_cash_flows, -10.0, 5.0, 0.3)
    result = value_dcf(forecast, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert result.terminal_value < 0
    assert result.warning_codes == (NEGATIVE_TERMINAL_VALUE,)


def test_growth_with_ronic_below_the_rate_is_warned_as_value_destroying() -> None:
    schedule = dcf_schedule(ENDS, DECEMBER)
    result = value_dcf(FORECAST, schedule, RATE, GROWTH, ronic=0.08)
    assert result.warning_codes == (VALUE_DESTROYING_GROWTH,)
    # Without growth there is no new investment to destroy value.
    assert value_dcf(FORECAST, schedule, RATE, 0.0, ronic=0.08).warning_codes == ()


def test_years_before_the_valuation_date_are_warned_through_the_schedule() -> None:
    forecast = DcfForecast((30.0, *FORECAST.free_cash_flows), 70.0, 85.0, 0.3)
    schedule = dcf_schedule([date(2024, 6, 30), *ENDS], DECEMBER)
    result = value_dcf(forecast, schedule, RATE, GROWTH, ronic=RONIC)
    assert result.warning_codes == (YEARS_BEFORE_VALUATION_DATE,)
    # The FY2024 cash flow is over and does not count.
    base = value_dcf(FORECAST, dcf_schedule(ENDS, DECEMBER), RATE, GROWTH, ronic=RONIC)
    assert result.enterprise_value == pytest.approx(base.enterprise_value, rel=1e-12)


def test_a_forecast_of_the_wrong_length_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="one per fiscal year end"):
        value_dcf(FORECAST, dcf_schedule(ENDS[:3], DECEMBER), RATE, GROWTH)


@pytest.mark.parametrize("rate", [-1.0, math.nan], ids=["minus-100", "nan"])
def test_a_bad_discount_rate_is_an_error(rate: float) -> None:
    with pytest.raises(ValuationInputError, match="discount_rate"):
        value_dcf(FORECAST, dcf_schedule(ENDS, DECEMBER), rate, GROWTH)


def test_forecast_accepts_an_array_and_stores_a_tuple() -> None:
    forecast = DcfForecast(np.array([1.0, 2.0]), 1.0, 2.0, 0.3)  # type: ignore[arg-type]
    assert forecast.free_cash_flows == (1.0, 2.0)


@pytest.mark.parametrize(
    "arguments",
    [((), 1.0, 1.0, 0.3), ((1.0,), math.nan, 1.0, 0.3), ((1.0,), 1.0, 1.0, 1.0)],
    ids=["no-flows", "nan-ebit", "tax-100"],
)
def test_a_bad_forecast_is_an_error(
    arguments: tuple[tuple[float, ...], float, float, float],
) -> None:
    with pytest.raises(ValuationInputError):
        DcfForecast(*arguments)


def test_sensitivity_grid_matches_value_dcf_cell_by_cell_and_is_nan_where_g_is_not_below_r() -> (
    None
):
    rates, growths = [0.03, 0.08, 0.10], [0.0, 0.03, 0.05]
    schedule = dcf_schedule(ENDS, DECEMBER)
    for ronic in (None, RONIC):
        grid = dcf_sensitivity(FORECAST, schedule, rates, growths, ronic=ronic)
        np.testing.assert_array_equal(
            np.isnan(grid), [[False, True, True], [False] * 3, [False] * 3]
        )
        for i, rate in enumerate(rates):
            for j, growth in enumerate(growths):
                if growth < rate:
                    expected = value_dcf(FORECAST, schedule, rate, growth, ronic=ronic)
                    assert grid[i, j] == pytest.approx(expected.enterprise_value, rel=1e-12)


def test_sensitivity_rejects_two_dimensional_rates() -> None:
    with pytest.raises(ValuationInputError, match="one-dimensional"):
        dcf_sensitivity(FORECAST, dcf_schedule(ENDS, DECEMBER), [[0.1]], [0.02])


@given(
    flows=st.lists(st.floats(-1e6, 1e9), min_size=1, max_size=8),
    rate=st.floats(0.05, 0.25),
    growth=st.floats(-0.02, 0.04),
    ronic=st.one_of(st.none(), st.floats(0.02, 1.0)),
    offset=st.integers(0, 364),
    mid_year=st.booleans(),
)
def test_the_grid_centre_is_value_dcf_at_the_same_rate_and_growth(
    flows: list[float],
    rate: float,
    growth: float,
    ronic: float | None,
    offset: int,
    mid_year: bool,
) -> None:
    forecast = DcfForecast(tuple(flows), final_ebit=flows[-1], final_ebitda=flows[-1], tax_rate=0.3)
    ends = [add_years(ENDS[0], k) for k in range(len(flows))]
    schedule = dcf_schedule(ends, date(2024, 6, 30) + timedelta(days=offset), mid_year)
    grid = dcf_sensitivity(
        forecast,
        schedule,
        [rate - 0.01, rate, rate + 0.01],
        [growth - 0.005, growth, growth + 0.005],
        ronic=ronic,
    )
    expected = value_dcf(forecast, schedule, rate, growth, ronic=ronic).enterprise_value
    assert grid[1, 1] == pytest.approx(expected, rel=1e-9, abs=1e-6)


def period(year: int, month: int, day: int, revenue: float) -> FinancialPeriod:
    # EBIT 15 %, D&A 5 %, capex 6 %, ΔWC 1 % of revenue.
    return FinancialPeriod(
        fiscal_year_end=date(year, month, day),
        revenue=revenue,
        ebitda=0.20 * revenue,
        ebit=0.15 * revenue,
        net_income=0.1 * revenue,
        depreciation_and_amortisation=0.05 * revenue,
        capital_expenditure=0.06 * revenue,
        change_in_working_capital=0.01 * revenue,
        net_debt=0.0,
        lease_liabilities=0.0,
    )


def test_projected_forecast_uses_the_projection_and_dates_the_years_after_the_history() -> None:
    # Revenue 100 -> 121: 10 % a year; year 3 revenue = 121 x 1.1^3 = 161.051, EBIT 15 % of it,
    # EBITDA 20 %.
    history = [period(2023, 6, 30, 100.0), period(2024, 6, 30, 110.0), period(2025, 6, 30, 121.0)]
    forecast, ends = projected_forecast(history, 0.30, years=3)
    assert ends == (date(2026, 6, 30), date(2027, 6, 30), date(2028, 6, 30))
    assert forecast.free_cash_flows == project_cash_flows(history, 0.30, 3).free_cash_flow
    assert forecast.final_ebit == pytest.approx(0.15 * 161.051)
    assert forecast.final_ebitda == pytest.approx(0.20 * 161.051)
    assert forecast.tax_rate == 0.30


def test_projected_forecast_keeps_a_february_year_end_at_the_month_end() -> None:
    _, ends = projected_forecast([period(2024, 2, 29, 100.0)], 0.30, years=4)
    assert ends == (date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29))
