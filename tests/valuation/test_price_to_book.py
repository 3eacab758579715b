"""P/B against ROE for banks and insurers, P/NTA for REITs and P/EV for life insurers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.method_value import (
    MethodNotApplicable,
    MethodValue,
    MultipleRange,
    multiple_range_from_caller,
)
from valuation.price_to_book import (
    BOOK_EQUITY_NOT_POSITIVE,
    EMBEDDED_VALUE_NOT_POSITIVE,
    NTA_NOT_POSITIVE,
    ROE_ADJUSTMENT_INCOMPLETE,
    ROE_ADJUSTMENT_NOT_APPLIED,
    justified_price_to_book,
    value_by_price_to_book,
    value_by_price_to_embedded_value,
    value_by_price_to_nta,
)
from valuation.synthesis import ValueRange

PEERS = MultipleRange(1.0, 1.2, 1.4)


def test_deutsche_bank_earning_its_cost_of_equity_in_stable_growth_trades_at_book() -> None:
    """Damodaran, Applied Corporate Finance lecture slides, "A Dividend Discount Model
    Valuation: Deutsche Bank" (2003 figures; text copy at ajjacobson.us/finance-analysis/
    info-qfg.html): in stable growth the return on equity drops to the cost of equity, 8.87 %,
    with g 4 % and payout 1 - 0.04 / 0.0887 = 54.9 %. (0.0887 - 0.04) / (0.0887 - 0.04) = 1, as
    is the payout form ROE x payout / (ke - g) = 0.0887 x 0.549 / 0.0487 = 1.00 (Investment
    Valuation, 2nd ed., ch. 19: a firm earning its cost of equity trades at book)."""
    assert justified_price_to_book(0.0887, 0.0887, 0.04) == 1.0
    payout_form = 0.0887 * 0.549 / (0.0887 - 0.04)
    assert payout_form == pytest.approx(1.0, abs=1e-3)


def test_a_bank_earning_above_its_cost_of_equity_trades_above_book() -> None:
    # Constructed: ROE 12 %, ke 10 %, g 3 %: (0.12 - 0.03) / (0.10 - 0.03) = 0.09 / 0.07 = 1.2857.
    assert justified_price_to_book(0.12, 0.10, 0.03) == pytest.approx(1.285714, abs=1e-6)
    # ROE 8 % below ke 10 %: 0.05 / 0.07 = 0.7143.
    assert justified_price_to_book(0.08, 0.10, 0.03) == pytest.approx(0.714286, abs=1e-6)


def test_cost_of_equity_not_above_growth_has_no_justified_pb() -> None:
    with pytest.raises(ValuationInputError, match="exceed growth"):
        justified_price_to_book(0.12, 0.04, 0.05)


@given(ke=st.floats(0.02, 0.25), gap=st.floats(0.001, 0.2))
def test_justified_pb_is_one_when_roe_equals_the_cost_of_equity(ke: float, gap: float) -> None:
    assert justified_price_to_book(ke, ke, ke - gap) == 1.0


def test_book_equity_times_the_peers_pb_is_the_equity_value() -> None:
    # 400m x 1.0 / 1.2 / 1.4 = 400m / 480m / 560m.
    result = value_by_price_to_book(400e6, PEERS)
    assert result.value.low == pytest.approx(400e6)
    assert result.value.mid == pytest.approx(480e6)
    assert result.value.high == pytest.approx(560e6)
    assert result.gives == "equity"
    assert result.basis == "P/B 1.00x / 1.20x / 1.40x on book equity A$400m"
    assert result.warnings == ()
    assert dict(result.details) == {}


def test_peers_pb_is_scaled_up_for_a_subject_earning_a_higher_roe() -> None:
    """Constructed: peers' P/B 1.0 / 1.2 / 1.4 at a median ROE of 10 %; the subject earns 13 %;
    ke 10 %, g 3 % for both. Factor (0.13 - 0.03) / (0.10 - 0.03) = 0.10 / 0.07 = 1.428571;
    P/B 1.4286 / 1.7143 / 2.0000 on book A$400m = A$571.4m / A$685.7m / A$800.0m. The peers earn
    ke, so their justified P/B is 1 and the factor is the subject's justified P/B."""
    result = value_by_price_to_book(
        400e6, PEERS, subject_roe=0.13, peer_median_roe=0.10, cost_of_equity=0.10, growth=0.03
    )
    assert result.details["roe_adjustment_factor"] == pytest.approx(1.428571, abs=1e-6)
    assert result.details["peer_justified_price_to_book"] == 1.0
    assert result.details["subject_justified_price_to_book"] == pytest.approx(1.428571, abs=1e-6)
    assert result.details["peer_price_to_book_mid"] == 1.2
    assert result.multiples.mid == pytest.approx(1.714286, abs=1e-6)
    assert result.value.low == pytest.approx(571.43e6, rel=1e-5)
    assert result.value.mid == pytest.approx(685.71e6, rel=1e-5)
    assert result.value.high == pytest.approx(800e6)
    assert result.basis == (
        "P/B 1.43x / 1.71x / 2.00x on book equity A$400m: the peers' 1.00x / 1.20x / 1.40x "
        "scaled by 1.43 for ROE 13.0% against the peer median 10.0% ((ROE - g) / (peer ROE - g), "
        "g 3.0% and ke 10.0% for both)"
    )
    assert result.warnings == ()


def test_peers_pb_is_scaled_down_for_a_subject_earning_a_lower_roe() -> None:
    # (0.08 - 0.03) / (0.12 - 0.03) = 0.05 / 0.09 = 0.5556; mid 1.2 x 0.5556 = 0.6667.
    result = value_by_price_to_book(
        300e6, PEERS, subject_roe=0.08, peer_median_roe=0.12, cost_of_equity=0.10, growth=0.03
    )
    assert result.details["roe_adjustment_factor"] == pytest.approx(0.555556, abs=1e-6)
    assert result.value.mid == pytest.approx(300e6 * 1.2 * 5 / 9)


def test_some_but_not_all_roe_inputs_apply_the_peers_pb_unscaled_with_a_warning() -> None:
    result = value_by_price_to_book(400e6, PEERS, subject_roe=0.13, peer_median_roe=0.10)
    assert result.value == value_by_price_to_book(400e6, PEERS).value
    assert result.warning_codes == (ROE_ADJUSTMENT_INCOMPLETE,)
    assert "cost of equity, growth" in result.warnings[0]


def test_an_roe_not_above_growth_applies_the_peers_pb_unscaled_with_a_warning() -> None:
    result = value_by_price_to_book(
        400e6, PEERS, subject_roe=0.02, peer_median_roe=0.10, cost_of_equity=0.10, growth=0.03
    )
    assert result.value == value_by_price_to_book(400e6, PEERS).value
    assert result.warning_codes == (ROE_ADJUSTMENT_NOT_APPLIED,)


def test_an_roe_adjustment_with_ke_not_above_growth_is_refused() -> None:
    with pytest.raises(ValuationInputError, match="exceed growth"):
        value_by_price_to_book(
            400e6, PEERS, subject_roe=0.13, peer_median_roe=0.10, cost_of_equity=0.03, growth=0.03
        )


@pytest.mark.parametrize(
    ("method", "code"),
    [
        (value_by_price_to_book, BOOK_EQUITY_NOT_POSITIVE),
        (value_by_price_to_nta, NTA_NOT_POSITIVE),
        (value_by_price_to_embedded_value, EMBEDDED_VALUE_NOT_POSITIVE),
    ],
)
@pytest.mark.parametrize("figure", [0.0, -50e6])
def test_a_deficit_or_nil_base_is_not_valued_by_a_book_multiple(
    method: Callable[[float, MultipleRange], MethodValue], code: str, figure: float
) -> None:
    with pytest.raises(MethodNotApplicable) as raised:
        method(figure, PEERS)
    assert raised.value.code == code


def test_a_reit_is_valued_on_its_nta() -> None:
    # NTA A$1.2bn x 0.90 / 1.00 / 1.10 = A$1.08bn / A$1.2bn / A$1.32bn.
    result = value_by_price_to_nta(1.2e9, MultipleRange(0.9, 1.0, 1.1))
    assert result.value.low == pytest.approx(1.08e9)
    assert result.value.high == pytest.approx(1.32e9)
    assert result.basis == "P/NTA 0.90x / 1.00x / 1.10x on net tangible assets A$1.2bn"


def test_a_life_insurer_is_valued_on_its_embedded_value() -> None:
    # EV A$2.5bn x 0.8 / 0.9 / 1.0 = A$2.0bn / A$2.25bn / A$2.5bn.
    result = value_by_price_to_embedded_value(2.5e9, MultipleRange(0.8, 0.9, 1.0))
    assert result.value.mid == pytest.approx(2.25e9)
    assert result.gives == "equity"
    assert result.basis == "P/EV 0.80x / 0.90x / 1.00x on embedded value A$2.5bn"


@pytest.mark.parametrize(
    "method", [value_by_price_to_book, value_by_price_to_nta, value_by_price_to_embedded_value]
)
@given(
    figure=st.floats(1.0, 1e11),
    bounds=st.lists(st.floats(0.05, 10.0), min_size=2, max_size=2).map(sorted),
)
def test_a_callers_book_multiple_range_gives_figure_times_low_midpoint_and_high_exactly(
    method: Callable[[float, MultipleRange], MethodValue], figure: float, bounds: list[float]
) -> None:
    low, high = bounds
    result = method(figure, multiple_range_from_caller(low, high))
    assert result.value == ValueRange(figure * low, figure * ((low + high) / 2), figure * high)
