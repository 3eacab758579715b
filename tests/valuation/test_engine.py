"""One valuation end to end, on sample-provider peers and the real RBA yield."""

from __future__ import annotations

import dataclasses

import pytest

from bench.valuation_inputs import inputs, peers, rates
from valuation.engine import Transaction, value_company


def test_price_range_is_ordered_and_positive() -> None:
    price = value_company(inputs(), peers(), [], rates()).pricing.price_per_share
    assert 0 < price.low <= price.mid <= price.high


def test_risk_free_rate_is_the_latest_rba_ten_year_yield() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert result.wacc.risk_free_rate == pytest.approx(0.04926)


def test_an_explicit_risk_free_rate_overrides_the_rba() -> None:
    result = value_company(inputs(risk_free_rate=0.03), peers(), [], rates())
    assert result.wacc.risk_free_rate == pytest.approx(0.03)


def test_same_inputs_give_the_same_result() -> None:
    assert value_company(inputs(), peers(), [], rates()) == value_company(
        inputs(), peers(), [], rates()
    )


def test_transactions_are_shown_but_weigh_nothing_by_default() -> None:
    deals = [Transaction(f"T{n}", 10.0 + n, 0.3) for n in range(6)]
    without = value_company(inputs(), peers(), [], rates()).pricing.price_per_share
    result = value_company(inputs(), peers(), deals, rates())
    assert result.pricing.price_per_share == without
    assert any(m.method == "precedent_transactions" for m in result.pricing.methods)
    assert result.median_control_premium == pytest.approx(0.3)


def test_a_higher_market_risk_premium_lowers_the_price() -> None:
    low_mrp = value_company(inputs(market_risk_premium=0.05), peers(), [], rates())
    high_mrp = value_company(inputs(market_risk_premium=0.08), peers(), [], rates())
    assert high_mrp.pricing.price_per_share.mid < low_mrp.pricing.price_per_share.mid


def test_sensitivity_grid_centre_is_the_dcf_value() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert result.sensitivity[2][2] == pytest.approx(result.dcf.enterprise_value)


def test_without_a_forecast_cash_flows_are_projected_from_history() -> None:
    projected = dataclasses.replace(inputs(), forecast=[])
    result = value_company(projected, peers(), [], rates())
    assert len(result.cash_flows) == 5


def test_without_peers_the_beta_cannot_be_estimated() -> None:
    from valuation.errors import ValuationInputError

    with pytest.raises(ValuationInputError, match="peers"):
        value_company(inputs(), [], [], rates())
