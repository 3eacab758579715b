"""Economic context: latest readings and direction of travel of RBA rates and inflation."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from providers.models import RateObservation, RateSeries
from providers.sample import SampleProvider
from valuation.economy import (
    CASH_RATE,
    CPI,
    TEN_YEAR_YIELD,
    TRIMMED_MEAN,
    Direction,
    economic_context,
)


def series(series_id: str, values: list[float], *, stale: bool = False) -> RateSeries:
    """A synthetic series, observations 30 days apart (the comparison counts observations)."""
    start = date(2025, 1, 31)
    observations = tuple(
        RateObservation(start + timedelta(days=30 * i), v) for i, v in enumerate(values)
    )
    return RateSeries(series_id, series_id, "Per cent", "Monthly", "RBA", None, observations, stale)


def test_cash_rate_compares_with_three_observations_back() -> None:
    # 3.60 % three months back, then 3.85 %, 4.10 %, 4.10 %: the last month alone is flat, but
    # against three back the change is 4.10 − 3.60 = +50 bp: rising.
    context = economic_context({CASH_RATE: series(CASH_RATE, [0.036, 0.0385, 0.041, 0.041])})
    reading = context.cash_rate
    assert reading is not None
    assert (reading.value, reading.previous_value) == (0.041, 0.036)
    assert reading.as_of == date(2025, 1, 31) + timedelta(days=90)
    assert reading.previous_as_of == date(2025, 1, 31)
    assert reading.change == pytest.approx(0.005)
    assert reading.direction is Direction.RISING


def test_cpi_compares_with_the_previous_quarter() -> None:
    # 3.2 % then 2.8 %: −40 bp against one quarter back: falling.
    reading = economic_context({CPI: series(CPI, [0.032, 0.028])}).cpi_inflation
    assert reading is not None
    assert reading.change == pytest.approx(-0.004)
    assert reading.direction is Direction.FALLING


def test_ten_year_yield_compares_with_twenty_trading_days_back() -> None:
    # 21 observations: 4.50 % then twenty at 4.80 %; the 20th back is 4.50 %: +30 bp, rising.
    values = [0.045] + [0.048] * 20
    reading = economic_context({TEN_YEAR_YIELD: series(TEN_YEAR_YIELD, values)}).ten_year_yield
    assert reading is not None
    assert reading.previous_value == 0.045
    assert reading.direction is Direction.RISING


def test_a_change_of_exactly_five_basis_points_is_steady() -> None:
    # 4.10 − 4.05 = 5 bp (0.000500…01 in binary floating point): within the tolerance.
    reading = economic_context({CPI: series(CPI, [0.0405, 0.041])}).cpi_inflation
    assert reading is not None
    assert reading.direction is Direction.STEADY


def test_a_change_of_six_basis_points_is_a_direction() -> None:
    # 3.00 − 3.06 = −6 bp: beyond the 5 bp tolerance, falling.
    context = economic_context({TRIMMED_MEAN: series(TRIMMED_MEAN, [0.0306, 0.03])})
    assert context.trimmed_mean_inflation is not None
    assert context.trimmed_mean_inflation.direction is Direction.FALLING


def test_missing_and_empty_series_are_absent() -> None:
    context = economic_context({CPI: series(CPI, [])})
    assert context.cash_rate is None
    assert context.ten_year_yield is None
    assert context.cpi_inflation is None
    assert context.trimmed_mean_inflation is None
    assert context.readings == ()


def test_short_history_gives_a_latest_value_without_direction() -> None:
    # Two monthly observations cannot reach three months back.
    reading = economic_context({CASH_RATE: series(CASH_RATE, [0.036, 0.041])}).cash_rate
    assert reading is not None
    assert reading.value == 0.041
    assert (reading.previous_value, reading.change, reading.direction) == (None, None, None)


def test_stale_flag_is_carried_through() -> None:
    reading = economic_context({CPI: series(CPI, [0.03, 0.03], stale=True)}).cpi_inflation
    assert reading is not None
    assert reading.stale


def test_direction_on_the_real_sample_rba_tables() -> None:
    ids = [CASH_RATE, TEN_YEAR_YIELD, CPI, TRIMMED_MEAN]
    context = economic_context(asyncio.run(SampleProvider().rate_series(ids)))
    cash, bond = context.cash_rate, context.ten_year_yield
    cpi, trimmed = context.cpi_inflation, context.trimmed_mean_inflation
    assert cash is not None and bond is not None and cpi is not None and trimmed is not None
    # Cash rate: Apr-2026 4.10 % against Jan-2026 3.60 %: +50 bp, rising.
    assert (cash.as_of, cash.value, cash.previous_as_of) == (
        date(2026, 4, 30),
        0.041,
        date(2026, 1, 31),
    )
    assert cash.direction is Direction.RISING
    # 10-year: 07-May-2026 4.926 % against 20 trading days back, 09-Apr-2026 (Easter 3 and 6 April
    # not traded) 4.911 %: +1.5 bp, steady.
    assert (bond.as_of, bond.value) == (date(2026, 5, 7), 0.04926)
    assert (bond.previous_as_of, bond.previous_value) == (date(2026, 4, 9), 0.04911)
    assert bond.direction is Direction.STEADY
    # CPI: Sep-2025 3.2 % against Jun-2025 2.1 %: +110 bp; trimmed mean 3.0 % against 2.7 %: +30 bp.
    assert (cpi.as_of, cpi.value, cpi.previous_value) == (date(2025, 9, 30), 0.032, 0.021)
    assert cpi.direction is Direction.RISING
    assert (trimmed.value, trimmed.previous_value) == (0.03, 0.027)
    assert trimmed.direction is Direction.RISING
