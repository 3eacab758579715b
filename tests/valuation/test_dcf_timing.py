"""The DCF schedule: the valuation date, the stub period and the mid-year convention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.dcf_timing import (
    IRREGULAR_FISCAL_YEAR,
    YEARS_BEFORE_VALUATION_DATE,
    add_years,
    dcf_schedule,
    undated_schedule,
)
from valuation.errors import ValuationInputError

JUNE_ENDS = [date(2025, 6, 30), date(2026, 6, 30), date(2027, 6, 30)]
# 31 December 2024 to 30 June 2025 is 181 of the 365 days since 30 June 2024.
STUB = 181 / 365


def test_december_valuation_date_makes_the_june_year_a_stub() -> None:
    schedule = dcf_schedule(JUNE_ENDS, date(2024, 12, 31))
    assert schedule.fractions == pytest.approx((STUB, 1.0, 1.0))
    assert schedule.fiscal_year_ends == tuple(JUNE_ENDS)
    assert schedule.dropped == ()
    assert schedule.warnings == () and schedule.warning_codes == ()


def test_mid_year_times_are_midpoints_of_the_part_of_each_year_still_to_come() -> None:
    # The stub's midpoint is half-way to 30 June 2025; later years are at stub + 0.5, stub + 1.5.
    schedule = dcf_schedule(JUNE_ENDS, date(2024, 12, 31), mid_year=True)
    assert schedule.times == pytest.approx((STUB / 2, STUB + 0.5, STUB + 1.5))
    assert schedule.exit_time == pytest.approx(STUB + 2)
    # The perpetuity's first flow is mid-way through the year after the last: one year before it.
    assert schedule.terminal_time == pytest.approx(STUB + 1.5)


def test_year_end_times_are_the_ends_of_the_years() -> None:
    schedule = dcf_schedule(JUNE_ENDS, date(2024, 12, 31), mid_year=False)
    assert schedule.times == pytest.approx((STUB, STUB + 1, STUB + 2))
    assert schedule.terminal_time == schedule.exit_time == pytest.approx(STUB + 2)


def test_an_undated_schedule_counts_whole_years_from_the_valuation_date() -> None:
    """Cash flows without dates, one per year: no stub, year-end at t = 1..N with the perpetuity
    at N; mid-year at t = 0.5..N - 0.5 with the perpetuity at N - 0.5, so every time moves by
    exactly half a year (Koller's (1 + r)^0.5 on the whole value)."""
    year_end = undated_schedule(3, mid_year=False)
    assert (year_end.times, year_end.terminal_time, year_end.exit_time) == ((1.0, 2.0, 3.0), 3, 3)
    mid_year = undated_schedule(3, mid_year=True)
    assert (mid_year.times, mid_year.terminal_time, mid_year.exit_time) == ((0.5, 1.5, 2.5), 2.5, 3)
    for schedule in (year_end, mid_year):
        assert schedule.fractions == (1.0, 1.0, 1.0)
        assert schedule.dropped == () and schedule.warnings == ()


def test_an_undated_schedule_of_fifty_years_has_no_irregular_year() -> None:
    # Leap years among them: each still counts exactly one year.
    schedule = undated_schedule(50, mid_year=False)
    assert schedule.times == tuple(float(t) for t in range(1, 51))
    assert schedule.warning_codes == ()


def test_years_ending_on_or_before_the_valuation_date_are_dropped_with_a_warning() -> None:
    # FY2024 ended before and FY2025 on the valuation date: FY2026 is a full year from it.
    ends = [date(2024, 6, 30), *JUNE_ENDS]
    schedule = dcf_schedule(ends, date(2025, 6, 30), mid_year=False)
    assert schedule.dropped == (date(2024, 6, 30), date(2025, 6, 30))
    assert schedule.fiscal_year_ends == (date(2026, 6, 30), date(2027, 6, 30))
    assert schedule.fractions == (1.0, 1.0)
    assert schedule.times == pytest.approx((1.0, 2.0))
    assert schedule.warning_codes == (YEARS_BEFORE_VALUATION_DATE,)
    assert "2024-06-30, 2025-06-30" in schedule.warnings[0]


def test_the_stub_starts_at_the_previous_fiscal_year_end_when_one_is_given() -> None:
    # FY2024 ran from 30 June 2023 to 30 June 2024 (366 days, a leap year); FY2025 is measured from
    # 30 June 2024 to 30 June 2025 (365 days), so the stub from 1 April 2025 is 90 / 365.
    schedule = dcf_schedule([date(2024, 6, 30), *JUNE_ENDS], date(2025, 4, 1))
    assert schedule.fractions[0] == pytest.approx(90 / 365)


def test_no_year_after_the_valuation_date_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="no cash flow is left"):
        dcf_schedule(JUNE_ENDS, date(2027, 6, 30))


@pytest.mark.parametrize(
    "ends",
    [
        [date(2025, 6, 30), date(2025, 6, 30)],
        [date(2026, 6, 30), date(2025, 6, 30)],
    ],
    ids=["repeated", "decreasing"],
)
def test_fiscal_year_ends_not_strictly_increasing_are_an_error(ends: list[date]) -> None:
    with pytest.raises(ValuationInputError, match="strictly increasing"):
        dcf_schedule(ends, date(2024, 12, 31))


def test_no_fiscal_year_end_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="at least one"):
        dcf_schedule([], date(2024, 12, 31))


def test_a_valuation_date_before_the_first_year_begins_is_an_error() -> None:
    # FY2026 begins on 30 June 2025; from 31 December 2024 half a year would go unvalued.
    with pytest.raises(ValuationInputError, match="before the first fiscal year begins"):
        dcf_schedule([date(2026, 6, 30)], date(2024, 12, 31))


def test_years_less_than_a_month_apart_are_an_error() -> None:
    with pytest.raises(ValuationInputError, match="shorter than a month"):
        dcf_schedule([date(2025, 6, 30), date(2025, 7, 10)], date(2024, 12, 31))


def test_52_and_53_week_years_each_count_one_year() -> None:
    # Years ending on the last Saturday of June: 364, 364 and 371 days, each one fiscal year.
    ends = [date(2024, 6, 29), date(2025, 6, 28), date(2026, 6, 27), date(2027, 7, 3)]
    schedule = dcf_schedule(ends, date(2024, 6, 29), mid_year=False)
    assert schedule.times == pytest.approx((1.0, 2.0, 3.0))
    assert IRREGULAR_FISCAL_YEAR not in schedule.warning_codes


def test_a_transition_year_counts_its_months_and_is_warned() -> None:
    # A change of balance date from December to June: a six-month FY2025, then a full FY2026.
    ends = [date(2024, 12, 31), date(2025, 6, 30), date(2026, 6, 30)]
    schedule = dcf_schedule(ends, date(2024, 12, 31), mid_year=False)
    assert schedule.times == pytest.approx((0.5, 1.5))
    assert schedule.warning_codes == (YEARS_BEFORE_VALUATION_DATE, IRREGULAR_FISCAL_YEAR)
    assert "2025-06-30" in schedule.warnings[1]


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2027, 2, 28), 1, date(2028, 2, 29)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 6, 30), 1, date(2025, 6, 30)),
        (date(2024, 1, 15), 2, date(2026, 1, 15)),
    ],
)
def test_add_years_keeps_month_ends_at_month_end(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected


def test_a_first_year_ending_on_29_february_starts_a_year_earlier_on_28_february() -> None:
    # 28 February 2023 to 29 February 2024 is 366 days; from 30 November 2023, 91 remain.
    schedule = dcf_schedule([date(2024, 2, 29)], date(2023, 11, 30))
    assert schedule.fractions == pytest.approx((91 / 366,))


@given(
    offset=st.integers(0, 364),
    years=st.integers(1, 10),
    mid_year=st.booleans(),
)
def test_times_follow_the_convention_for_any_valuation_date_in_the_first_year(
    offset: int, years: int, mid_year: bool
) -> None:
    ends = [add_years(date(2025, 6, 30), k) for k in range(years)]
    valuation_date = date(2024, 6, 30) + timedelta(days=offset)
    schedule = dcf_schedule(ends, valuation_date, mid_year=mid_year)
    stub = schedule.fractions[0]
    assert stub == pytest.approx((365 - offset) / 365)
    year_ends = [stub + k for k in range(years)]
    expected = [stub / 2] + [end - 0.5 for end in year_ends[1:]] if mid_year else year_ends
    assert schedule.times == pytest.approx(expected)
    assert schedule.exit_time == pytest.approx(year_ends[-1])
    assert schedule.terminal_time == pytest.approx(year_ends[-1] - (0.5 if mid_year else 0.0))
