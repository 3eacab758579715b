"""P/E: equity value from NPAT, and Damodaran's justified P/E of a stable-growth firm."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.method_value import MethodNotApplicable, MultipleRange, multiple_range_from_caller
from valuation.price_to_earnings import (
    EARNINGS_NOT_POSITIVE,
    justified_price_to_earnings,
    value_by_price_to_earnings,
)
from valuation.synthesis import ValueRange


def test_npat_times_the_pe_range_is_the_equity_value_with_its_basis() -> None:
    # 9.4m x 14.2 = 133.48m; x 16.0 = 150.4m; x 18.1 = 170.14m.
    result = value_by_price_to_earnings(9.4e6, MultipleRange(14.2, 16.0, 18.1), "FY1")
    assert result.value.low == pytest.approx(133.48e6)
    assert result.value.mid == pytest.approx(150.4e6)
    assert result.value.high == pytest.approx(170.14e6)
    assert result.gives == "equity"
    assert result.metric == 9.4e6
    assert result.multiples == MultipleRange(14.2, 16.0, 18.1)
    assert result.basis == "P/E 14.2x / 16.0x / 18.1x on FY1 NPAT A$9.4m"
    assert result.warnings == ()


@pytest.mark.parametrize("npat", [-2.5e6, 0.0])
def test_a_loss_or_nil_npat_is_not_valued_by_pe(npat: float) -> None:
    with pytest.raises(MethodNotApplicable) as raised:
        value_by_price_to_earnings(npat, MultipleRange(14.0, 15.0, 16.0), "FY1")
    assert raised.value.code == EARNINGS_NOT_POSITIVE
    assert "FY1 NPAT" in str(raised.value)


def test_npat_that_is_not_a_number_is_an_input_error_not_a_loss() -> None:
    with pytest.raises(ValuationInputError) as raised:
        value_by_price_to_earnings(math.nan, MultipleRange(14.0, 15.0, 16.0), "FY1")
    assert not isinstance(raised.value, MethodNotApplicable)


def test_an_empty_period_label_is_refused() -> None:
    with pytest.raises(ValuationInputError, match="period label"):
        value_by_price_to_earnings(1e6, MultipleRange(14.0, 15.0, 16.0), "  ")


def test_justified_pe_of_con_ed_matches_damodarans_dividend_discount_value() -> None:
    """Damodaran, "The Dividend Discount Model" lecture notes (companion to Investment
    Valuation, 2nd ed., Wiley 2002, ch. 13), "Con Ed: A Stable Growth DDM: December 31, 2000":
    EPS $3.15, payout 69.21 %, DPS $2.18, g 3 %, ke = 5.1 % + 0.80 x 4 % = 8.30 %; value per
    share $2.18 x 1.03 / (0.083 - 0.03) = $42.37 (copy at coursehero.com/file/6836890/chap-13).
    The P/E form of the same model (Investment Valuation ch. 18):
    trailing 0.6921 x 1.03 / 0.053 = 13.45, forward 0.6921 / 0.053 = 13.06."""
    trailing = justified_price_to_earnings(0.6921, 0.03, 0.083, forward=False)
    forward = justified_price_to_earnings(0.6921, 0.03, 0.083, forward=True)
    assert trailing == pytest.approx(13.4502, abs=1e-4)
    assert forward == pytest.approx(13.0585, abs=1e-4)
    assert trailing * 3.15 == pytest.approx(42.37, abs=0.005)


def test_justified_forward_pe_reproduces_damodarans_deutsche_bank_terminal_value() -> None:
    """Damodaran, Applied Corporate Finance lecture slides, "A Dividend Discount Model
    Valuation: Deutsche Bank" (2003 figures; text copy at ajjacobson.us/finance-analysis/
    info-qfg.html): in stable growth g 4 %, ke 8.87 %, ROE 8.87 %, payout 1 - 0.04 / 0.0887 =
    54.9 %; year-6 dividend EUR 3.5263, so year-6 EPS = 3.5263 / 0.549 = EUR 6.4231; terminal
    value 3.5263 / (0.0887 - 0.04) = EUR 72.41 = forward P/E 0.549 / 0.0487 = 11.27 x 6.4231."""
    forward = justified_price_to_earnings(0.549, 0.04, 0.0887, forward=True)
    assert forward == pytest.approx(11.273, abs=1e-3)
    assert forward * (3.5263 / 0.549) == pytest.approx(72.41, abs=0.005)


def test_cost_of_equity_not_above_growth_has_no_justified_pe() -> None:
    with pytest.raises(ValuationInputError, match="exceed growth"):
        justified_price_to_earnings(0.5, 0.08, 0.08, forward=True)


@pytest.mark.parametrize("payout", [0.0, -0.2, math.nan])
def test_a_payout_that_is_not_positive_has_no_justified_pe(payout: float) -> None:
    with pytest.raises(ValuationInputError):
        justified_price_to_earnings(payout, 0.03, 0.09, forward=False)


@given(
    payout=st.floats(0.01, 1.0),
    growth=st.floats(-0.05, 0.06),
    premium=st.floats(0.005, 0.15),
)
def test_trailing_pe_is_the_forward_pe_times_one_plus_growth(
    payout: float, growth: float, premium: float
) -> None:
    ke = growth + premium
    trailing = justified_price_to_earnings(payout, growth, ke, forward=False)
    forward = justified_price_to_earnings(payout, growth, ke, forward=True)
    assert trailing == pytest.approx(forward * (1 + growth), rel=1e-12)


@given(
    npat=st.floats(1.0, 1e11),
    bounds=st.lists(st.floats(0.5, 80.0), min_size=2, max_size=2).map(sorted),
)
def test_a_callers_pe_range_gives_npat_times_low_midpoint_and_high_exactly(
    npat: float, bounds: list[float]
) -> None:
    low, high = bounds
    result = value_by_price_to_earnings(npat, multiple_range_from_caller(low, high), "FY1")
    assert result.value == ValueRange(npat * low, npat * ((low + high) / 2), npat * high)
