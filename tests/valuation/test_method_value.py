"""The common shape of the multiple methods: ranges of multiples and what a method returns."""

from __future__ import annotations

import math

import pytest

from valuation.comparables import MultipleStatistics
from valuation.errors import ValuationInputError
from valuation.method_value import (
    WIDE_MULTIPLE_RANGE,
    MethodNotApplicable,
    MultipleRange,
    multiple_method_value,
    multiple_range_from,
    multiple_range_from_caller,
    yield_method_value,
)
from valuation.synthesis import ValueRange


def stats(p25: float | None, median: float | None, p75: float | None) -> MultipleStatistics:
    n = 0 if median is None else 6
    return MultipleStatistics("price_to_earnings", p25, p25, median, p75, p75, n, ())


def test_peer_statistics_give_p25_median_p75_as_low_mid_high() -> None:
    assert multiple_range_from(stats(7.25, 8.5, 9.75)) == MultipleRange(7.25, 8.5, 9.75)


def test_empty_peer_statistics_give_no_range() -> None:
    assert multiple_range_from(stats(None, None, None)) is None


def test_a_callers_range_has_the_midpoint_as_mid() -> None:
    assert multiple_range_from_caller(12.0, 16.0) == MultipleRange(12.0, 14.0, 16.0)


def test_a_callers_range_may_be_a_single_multiple() -> None:
    assert multiple_range_from_caller(15.0, 15.0) == MultipleRange(15.0, 15.0, 15.0)


@pytest.mark.parametrize(
    ("low", "high"),
    [(16.0, 12.0), (0.0, 12.0), (-1.0, 12.0), (12.0, math.inf), (math.nan, 12.0)],
)
def test_a_callers_range_out_of_order_not_positive_or_not_finite_is_refused(
    low: float, high: float
) -> None:
    with pytest.raises(ValuationInputError):
        multiple_range_from_caller(low, high)


def test_a_multiple_range_out_of_order_is_refused_however_it_is_built() -> None:
    with pytest.raises(ValuationInputError, match="ordered"):
        MultipleRange(10.0, 9.0, 12.0)


def test_a_method_that_cannot_apply_is_an_input_error_with_a_code() -> None:
    error = MethodNotApplicable("EARNINGS_NOT_POSITIVE", "a loss")
    assert isinstance(error, ValuationInputError)
    assert error.code == "EARNINGS_NOT_POSITIVE"
    assert str(error) == "a loss"


def test_a_multiple_method_multiplies_the_metric_at_each_point() -> None:
    result = multiple_method_value(
        gives="enterprise", metric=10.0, multiples=MultipleRange(8.0, 9.0, 10.0), basis="b"
    )
    assert result.value == ValueRange(80.0, 90.0, 100.0)
    assert result.gives == "enterprise"
    assert result.warnings == ()
    assert result.warning_codes == ()


def test_a_yield_method_divides_and_reverses_the_order() -> None:
    result = yield_method_value(metric=7.0, yields=MultipleRange(0.05, 0.07, 0.10), basis="b")
    assert result.value == ValueRange(7.0 / 0.10, 7.0 / 0.07, 7.0 / 0.05)
    assert result.gives == "equity"


def test_a_range_more_than_twice_as_high_as_low_is_warned_of() -> None:
    result = multiple_method_value(
        gives="equity", metric=1.0, multiples=MultipleRange(8.0, 13.0, 17.0), basis="b"
    )
    assert result.warning_codes == (WIDE_MULTIPLE_RANGE,)
    assert "17" in result.warnings[0] and "8" in result.warnings[0]


def test_a_range_exactly_twice_as_high_as_low_is_not_warned_of() -> None:
    result = multiple_method_value(
        gives="equity", metric=1.0, multiples=MultipleRange(8.0, 12.0, 16.0), basis="b"
    )
    assert result.warning_codes == ()


def test_details_cannot_be_changed_after_the_fact() -> None:
    figures = {"factor": 1.5}
    result = multiple_method_value(
        gives="equity",
        metric=1.0,
        multiples=MultipleRange(1.0, 1.0, 1.0),
        basis="b",
        details=figures,
    )
    figures["factor"] = 9.0
    assert result.details == {"factor": 1.5}
    with pytest.raises(TypeError):
        result.details["factor"] = 2.0  # type: ignore[index]


def test_a_value_that_overflows_is_refused() -> None:
    with pytest.raises(ValuationInputError, match="overflows"):
        multiple_method_value(
            gives="equity", metric=1e300, multiples=MultipleRange(1e10, 1e10, 1e10), basis="b"
        )
