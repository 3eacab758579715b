"""CAPM and WACC build-up, and Hamada's levering and unlevering of beta."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.wacc import (
    WaccBuildUp,
    cost_of_equity_build_up,
    relever_beta,
    unlever_beta,
    wacc_build_up,
)


def textbook(**overrides: Any) -> WaccBuildUp:
    arguments: dict[str, Any] = {
        "unlevered_beta": 0.9,
        "debt_to_equity": 0.25,
        "credit_spread": 0.02,
    }
    arguments.update(overrides)
    return wacc_build_up(0.045, 0.06, 0.30, **arguments)


def test_textbook_build_up_matches_the_hand_calculation() -> None:
    # rf 4.5 %, MRP 6 %, beta_U 0.9, D/E 0.25, t 30 %, credit spread 2 %:
    # beta_L = 0.9 * (1 + (1 - 0.30) * 0.25) = 0.9 * 1.175 = 1.0575
    # Ke     = 0.045 + 1.0575 * 0.06 = 0.045 + 0.06345 = 0.10845
    # Kd     = 0.045 + 0.02 = 0.065 pre-tax; 0.065 * (1 - 0.30) = 0.0455 after tax
    # We     = 1 / 1.25 = 0.8; Wd = 0.25 / 1.25 = 0.2
    # WACC   = 0.8 * 0.10845 + 0.2 * 0.0455 = 0.08676 + 0.0091 = 0.09586
    result = textbook()
    assert result.levered_beta == pytest.approx(1.0575)
    assert result.cost_of_equity == pytest.approx(0.10845)
    assert result.pre_tax_cost_of_debt == pytest.approx(0.065)
    assert result.after_tax_cost_of_debt == pytest.approx(0.0455)
    assert result.equity_weight == pytest.approx(0.8)
    assert result.debt_weight == pytest.approx(0.2)
    assert result.wacc == pytest.approx(0.09586)
    assert result.warnings == ()


def test_company_specific_premium_adds_to_the_cost_of_equity_only() -> None:
    # Ke = 0.10845 + 0.01 = 0.11845; WACC = 0.8 * 0.11845 + 0.2 * 0.0455 = 0.09476 + 0.0091
    result = textbook(company_specific_premium=0.01)
    assert result.cost_of_equity == pytest.approx(0.11845)
    assert result.after_tax_cost_of_debt == pytest.approx(0.0455)
    assert result.wacc == pytest.approx(0.10386)


def test_market_values_give_the_same_weights_as_the_equivalent_debt_to_equity() -> None:
    # D/E = 25m / 100m = 0.25, the textbook structure.
    by_values = textbook(debt_to_equity=None, equity_value=100e6, debt_value=25e6)
    assert by_values.wacc == pytest.approx(textbook().wacc)
    assert by_values.equity_weight == pytest.approx(0.8)


def test_levered_beta_is_unlevered_at_the_given_structure() -> None:
    # beta_U = 1.0575 / 1.175 = 0.9
    result = textbook(unlevered_beta=None, levered_beta=1.0575)
    assert result.unlevered_beta == pytest.approx(0.9)
    assert result.wacc == pytest.approx(textbook().wacc)


def test_levered_beta_without_a_structure_is_all_equity_with_a_warning() -> None:
    # Ke = 0.045 + 1.2 * 0.06 = 0.117, and with no debt the WACC is Ke.
    result = wacc_build_up(0.045, 0.06, 0.30, levered_beta=1.2)
    assert result.unlevered_beta is None
    assert result.debt_weight == 0.0
    assert result.pre_tax_cost_of_debt is None
    assert result.wacc == pytest.approx(0.117)
    assert any("all-equity" in warning for warning in result.warnings)


def test_explicit_pre_tax_cost_of_debt_is_used_as_given() -> None:
    result = textbook(credit_spread=None, pre_tax_cost_of_debt=0.07)
    assert result.after_tax_cost_of_debt == pytest.approx(0.049)  # 0.07 * 0.7


@pytest.mark.parametrize(
    ("levered", "expect_warning"),
    [(0.3, True), (1.0, False), (3.5, True)],
    ids=["below-5%", "inside", "above-20%"],
)
def test_wacc_outside_five_to_twenty_percent_is_warned(
    levered: float, expect_warning: bool
) -> None:
    # All-equity, so WACC = Ke = 0.02 + beta * 0.06: 0.038, 0.08 and 0.23.
    result = wacc_build_up(0.02, 0.06, 0.30, levered_beta=levered, debt_to_equity=0.0)
    assert any("outside the usual 5%-20%" in w for w in result.warnings) is expect_warning


@given(
    beta=st.floats(0.05, 3.0),
    debt_to_equity=st.floats(0.0, 5.0),
    tax_rate=st.floats(0.0, 0.5),
)
def test_relever_then_unlever_returns_the_asset_beta(
    beta: float, debt_to_equity: float, tax_rate: float
) -> None:
    levered = relever_beta(beta, debt_to_equity, tax_rate)
    assert unlever_beta(levered, debt_to_equity, tax_rate) == pytest.approx(beta, rel=1e-12)


@given(
    beta=st.floats(0.05, 3.0),
    debt_to_equity=st.floats(0.01, 5.0),
    tax_rate=st.floats(0.0, 0.5),
)
def test_levering_raises_beta_with_debt(
    beta: float, debt_to_equity: float, tax_rate: float
) -> None:
    assert relever_beta(beta, debt_to_equity, tax_rate) > beta


@pytest.mark.parametrize(
    "arguments",
    [
        {"unlevered_beta": None},
        {"levered_beta": 1.0},
    ],
    ids=["neither-beta", "both-betas"],
)
def test_exactly_one_beta_is_required(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValuationInputError, match="exactly one of levered_beta and unlevered_beta"):
        textbook(**arguments)


def test_unlevered_beta_without_a_structure_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="unlevered beta needs debt_to_equity"):
        textbook(debt_to_equity=None)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"debt_to_equity": -0.1}, "debt_to_equity cannot be negative"),
        ({"debt_to_equity": None, "equity_value": 100.0, "debt_value": -5.0}, "debt_value"),
        ({"debt_to_equity": None, "equity_value": 0.0, "debt_value": 5.0}, "equity_value"),
        ({"debt_to_equity": None, "equity_value": 100.0}, "go together"),
        ({"equity_value": 100.0, "debt_value": 25.0}, "not both"),
        ({"credit_spread": None}, "give pre_tax_cost_of_debt or credit_spread"),
        ({"pre_tax_cost_of_debt": 0.07}, "not both"),
        ({"tax_rate": 1.0}, "tax_rate"),
        ({"risk_free_rate": float("nan")}, "finite"),
    ],
    ids=[
        "negative-d/e",
        "negative-debt",
        "zero-equity",
        "half-a-structure",
        "two-structures",
        "debt-without-a-cost",
        "two-costs-of-debt",
        "tax-rate-100%",
        "nan-rate",
    ],
)
def test_bad_inputs_are_rejected(arguments: dict[str, Any], message: str) -> None:
    positional = {"risk_free_rate": 0.045, "market_risk_premium": 0.06, "tax_rate": 0.30}
    keyword: dict[str, Any] = {
        "unlevered_beta": 0.9,
        "debt_to_equity": 0.25,
        "credit_spread": 0.02,
    }
    for name, value in arguments.items():
        (positional if name in positional else keyword)[name] = value
    with pytest.raises(ValueError, match=message):
        wacc_build_up(
            positional["risk_free_rate"],
            positional["market_risk_premium"],
            positional["tax_rate"],
            **keyword,
        )


def test_the_cost_of_equity_is_the_same_with_or_without_the_debt_half() -> None:
    full = textbook()
    equity = cost_of_equity_build_up(0.045, 0.06, 0.30, unlevered_beta=0.9, debt_to_equity=0.25)
    assert (equity.levered_beta, equity.cost_of_equity) == (full.levered_beta, full.cost_of_equity)
