"""Dividend yield with franking: the ATO gross-up and equity value from a target yield."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.dividend_yield import (
    NO_DIVIDENDS,
    UNUSUAL_CORPORATE_TAX_RATE,
    YieldBasis,
    gross_up_factor,
    value_by_dividend_yield,
)
from valuation.errors import ValuationInputError
from valuation.method_value import MethodNotApplicable, MultipleRange, multiple_range_from_caller
from valuation.synthesis import ValueRange

AT_7_PER_CENT = MultipleRange(0.07, 0.07, 0.07)


def test_ato_worksheet_franked_amounts_carry_the_franking_credits_shown() -> None:
    """ATO, "Refund of franking credits for individuals 2005: worksheet" (ato.gov.au/forms-and-
    instructions/refund-of-franking-credits-for-individuals-2005-application-and-instructions/
    worksheet): Teleco Ltd, franked amount $42.00, franking credit $18.00; SDW Managed
    Investment Fund, franked amount $131, franking credit $56.14. Credit = franked amount x
    (gross-up factor - 1) = franked amount x 0.3 / 0.7 (ITAA 1997 ss 202-60(2), 995-1(1))."""
    credit_per_dollar = gross_up_factor(1.0, 0.30) - 1
    assert 42.00 * credit_per_dollar == pytest.approx(18.00)
    assert round(131 * credit_per_dollar, 2) == 56.14


def test_ato_reference_guide_700_dollars_franked_is_1000_dollars_assessable() -> None:
    """ATO, Imputation reference guide, "Example: Individual shareholder": a franked
    distribution of $700 with $300 franking credits; Rodney includes $1,000 in assessable
    income (ITAA 1997 s 207-20(1))."""
    assert 700 * gross_up_factor(1.0) == pytest.approx(1000.0)


def test_partial_franking_scales_the_credit() -> None:
    # 1 + 0.5 x 0.3 / 0.7 = 1 + 0.2142857 = 1.2142857
    assert gross_up_factor(0.5, 0.30) == pytest.approx(1.2142857, abs=1e-7)
    assert gross_up_factor(0.0, 0.30) == 1.0


def test_a_base_rate_entity_grosses_up_at_25_per_cent() -> None:
    # 1 + 0.25 / 0.75 = 1.3333
    assert gross_up_factor(1.0, 0.25) == pytest.approx(4 / 3)


@pytest.mark.parametrize(
    ("franking", "tax_rate"),
    [(100.0, 0.30), (-0.1, 0.30), (1.0, 1.0), (1.0, 30.0), (math.nan, 0.3)],
)
def test_franking_or_tax_outside_their_ranges_is_refused(franking: float, tax_rate: float) -> None:
    with pytest.raises(ValuationInputError):
        gross_up_factor(franking, tax_rate)


def test_fully_franked_5c_at_a_7_per_cent_grossed_up_yield_is_a_dollar_two() -> None:
    """5.0c fully franked at 30 %: grossed up 5.0 x (1 + 0.3 / 0.7) = 7.14c; at a 7 %
    grossed-up yield, 7.14c / 0.07 = A$1.02; cash yield 5.0c / A$1.02 = 4.9 % (0.07 x 0.7)."""
    result = value_by_dividend_yield(0.05, AT_7_PER_CENT, 1.0, "GROSSED_UP", "FY1")
    assert result.details["grossed_up_dividends"] == pytest.approx(0.0714, abs=5e-5)
    assert round(result.value.mid, 2) == 1.02
    assert result.details["cash_yield_at_mid"] == pytest.approx(0.049)
    assert result.details["grossed_up_yield_at_mid"] == 0.07
    assert result.details["gross_up_factor"] == pytest.approx(1 / 0.7)
    assert result.metric == result.details["grossed_up_dividends"]
    assert result.gives == "equity"


def test_half_franked_5c_at_a_7_per_cent_grossed_up_yield() -> None:
    """5.0c franked at 50 %: grossed up 5.0 x (1 + 0.5 x 0.3 / 0.7) = 6.07c; at 7 %,
    6.07c / 0.07 = 86.7c; cash yield 0.07 / 1.2142857 = 5.76 %."""
    result = value_by_dividend_yield(0.05, AT_7_PER_CENT, 0.5, "GROSSED_UP", "FY1")
    assert result.details["grossed_up_dividends"] == pytest.approx(0.060714, abs=1e-6)
    assert result.value.mid == pytest.approx(0.8673, abs=1e-4)
    assert result.details["cash_yield_at_mid"] == pytest.approx(0.05765, abs=1e-5)


def test_the_grossed_up_basis_names_the_gross_up() -> None:
    result = value_by_dividend_yield(5e6, MultipleRange(0.06, 0.07, 0.08), 1.0, "GROSSED_UP", "FY1")
    assert result.basis == (
        "Grossed-up dividend yield 8.0% / 7.0% / 6.0% (low / mid / high value) on FY1 dividends "
        "A$5m grossed up to A$7.14m (100% franked at 30.0% company tax)"
    )


def test_cash_yields_divide_cash_dividends_and_the_high_yield_gives_the_low_value() -> None:
    # 5m / 0.06 = 83.3m; 5m / 0.05 = 100m; 5m / 0.04 = 125m. Grossed-up yield at mid 0.05 / 0.7.
    result = value_by_dividend_yield(5e6, MultipleRange(0.04, 0.05, 0.06), 1.0, "CASH", "FY1")
    assert result.value.low == pytest.approx(83.333e6, rel=1e-4)
    assert result.value.mid == pytest.approx(100e6)
    assert result.value.high == pytest.approx(125e6)
    assert result.metric == 5e6
    assert result.details["grossed_up_yield_at_mid"] == pytest.approx(0.05 / 0.7)
    assert result.basis == (
        "Cash dividend yield 6.0% / 5.0% / 4.0% (low / mid / high value) on FY1 dividends A$5m, "
        "100% franked"
    )


def test_an_unfranked_reit_distribution_is_valued_alike_on_either_basis() -> None:
    yields = MultipleRange(0.05, 0.055, 0.06)
    cash = value_by_dividend_yield(40e6, yields, 0.0, "CASH", "FY1")
    grossed = value_by_dividend_yield(40e6, yields, 0.0, "GROSSED_UP", "FY1")
    assert cash.value == grossed.value
    assert cash.details["gross_up_factor"] == 1.0


def test_nil_dividends_are_not_valued_by_yield() -> None:
    with pytest.raises(MethodNotApplicable) as raised:
        value_by_dividend_yield(0.0, AT_7_PER_CENT, 1.0, "CASH", "FY1")
    assert raised.value.code == NO_DIVIDENDS


def test_negative_dividends_are_an_input_error_not_nil_dividends() -> None:
    with pytest.raises(ValuationInputError) as raised:
        value_by_dividend_yield(-1.0, AT_7_PER_CENT, 1.0, "CASH", "FY1")
    assert not isinstance(raised.value, MethodNotApplicable)


def test_yields_given_in_per_cent_are_refused() -> None:
    with pytest.raises(ValuationInputError, match="fractions"):
        value_by_dividend_yield(1e6, MultipleRange(5.0, 6.0, 7.0), 1.0, "CASH", "FY1")


def test_an_unknown_yield_basis_is_refused() -> None:
    with pytest.raises(ValuationInputError, match="yield basis"):
        value_by_dividend_yield(1e6, AT_7_PER_CENT, 1.0, "GROSS", "FY1")  # type: ignore[arg-type]


def test_a_tax_rate_neither_30_nor_25_per_cent_is_warned_of_when_franked() -> None:
    odd = value_by_dividend_yield(1e6, AT_7_PER_CENT, 1.0, "GROSSED_UP", "FY1", tax_rate=0.275)
    assert odd.warning_codes == (UNUSUAL_CORPORATE_TAX_RATE,)
    base_rate = value_by_dividend_yield(1e6, AT_7_PER_CENT, 1.0, "GROSSED_UP", "FY1", 0.25)
    assert base_rate.warning_codes == ()
    unfranked = value_by_dividend_yield(1e6, AT_7_PER_CENT, 0.0, "CASH", "FY1", tax_rate=0.275)
    assert unfranked.warning_codes == ()


@given(
    dividends=st.floats(1e-3, 1e10),
    bounds=st.lists(st.floats(0.005, 0.5), min_size=2, max_size=2).map(sorted),
    franking=st.floats(0.0, 1.0),
    basis=st.sampled_from(["CASH", "GROSSED_UP"]),
)
def test_a_callers_yield_range_gives_metric_over_high_midpoint_and_low_exactly(
    dividends: float, bounds: list[float], franking: float, basis: YieldBasis
) -> None:
    low, high = bounds
    result = value_by_dividend_yield(
        dividends, multiple_range_from_caller(low, high), franking, basis, "FY1"
    )
    factor = gross_up_factor(franking)
    assert result.metric == (dividends if basis == "CASH" else dividends * factor)
    m = result.metric
    assert result.value == ValueRange(m / high, m / ((low + high) / 2), m / low)


@given(
    dividends=st.floats(1e-3, 1e10),
    lower_yield=st.floats(0.005, 0.4),
    step=st.floats(1.001, 2.0),
    basis=st.sampled_from(["CASH", "GROSSED_UP"]),
)
def test_a_higher_yield_gives_a_lower_value(
    dividends: float, lower_yield: float, step: float, basis: YieldBasis
) -> None:
    higher_yield = lower_yield * step

    def value_at(y: float) -> float:
        yields = multiple_range_from_caller(y, y)
        return value_by_dividend_yield(dividends, yields, 1.0, basis, "FY1").value.mid

    assert value_at(higher_yield) < value_at(lower_yield)
