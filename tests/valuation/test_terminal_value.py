"""The key value driver terminal value, the exit-multiple terminal value and implied growth."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.terminal_value import (
    exit_multiple_terminal_value,
    implied_terminal_growth,
    next_year_nopat,
    value_driver_terminal_value,
    value_driver_terminal_values,
)

# The worked example: EBIT_N = 100, tax 30 %, g = 3 %, RONIC = 15 %, WACC = 9 %.
EBIT, TAX, GROWTH, RONIC, WACC = 100.0, 0.30, 0.03, 0.15, 0.09


def test_value_driver_formula_on_a_worked_example() -> None:
    """Koller, Goedhart and Wessels, Valuation, 7th ed. (2020), ch. 14 "Estimating Continuing
    Value", the key value driver formula CV = NOPAT_{t+1} (1 - g / RONIC) / (WACC - g):
    NOPAT_{N+1} = 100 x 1.03 x 0.7 = 72.1; reinvestment g / RONIC = 0.03 / 0.15 = 20 %, so the
    perpetuity's first FCF is 72.1 x 0.8 = 57.68 and TV = 57.68 / (0.09 - 0.03) = 961.3333."""
    assert next_year_nopat(EBIT, TAX, GROWTH) == pytest.approx(72.1)
    assert value_driver_terminal_value(EBIT, TAX, WACC, GROWTH, RONIC) == pytest.approx(961.333333)


def test_ronic_equal_to_wacc_gives_nopat_over_wacc() -> None:
    """Koller et al., 7th ed., ch. 14: with RONIC = WACC growth adds no value, so
    TV = NOPAT_{N+1} / WACC = 72.1 / 0.09 = 801.1111; RONIC defaults to the WACC."""
    assert value_driver_terminal_value(EBIT, TAX, WACC, GROWTH) == pytest.approx(801.111111)
    assert value_driver_terminal_value(EBIT, TAX, WACC, GROWTH, WACC) == pytest.approx(801.111111)


def test_infinite_ronic_gives_gordon_on_nopat() -> None:
    # No reinvestment: TV = 72.1 / (0.09 - 0.03) = 1201.6667; a huge RONIC tends to it.
    gordon = 72.1 / 0.06
    assert value_driver_terminal_value(EBIT, TAX, WACC, GROWTH, math.inf) == pytest.approx(gordon)
    assert value_driver_terminal_value(EBIT, TAX, WACC, GROWTH, 1e9) == pytest.approx(gordon)


def test_growth_not_below_the_rate_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="must be below the discount rate"):
        value_driver_terminal_value(EBIT, TAX, WACC, WACC, RONIC)


@pytest.mark.parametrize("ronic", [0.0, -0.1, math.nan], ids=["zero", "negative", "nan"])
def test_ronic_not_positive_is_an_error(ronic: float) -> None:
    with pytest.raises(ValuationInputError, match="ronic must be a positive return"):
        value_driver_terminal_value(EBIT, TAX, WACC, GROWTH, ronic)


def test_array_form_matches_the_scalar_form_and_is_nan_where_growth_is_not_below_the_rate() -> None:
    rates = np.array([[0.03], [0.09], [0.12]])
    growths = np.array([[0.0, 0.03, 0.05]])
    grid = value_driver_terminal_values(EBIT, TAX, rates, growths, RONIC)
    np.testing.assert_array_equal(np.isnan(grid), [[False, True, True], [False] * 3, [False] * 3])
    for i, rate in enumerate(rates[:, 0]):
        for j, growth in enumerate(growths[0]):
            if growth < rate:
                expected = value_driver_terminal_value(EBIT, TAX, rate, growth, RONIC)
                assert grid[i, j] == pytest.approx(expected, rel=1e-12)


def test_array_form_without_ronic_uses_each_rate() -> None:
    # NOPAT_{N+1} = 100 x 1.02 x 0.7 = 71.4, over each rate.
    grid = value_driver_terminal_values(EBIT, TAX, np.array([0.08, 0.10]), np.array([0.02, 0.02]))
    np.testing.assert_allclose(grid, [71.4 / 0.08, 71.4 / 0.10])


def test_exit_multiple_terminal_value_is_ebitda_times_the_multiple() -> None:
    assert exit_multiple_terminal_value(150.0, 8.5) == pytest.approx(1275.0)


@pytest.mark.parametrize("multiple", [0.0, -3.0, math.inf], ids=["zero", "negative", "inf"])
def test_exit_multiple_not_positive_and_finite_is_an_error(multiple: float) -> None:
    with pytest.raises(ValuationInputError, match="exit_multiple"):
        exit_multiple_terminal_value(150.0, multiple)


def test_implied_growth_recovers_the_worked_example() -> None:
    # TV 961.3333 at RONIC 15 % came from g = 3 %.
    assert implied_terminal_growth(961.333333, EBIT, TAX, WACC, RONIC) == pytest.approx(0.03)


def test_implied_growth_with_ronic_equal_to_wacc_is_tv_wacc_over_nopat_less_one() -> None:
    # TV = n (1 + g) / W, so g = TV W / n - 1 = 801.1111 x 0.09 / 70 - 1 = 0.03.
    assert implied_terminal_growth(801.111111, EBIT, TAX, WACC) == pytest.approx(0.03)


def test_implied_growth_with_infinite_ronic_is_gordon_solved_for_growth() -> None:
    # TV = n (1 + g) / (W - g), so g = (TV W - n) / (TV + n) = (108.15 - 70) / 1271.6667 = 0.03.
    assert implied_terminal_growth(1201.666667, EBIT, TAX, WACC, math.inf) == pytest.approx(0.03)


def test_implied_growth_is_none_for_a_value_no_growth_reaches() -> None:
    # With RONIC = WACC the TV is n (1 + g) / W < n (1 + W) / W = 847.78 for every g below W.
    assert implied_terminal_growth(900.0, EBIT, TAX, WACC) is None
    assert implied_terminal_growth(-10.0, EBIT, TAX, WACC, RONIC) is None
    assert implied_terminal_growth(900.0, -5.0, TAX, WACC, RONIC) is None


def test_implied_growth_with_value_destroying_reinvestment_takes_the_root_nearer_zero() -> None:
    # RONIC 6 % < WACC 9 %: TV = 800 at g of about -0.5 % and again at about -25 %.
    implied = implied_terminal_growth(800.0, EBIT, TAX, WACC, 0.06)
    assert implied is not None and -0.02 < implied < 0.0
    assert value_driver_terminal_value(EBIT, TAX, WACC, implied, 0.06) == pytest.approx(800.0)


@given(
    rate=st.floats(0.04, 0.20),
    spread=st.floats(0.005, 0.08),
    excess=st.floats(0.0, 0.30),
    ebit=st.floats(1.0, 1e9),
)
def test_implied_growth_round_trips_whenever_ronic_is_at_least_the_rate(
    rate: float, spread: float, excess: float, ebit: float
) -> None:
    growth, ronic = rate - spread, rate + excess
    terminal = value_driver_terminal_value(ebit, TAX, rate, growth, ronic)
    implied = implied_terminal_growth(terminal, ebit, TAX, rate, ronic)
    assert implied == pytest.approx(growth, abs=1e-9)
