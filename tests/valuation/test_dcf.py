"""FCFF, discounting, the Gordon terminal value and projection."""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy_financial as npf  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from providers.models import FinancialPeriod
from valuation.dcf import (
    discount_cash_flows,
    free_cash_flow_to_firm,
    project_cash_flows,
)
from valuation.errors import ValuationInputError

FLOWS = [10.0, 12.0, 13.5, 14.0, 15.0]

cash_flows = st.lists(st.floats(1.0, 1e9), min_size=1, max_size=10)
rates = st.floats(0.02, 0.30)  # above every terminal growth drawn below


def test_free_cash_flow_to_firm_of_one_year() -> None:
    # 100 * (1 - 0.3) + 20 - 30 - 5 = 70 + 20 - 35 = 55
    assert free_cash_flow_to_firm(100.0, 0.3, 20.0, 30.0, 5.0) == pytest.approx(55.0)


def test_free_cash_flow_to_firm_is_element_wise_over_arrays() -> None:
    result = free_cash_flow_to_firm(
        np.array([100.0, 200.0]), 0.3, np.array([20.0, 20.0]), 30.0, np.array([5.0, -5.0])
    )
    np.testing.assert_allclose(result, [55.0, 135.0])  # 140 + 20 - 30 + 5 = 135


def test_present_value_matches_numpy_financial_npv() -> None:
    # npv discounts its first value at t = 0; a leading 0 puts the flows at t = 1..N.
    result = discount_cash_flows(FLOWS, 0.10)
    assert result.present_value_of_cash_flows == pytest.approx(npf.npv(0.10, [0.0, *FLOWS]))
    assert result.enterprise_value == result.present_value_of_cash_flows


def test_without_terminal_growth_there_is_no_terminal_value() -> None:
    result = discount_cash_flows(FLOWS, 0.10)
    assert result.terminal_value is None
    assert result.present_value_of_terminal_value is None
    assert result.terminal_value_share is None


def test_gordon_terminal_value_on_a_hand_example() -> None:
    # Flows 100 and 110 at r = 10 %, g = 2 %:
    # PV flows = 100 / 1.1 + 110 / 1.21 = 90.9091 + 90.9091 = 181.8182
    # TV at year 2 = 110 * 1.02 / (0.10 - 0.02) = 112.2 / 0.08 = 1402.5
    # PV TV = 1402.5 / 1.21 = 1159.0909; EV = 1340.9091; share = 1159.0909 / 1340.9091 = 0.8644
    result = discount_cash_flows([100.0, 110.0], 0.10, 0.02)
    assert result.present_value_of_cash_flows == pytest.approx(181.818182)
    assert result.terminal_value == pytest.approx(1402.5)
    assert result.present_value_of_terminal_value == pytest.approx(1159.090909)
    assert result.enterprise_value == pytest.approx(1340.909091)
    assert result.terminal_value_share == pytest.approx(0.864407, rel=1e-5)


def test_mid_year_brings_every_flow_and_the_perpetuity_half_a_year_forward() -> None:
    # The hand example above at mid-year: 100 / 1.1^0.5 + 110 / 1.1^1.5 = 95.3463 + 95.3463
    # = 190.6925; the TV is still 1402.5, now at t = 1.5: 1402.5 / 1.1^1.5 = 1215.6648;
    # EV = 1406.3573, the year-end 1340.9091 times 1.1^0.5.
    result = discount_cash_flows([100.0, 110.0], 0.10, 0.02, mid_year=True)
    assert result.present_value_of_cash_flows == pytest.approx(190.692518)
    assert result.terminal_value == pytest.approx(1402.5)
    assert result.present_value_of_terminal_value == pytest.approx(1215.664801)
    assert result.enterprise_value == pytest.approx(1406.357319)
    assert result.terminal_value_share == pytest.approx(0.864407, rel=1e-5)


def test_terminal_value_over_three_quarters_of_value_is_warned() -> None:
    # The hand example above: the terminal value is 86 % of EV.
    result = discount_cash_flows([100.0, 110.0], 0.10, 0.02)
    assert any("terminal value is 86%" in warning for warning in result.warnings)


def test_terminal_value_under_three_quarters_of_value_is_not_warned() -> None:
    # Ten years at 20 % with no growth: PV TV = (15 / 0.2) / 1.2^10 = 12.1, far below 75 % of EV.
    result = discount_cash_flows([15.0] * 10, 0.20, 0.0)
    assert result.terminal_value_share is not None and result.terminal_value_share < 0.75
    assert result.warnings == ()


@pytest.mark.parametrize("growth", [0.10, 0.12], ids=["equal", "above"])
def test_growth_not_below_the_discount_rate_is_an_error(growth: float) -> None:
    with pytest.raises(ValuationInputError, match="must be below the discount rate"):
        discount_cash_flows(FLOWS, 0.10, growth)


def test_empty_cash_flows_are_an_error() -> None:
    with pytest.raises(ValuationInputError, match="non-empty"):
        discount_cash_flows([], 0.10)


def test_non_finite_cash_flows_are_an_error() -> None:
    with pytest.raises(ValuationInputError, match="finite"):
        discount_cash_flows([1.0, float("nan")], 0.10)


@given(flows=cash_flows, rate=rates, step=st.floats(0.001, 0.10), growth=st.floats(-0.02, 0.01))
def test_higher_discount_rate_gives_lower_value(
    flows: list[float], rate: float, step: float, growth: float
) -> None:
    lower = discount_cash_flows(flows, rate, growth).enterprise_value
    higher = discount_cash_flows(flows, rate + step, growth).enterprise_value
    assert higher < lower


@given(flows=cash_flows, rate=rates, k=st.floats(0.01, 100.0))
def test_scaling_cash_flows_scales_value(flows: list[float], rate: float, k: float) -> None:
    base = discount_cash_flows(flows, rate, 0.0).enterprise_value
    scaled = discount_cash_flows([k * flow for flow in flows], rate, 0.0).enterprise_value
    assert scaled == pytest.approx(k * base, rel=1e-9)


def period(
    year: int, revenue: float, ebit: float, da: float, capex: float, wc: float
) -> FinancialPeriod:
    return FinancialPeriod(
        fiscal_year_end=date(year, 6, 30),
        revenue=revenue,
        ebitda=ebit + da,
        ebit=ebit,
        net_income=ebit * 0.7,
        depreciation_and_amortisation=da,
        capital_expenditure=capex,
        change_in_working_capital=wc,
        net_debt=0.0,
        lease_liabilities=0.0,
    )


def test_projection_grows_revenue_at_the_cagr_with_median_ratios() -> None:
    # Revenue 100 -> 121 over two years: CAGR 10 %. EBIT margins 10 %, 20 %, 15 % -> median 15 %;
    # D&A 5 %, capex 6 %, ΔWC 1 % of revenue throughout. Year 1 revenue = 121 * 1.1 = 133.1;
    # FCFF = 133.1 * (0.15 * 0.7 + 0.05 - 0.06 - 0.01) = 133.1 * 0.085 = 11.3135
    history = [
        period(2023, 100.0, 10.0, 5.0, 6.0, 1.0),
        period(2024, 110.0, 22.0, 5.5, 6.6, 1.1),
        period(2025, 121.0, 18.15, 6.05, 7.26, 1.21),
    ]
    projection = project_cash_flows(history, 0.30, years=3)
    assert projection.revenue_growth == pytest.approx(0.10)
    assert projection.ebit_margin == pytest.approx(0.15)
    assert projection.revenue == pytest.approx((133.1, 146.41, 161.051))
    assert projection.free_cash_flow[0] == pytest.approx(11.3135)
    assert len(projection.free_cash_flow) == 3


def test_projection_clips_a_startup_growth_rate() -> None:
    # 10 -> 40 in one year is 300 % growth; the projection caps it at 15 %.
    history = [period(2024, 10.0, 1.0, 0.0, 0.0, 0.0), period(2025, 40.0, 4.0, 0.0, 0.0, 0.0)]
    assert project_cash_flows(history, 0.30).revenue_growth == pytest.approx(0.15)


def test_projection_from_one_period_holds_revenue_flat() -> None:
    projection = project_cash_flows([period(2025, 50.0, 5.0, 1.0, 1.0, 0.0)], 0.25, years=2)
    assert projection.revenue == (50.0, 50.0)
    assert projection.free_cash_flow == pytest.approx((3.75, 3.75))  # 5 * 0.75 + 1 - 1


def test_projection_needs_history() -> None:
    with pytest.raises(ValuationInputError, match="at least one historical period"):
        project_cash_flows([], 0.30)
