"""EV/EBIT: enterprise value from EBIT."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.ev_to_ebit import EBIT_NOT_POSITIVE, value_by_ev_to_ebit
from valuation.method_value import MethodNotApplicable, MultipleRange, multiple_range_from_caller
from valuation.synthesis import ValueRange


def test_ebit_times_the_multiple_range_is_the_enterprise_value_with_its_basis() -> None:
    # 12m x 9.0 = 108m; x 10.5 = 126m; x 12.0 = 144m.
    result = value_by_ev_to_ebit(12e6, MultipleRange(9.0, 10.5, 12.0), "FY1")
    assert result.value.low == pytest.approx(108e6)
    assert result.value.mid == pytest.approx(126e6)
    assert result.value.high == pytest.approx(144e6)
    assert result.gives == "enterprise"
    assert result.metric == 12e6
    assert result.basis == "EV/EBIT 9.0x / 10.5x / 12.0x on FY1 EBIT A$12m"


@pytest.mark.parametrize("ebit", [-1e6, 0.0])
def test_an_operating_loss_or_nil_ebit_is_not_valued_by_ev_to_ebit(ebit: float) -> None:
    with pytest.raises(MethodNotApplicable) as raised:
        value_by_ev_to_ebit(ebit, MultipleRange(9.0, 10.0, 11.0), "LTM")
    assert raised.value.code == EBIT_NOT_POSITIVE
    assert "LTM EBIT" in str(raised.value)


def test_ebit_that_is_not_a_number_is_an_input_error_not_a_loss() -> None:
    with pytest.raises(ValuationInputError) as raised:
        value_by_ev_to_ebit(math.inf, MultipleRange(9.0, 10.0, 11.0), "LTM")
    assert not isinstance(raised.value, MethodNotApplicable)


@given(
    ebit=st.floats(1.0, 1e11),
    bounds=st.lists(st.floats(0.5, 60.0), min_size=2, max_size=2).map(sorted),
)
def test_a_callers_ev_to_ebit_range_gives_ebit_times_low_midpoint_and_high_exactly(
    ebit: float, bounds: list[float]
) -> None:
    low, high = bounds
    result = value_by_ev_to_ebit(ebit, multiple_range_from_caller(low, high), "FY1")
    assert result.value == ValueRange(ebit * low, ebit * ((low + high) / 2), ebit * high)
