"""The synthesis from the football field's bars to a valuation range and an offer range."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.synthesis import IpoPricing, MethodRange, ValueRange, bar, offer_range, synthesise

DEBT = 15e6  # net debt 10m + leases 5m


def ev_bar(method: str, value: ValueRange, weight: float) -> MethodRange:
    return bar(
        method,
        weight,
        value,
        gives="enterprise",
        debt_like=DEBT,
        period="FY1",
        multiples=None,
        basis="",
    )


DCF = ev_bar("DCF", ValueRange(90e6, 100e6, 120e6), 2.0)
COMPS = ev_bar("EV_TO_EBITDA", ValueRange(60e6, 70e6, 90e6), 1.0)
DEALS = ev_bar("PRECEDENT_TRANSACTIONS", ValueRange(150e6, 160e6, 170e6), 0.0)


def price(methods: list[MethodRange] | None = None, **overrides: Any) -> IpoPricing:
    settings: dict[str, Any] = {
        "pre_offer_shares": 100e6,
        "primary_raise": 20e6,
        "ipo_discount": 0.15,
        "debt_like": DEBT,
    } | overrides
    return synthesise(methods or [DCF, COMPS, DEALS], **settings)


def test_worked_example() -> None:
    result = price(subject_ebitda=10e6)
    # EV mid = (2 x 100m + 1 x 70m) / 3 = 90m; transactions weigh 0.
    assert result.enterprise_value.mid == pytest.approx(90e6)
    # Equity mid = 90m - 15m of debt and leases = 75m; 75m x 0.85 / 100m shares = 0.6375.
    assert result.equity_value.mid == pytest.approx(75e6)
    assert result.valuation_range.mid == pytest.approx(0.6375)
    assert result.price_per_share.mid == pytest.approx(0.6375)
    # New shares = 20m / 0.6375; post-money = 63.75m + 20m.
    assert result.new_shares == pytest.approx(20e6 / 0.6375)
    assert result.post_money_market_cap == pytest.approx(83.75e6)
    # Implied EV at the offer = 63.75m + 15m, over EBITDA 10m = 7.875x.
    assert result.implied_ev_to_ebitda == pytest.approx(7.875)


def test_the_effective_discount_is_measured_against_the_post_listing_value() -> None:
    result = price()
    # Post-listing value per share = (75m + 20m) / (100m + 20m / 0.6375) shares.
    post = (75e6 + 20e6) / (100e6 + 20e6 / 0.6375)
    assert result.effective_discount == pytest.approx(1 - 0.6375 / post)
    assert 0 < result.effective_discount < result.ipo_discount


def test_an_equity_method_bridges_up_to_enterprise_value() -> None:
    pe = bar(
        "PRICE_TO_EARNINGS",
        1.0,
        ValueRange(50e6, 60e6, 70e6),
        gives="equity",
        debt_like=DEBT,
        period="FY1",
        multiples=(10.0, 12.0, 14.0),
        basis="P/E",
    )
    assert pe.equity_value == ValueRange(50e6, 60e6, 70e6)
    assert pe.value == ValueRange(65e6, 75e6, 85e6)
    result = price([pe])
    assert result.equity_value.mid == pytest.approx(60e6)


def test_each_bar_is_priced_per_share_after_the_discount() -> None:
    result = price()
    dcf = result.methods[0]
    assert dcf.per_share is not None
    assert dcf.per_share.low == pytest.approx((90e6 - DEBT) * 0.85 / 100e6)


def test_the_offer_range_is_at_most_ten_per_cent_either_side_of_the_mid() -> None:
    result = price()
    p, v = result.price_per_share, result.valuation_range
    assert p.low == pytest.approx(v.mid * 0.9)
    assert p.high == pytest.approx(v.mid * 1.1)
    assert v.low <= p.low <= p.high <= v.high


def test_a_narrow_valuation_range_bounds_the_offer_range() -> None:
    narrow = ValueRange(0.98, 1.0, 1.05)
    offer = offer_range(narrow, 0.10)
    assert offer.low == pytest.approx(0.98)
    assert offer.mid == 1.0
    assert offer.high == pytest.approx(1.02)


def test_a_low_end_below_the_debt_floors_the_valuation_range_at_zero() -> None:
    wide = ev_bar("DCF", ValueRange(5e6, 60e6, 120e6), 1.0)
    result = price([wide])
    assert result.valuation_range.low == 0.0
    assert result.price_per_share.low > 0
    assert "EQUITY_NOT_POSITIVE_AT_LOW" in result.warning_codes


def test_a_bar_whose_low_end_is_below_the_debt_is_drawn_from_zero_per_share() -> None:
    """The valuation range's rule for each bar of the football field: a share is not priced
    below nothing. The bar's equity keeps the deficit (A$5m - A$15m of debt and leases)."""
    wide = ev_bar("DCF", ValueRange(5e6, 60e6, 120e6), 1.0)
    [drawn] = price([wide]).methods
    assert drawn.equity_value is not None and drawn.equity_value.low == pytest.approx(-10e6)
    assert drawn.per_share is not None
    assert drawn.per_share.low == 0.0
    assert drawn.per_share.mid == pytest.approx(45e6 * 0.85 / 100e6)


def test_a_mid_equity_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ValuationInputError, match="not positive"):
        price([ev_bar("DCF", ValueRange(5e6, 10e6, 20e6), 1.0)])


def test_a_negative_enterprise_value_is_refused_naming_the_method_not_the_debt() -> None:
    """A DCF whose terminal value is negative (RONIC below growth) drags the weighted EV below
    zero: the debt (A$15m) is not what to check."""
    negative = ev_bar("DCF", ValueRange(-900e6, -800e6, -700e6), 2.0)
    with pytest.raises(ValuationInputError, match="enterprise value is not positive") as refused:
        price([negative, COMPS])
    assert "DCF" in str(refused.value) and "net debt" not in str(refused.value)


def test_price_below_the_asx_minimum_is_warned() -> None:
    result = price(pre_offer_shares=1e9)
    assert "PRICE_BELOW_ASX_MINIMUM" in result.warning_codes


def test_offer_far_from_the_peer_median_is_warned() -> None:
    result = price(subject_ebitda=10e6, peer_median_ev_to_ebitda=3.0)
    assert "OFFER_FAR_FROM_PEERS" in result.warning_codes


def test_an_unusual_ipo_discount_is_warned() -> None:
    assert "UNUSUAL_IPO_DISCOUNT" in price(ipo_discount=0.40).warning_codes


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pre_offer_shares": 0}, "shares"),
        ({"primary_raise": -1}, "raise"),
        ({"ipo_discount": 1.0}, "discount"),
        ({"offer_range_width": 1.0}, "width"),
    ],
)
def test_impossible_inputs_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValuationInputError, match=message):
        price(**overrides)


def test_methods_without_weight_cannot_be_synthesised() -> None:
    with pytest.raises(ValuationInputError, match="positive weight"):
        price([DEALS])


amounts = st.floats(min_value=1e6, max_value=1e10)


@given(low=amounts, spread=st.floats(0, 1), discount=st.floats(0, 0.9), width=st.floats(0, 0.5))
def test_the_offer_range_sits_inside_the_valuation_range(
    low: float, spread: float, discount: float, width: float
) -> None:
    value = ValueRange(low, low * (1 + spread), low * (1 + 2 * spread))
    method = bar(
        "DCF", 1, value, gives="enterprise", debt_like=0.0, period=None, multiples=None, basis=""
    )
    result = price(
        [method],
        debt_like=0.0,
        ipo_discount=discount,
        offer_range_width=width,
        pre_offer_shares=1e6,
        primary_raise=1e6,
    )
    p, v = result.price_per_share, result.valuation_range
    assert 0 < p.low <= p.mid <= p.high
    assert v.low <= p.low * (1 + 1e-12) and p.high <= v.high * (1 + 1e-12)
    assert p.high - p.mid <= (width + 1e-12) * p.mid


@given(discount=st.floats(0, 0.8), more=st.floats(0.01, 0.19))
def test_a_bigger_ipo_discount_gives_a_lower_price(discount: float, more: float) -> None:
    lower = price(ipo_discount=discount + more).price_per_share.mid
    higher = price(ipo_discount=discount).price_per_share.mid
    assert lower < higher


@given(k=st.floats(0.1, 100))
def test_scaling_values_and_debt_by_k_scales_the_price_by_k(k: float) -> None:
    scaled = [
        bar(
            m.method,
            m.weight,
            m.value.scaled(k),
            gives="enterprise",
            debt_like=DEBT * k,
            period=None,
            multiples=None,
            basis="",
        )
        for m in (DCF, COMPS, DEALS)
    ]
    base = price().price_per_share.mid
    result = price(scaled, debt_like=DEBT * k, primary_raise=20e6 * k)
    assert result.price_per_share.mid == pytest.approx(base * k)
