"""The synthesis from method ranges to an IPO price range per share."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.synthesis import IpoPricing, MethodRange, ValueRange, synthesise

DCF = MethodRange("dcf", ValueRange(90e6, 100e6, 120e6), 2.0)
COMPS = MethodRange("trading_comparables", ValueRange(60e6, 70e6, 90e6), 1.0)
DEALS = MethodRange("precedent_transactions", ValueRange(150e6, 160e6, 170e6), 0.0)


def price(
    *,
    net_debt: float = 10e6,
    lease_liabilities: float = 5e6,
    ebitda_post_aasb16: bool = False,
    pre_offer_shares: float = 100e6,
    primary_raise: float = 20e6,
    ipo_discount: float = 0.15,
    subject_ebitda: float | None = None,
    peer_median_ev_to_ebitda: float | None = None,
) -> IpoPricing:
    return synthesise(
        [DCF, COMPS, DEALS],
        net_debt=net_debt,
        lease_liabilities=lease_liabilities,
        ebitda_post_aasb16=ebitda_post_aasb16,
        pre_offer_shares=pre_offer_shares,
        primary_raise=primary_raise,
        ipo_discount=ipo_discount,
        subject_ebitda=subject_ebitda,
        peer_median_ev_to_ebitda=peer_median_ev_to_ebitda,
    )


def test_worked_example() -> None:
    result = price(subject_ebitda=10e6)
    # EV mid = (2 x 100m + 1 x 70m) / 3 = 90m; transactions weigh 0.
    assert result.enterprise_value.mid == pytest.approx(90e6)
    # Equity mid = 90m - 10m net debt = 80m; price = 80m x 0.85 / 100m shares = 0.68.
    assert result.equity_value.mid == pytest.approx(80e6)
    assert result.price_per_share.mid == pytest.approx(0.68)
    # New shares = 20m / 0.68; post-money = 0.68 x (100m + new shares) = 68m + 20m.
    assert result.new_shares == pytest.approx(20e6 / 0.68)
    assert result.post_money_market_cap == pytest.approx(88e6)
    # Implied EV at the offer = 68m equity + 10m net debt = 78m, over EBITDA 10m = 7.8x.
    assert result.implied_ev_to_ebitda == pytest.approx(7.8)


def test_lease_liabilities_count_as_debt_only_after_aasb16() -> None:
    before = price(ebitda_post_aasb16=False).equity_value.mid
    after = price(ebitda_post_aasb16=True).equity_value.mid
    assert before - after == pytest.approx(5e6)


def test_price_below_the_asx_minimum_is_warned() -> None:
    result = price(pre_offer_shares=1e9)
    assert any("minimum issue price" in w for w in result.warnings)


def test_offer_far_from_the_peer_median_is_warned() -> None:
    result = price(subject_ebitda=10e6, peer_median_ev_to_ebitda=3.0)
    assert any("peer median" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pre_offer_shares": 0}, "shares"),
        ({"primary_raise": -1}, "raise"),
        ({"ipo_discount": 1.0}, "discount"),
    ],
)
def test_impossible_inputs_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValuationInputError, match=message):
        price(**overrides)


def test_methods_without_weight_cannot_be_synthesised() -> None:
    with pytest.raises(ValuationInputError, match="positive weight"):
        synthesise(
            [DEALS],
            net_debt=0,
            lease_liabilities=0,
            ebitda_post_aasb16=False,
            pre_offer_shares=1,
            primary_raise=0,
        )


amounts = st.floats(min_value=1e6, max_value=1e10)


@given(low=amounts, spread=st.floats(0, 1), discount=st.floats(0, 0.9))
def test_price_range_is_ordered(low: float, spread: float, discount: float) -> None:
    method = MethodRange("dcf", ValueRange(low, low * (1 + spread), low * (1 + 2 * spread)), 1)
    result = synthesise(
        [method],
        net_debt=0,
        lease_liabilities=0,
        ebitda_post_aasb16=False,
        pre_offer_shares=1e6,
        primary_raise=1e6,
        ipo_discount=discount,
    )
    p = result.price_per_share
    assert p.low <= p.mid <= p.high


@given(discount=st.floats(0, 0.8), more=st.floats(0.01, 0.19))
def test_a_bigger_ipo_discount_gives_a_lower_price(discount: float, more: float) -> None:
    lower = price(ipo_discount=discount + more).price_per_share.mid
    higher = price(ipo_discount=discount).price_per_share.mid
    assert lower < higher


@given(k=st.floats(0.1, 100))
def test_scaling_values_and_debt_by_k_scales_the_price_by_k(k: float) -> None:
    scaled = [MethodRange(m.method, m.value.scaled(k), m.weight) for m in (DCF, COMPS, DEALS)]
    base = price().price_per_share.mid
    result = synthesise(
        scaled,
        net_debt=10e6 * k,
        lease_liabilities=5e6 * k,
        ebitda_post_aasb16=False,
        pre_offer_shares=100e6,
        primary_raise=20e6 * k,
    )
    assert result.price_per_share.mid == pytest.approx(base * k)
