"""The common shape of the multiple methods: ranges of multiples and what a method returns."""

from __future__ import annotations

import math

import pytest

from valuation.comparables import MultipleStatistics, multiple_statistics
from valuation.errors import ValuationInputError
from valuation.method_value import (
    WIDE_MULTIPLE_RANGE,
    MethodNotApplicable,
    MultipleRange,
    multiple_method_value,
    multiple_range_from,
    multiple_range_from_caller,
    require_positive_metric,
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


def test_the_peers_quartiles_and_median_times_the_metric_are_low_mid_high() -> None:
    # Positive, not outliers: 6 7 8 9 10 11 (40 is outside Tukey's fences [3, 15]); p25 at
    # position 0.25 x 5 = 1.25: 7.25; median 8.5; p75 at 3.75: 9.75. Times 20m: 145m, 170m, 195m.
    peers: list[tuple[str, float | None]] = [
        ("A", 6.0), ("B", 7.0), ("C", -4.0), ("D", 8.0), ("E", 9.0), ("F", 40.0), ("G", 10.0),
        ("H", 11.0), ("I", None),
    ]  # fmt: skip
    multiples = multiple_range_from(multiple_statistics("ev_to_ebitda", peers))
    assert multiples is not None
    result = multiple_method_value(gives="enterprise", metric=20e6, multiples=multiples, basis="b")
    assert (result.value.low, result.value.mid, result.value.high) == pytest.approx(
        (145e6, 170e6, 195e6)
    )


@pytest.mark.parametrize("metric", [0.0, -5e6])
def test_a_metric_that_is_not_positive_makes_the_method_not_applicable(metric: float) -> None:
    """A multiple of a loss or of nothing implies no value: the method is left out, with its
    code, rather than valued at zero or below."""
    with pytest.raises(MethodNotApplicable) as raised:
        require_positive_metric("LTM EBITDA", metric, "EBITDA_NOT_POSITIVE", "why")
    assert raised.value.code == "EBITDA_NOT_POSITIVE"


def test_a_metric_that_is_not_a_number_is_an_input_error_not_a_method_left_out() -> None:
    with pytest.raises(ValuationInputError, match="not a finite number") as raised:
        require_positive_metric("LTM EBITDA", math.nan, "EBITDA_NOT_POSITIVE", "why")
    assert not isinstance(raised.value, MethodNotApplicable)
