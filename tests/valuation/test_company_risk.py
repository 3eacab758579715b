"""Company-specific premium: the anchors of its table, neutral missing inputs, the cap, its
Lipschitz bounds, monotonicity and bounds, and the small change that once moved it by a band."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from valuation.company_risk import (
    LIPSCHITZ,
    PREMIUM_CAP,
    CompanyRisk,
    FactorContribution,
    company_risk,
)
from valuation.errors import ValuationInputError

NAMES = ("size", "margin", "earnings_volatility", "revenue_growth")
# Float noise in a premium of a few hundredths, far below any move the bounds allow for.
NOISE = 1e-15

market_caps = st.floats(min_value=1e5, max_value=1e11)
margins = st.floats(min_value=-1, max_value=1)
volatilities = st.floats(min_value=0, max_value=5)
growths = st.floats(min_value=-1, max_value=3)
Inputs = tuple[float | None, float | None, float | None, float | None]


def only(name: str, value: float) -> FactorContribution:
    """The contribution of `name` with only that input given."""
    inputs: list[float | None] = [None] * 4
    inputs[NAMES.index(name)] = value
    risk = company_risk(*inputs)
    return next(f for f in risk.factors if f.name == name)


def axis(name: str, value: float) -> float:
    """The axis the Lipschitz constant is stated on: ln(market cap) for size, else the input."""
    return math.log(value) if name == "size" else value


@pytest.mark.parametrize(
    ("name", "value", "pp"),
    [
        # size: 3.00 pp at A$10m or less, linear in log10 to 0 at A$1bn or more.
        ("size", 10e6, 3.00),
        ("size", 2e6, 3.00),
        ("size", 100e6, 1.50),  # log10 8 is halfway between 7 and 9
        ("size", 1e9, 0.00),
        ("size", 40e9, 0.00),
        # margin: 1.50 pp at 0 % or less, 0 at 30 % or more.
        ("margin", 0.0, 1.50),
        ("margin", -0.4, 1.50),
        ("margin", 0.15, 0.75),
        ("margin", 0.30, 0.00),
        ("margin", 0.70, 0.00),
        # earnings volatility: 0 at a CV of 0.10 or less, 1.50 pp at 1.00 or more.
        ("earnings_volatility", 0.0, 0.00),
        ("earnings_volatility", 0.10, 0.00),
        ("earnings_volatility", 0.55, 0.75),
        ("earnings_volatility", 1.00, 1.50),
        ("earnings_volatility", 3.00, 1.50),
        # revenue growth: 1.00 pp at -10 % or less, 0 from 10 % to 30 %, 0.50 pp at 80 % or more.
        ("revenue_growth", -0.50, 1.00),
        ("revenue_growth", -0.10, 1.00),
        ("revenue_growth", 0.0, 0.50),
        ("revenue_growth", 0.10, 0.00),
        ("revenue_growth", 0.20, 0.00),
        ("revenue_growth", 0.30, 0.00),
        ("revenue_growth", 0.55, 0.25),
        ("revenue_growth", 0.80, 0.50),
        ("revenue_growth", 2.00, 0.50),
    ],
)
def test_each_anchor_and_clamp_of_the_table(name: str, value: float, pp: float) -> None:
    assert only(name, value).contribution == pytest.approx(pp / 100, abs=1e-12)


@pytest.mark.parametrize(
    ("name", "maximum_pp"),
    [("size", 3.0), ("margin", 1.5), ("earnings_volatility", 1.5), ("revenue_growth", 1.0)],
)
def test_a_missing_input_contributes_the_midpoint_and_says_so(name: str, maximum_pp: float) -> None:
    inputs: list[float | None] = [500e6, 0.2, 0.3, 0.12]  # the other inputs given
    inputs[NAMES.index(name)] = None
    factor = next(f for f in company_risk(*inputs).factors if f.name == name)
    assert factor.value is None
    assert factor.maximum == pytest.approx(maximum_pp / 100)
    assert factor.contribution == pytest.approx(maximum_pp / 200)
    half = f"{maximum_pp / 2:.2f} pp of {maximum_pp:.2f} pp"
    assert factor.explanation == f"no data: neutral +{half}, the midpoint of its range"


def test_all_inputs_missing_give_the_sum_of_the_midpoints() -> None:
    risk = company_risk(None, None, None, None)
    # 1.50 + 0.75 + 0.75 + 0.50 = 3.50 pp; score 3.5 / 6 x 100.
    assert risk.premium == pytest.approx(0.035)
    assert risk.score == pytest.approx(3.5 / 6 * 100)
    assert [f.name for f in risk.factors] == list(NAMES)


def test_explanation_names_the_input_and_its_share_of_the_maximum() -> None:
    factor = only("size", 120e6)
    # (log10 1e9 - log10 1.2e8) / 2 x 3 pp = 0.9208 / 2 x 3 = 1.38 pp.
    assert factor.explanation == "market cap A$120.0m: +1.38 pp of 3.00 pp"
    assert (factor.value, factor.maximum) == (120e6, 0.03)


def test_the_premium_is_capped_at_six_percent() -> None:
    worst = company_risk(5e6, -0.3, 2.0, -0.4)
    # The factors report what they contribute, 3.00 + 1.50 + 1.50 + 1.00 = 7.00 pp; the
    # premium stops at the cap.
    assert math.fsum(f.contribution for f in worst.factors) == pytest.approx(0.07)
    assert (worst.premium, worst.score) == (PREMIUM_CAP, 100.0)
    assert PREMIUM_CAP == 0.06


def test_the_lowest_risk_company_earns_no_premium() -> None:
    best = company_risk(5e9, 0.4, 0.05, 0.2)
    assert (best.premium, best.score) == (0.0, 0.0)


def test_lipschitz_constants_are_the_documented_slopes() -> None:
    assert LIPSCHITZ["size"] == pytest.approx(0.03 / math.log(100))  # 0.00651 per unit of ln
    assert LIPSCHITZ["size"] * math.log(1.01) == pytest.approx(0.0065e-2, rel=0.01)  # per 1 %
    assert LIPSCHITZ["margin"] == pytest.approx(0.05)
    assert LIPSCHITZ["earnings_volatility"] == pytest.approx(0.015 / 0.9)
    assert LIPSCHITZ["revenue_growth"] == pytest.approx(0.05)


@given(
    inputs=st.tuples(
        st.none() | market_caps, st.none() | margins, st.none() | volatilities, st.none() | growths
    ),
    index=st.integers(min_value=0, max_value=3),
    base=st.tuples(market_caps, margins, volatilities, growths),
    relative=st.floats(min_value=-1e-6, max_value=1e-6),
)
# At anchors, where a slope changes, and with the cap binding.
@example(inputs=(None, None, None, None), index=0, base=(10e6, 0, 0, 0), relative=1e-6)
@example(inputs=(None, None, None, None), index=0, base=(1e9, 0, 0, 0), relative=-1e-6)
@example(inputs=(None, None, None, None), index=1, base=(1, 0.30, 0, 0), relative=-1e-6)
@example(inputs=(None, None, None, None), index=2, base=(1, 0, 0.10, 0), relative=1e-6)
@example(inputs=(None, None, None, None), index=3, base=(1, 0, 0, -0.10), relative=-1e-6)
@example(inputs=(None, None, None, None), index=3, base=(1, 0, 0, 0.80), relative=-1e-6)
@example(inputs=(None, -0.2, 1.5, -0.5), index=0, base=(12e6, 0, 0, 0), relative=1e-6)
def test_a_small_change_of_one_input_moves_the_premium_by_at_most_l_times_it(
    inputs: Inputs, index: int, base: tuple[float, ...], relative: float
) -> None:
    name, old = NAMES[index], base[index]
    new = old * (1 + relative)
    before, after = list(inputs), list(inputs)
    before[index], after[index] = old, new
    moved = abs(company_risk(*after).premium - company_risk(*before).premium)
    assert moved <= LIPSCHITZ[name] * abs(axis(name, new) - axis(name, old)) + NOISE


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("size", 1e6, 1e10),
        ("margin", -0.2, 0.5),
        ("earnings_volatility", 0, 2),
        ("revenue_growth", -0.3, 1.2),
    ],
)
def test_no_factor_jumps_anywhere_on_a_fine_grid(name: str, low: float, high: float) -> None:
    """Neighbours on a grid of 100,001 points that spans every anchor differ by at most L x
    the step: a jump of any size beyond that, anywhere, fails."""
    grid = np.geomspace(low, high, 100_001) if name == "size" else np.linspace(low, high, 100_001)
    premiums = np.array([only(name, float(v)).contribution for v in grid])
    steps = np.abs(np.diff(np.log(grid) if name == "size" else grid))
    assert np.all(np.abs(np.diff(premiums)) <= LIPSCHITZ[name] * steps * (1 + 1e-9) + NOISE)


@given(
    a=market_caps,
    b=market_caps,
    margin=st.none() | margins,
    volatility=st.none() | volatilities,
    growth=st.none() | growths,
)
def test_a_larger_company_is_never_riskier(
    a: float, b: float, margin: float | None, volatility: float | None, growth: float | None
) -> None:
    smaller, larger = sorted((a, b))
    assert (
        company_risk(larger, margin, volatility, growth).premium
        <= company_risk(smaller, margin, volatility, growth).premium
    )


@given(
    a=volatilities,
    b=volatilities,
    market_cap=st.none() | market_caps,
    margin=st.none() | margins,
    growth=st.none() | growths,
)
def test_more_volatile_earnings_are_never_less_risky(
    a: float, b: float, market_cap: float | None, margin: float | None, growth: float | None
) -> None:
    steadier, wilder = sorted((a, b))
    assert (
        company_risk(market_cap, margin, wilder, growth).premium
        >= company_risk(market_cap, margin, steadier, growth).premium
    )


@given(
    inputs=st.tuples(
        st.none() | market_caps, st.none() | margins, st.none() | volatilities, st.none() | growths
    )
)
def test_premium_is_within_zero_and_the_cap_and_the_score_follows_it(inputs: Inputs) -> None:
    risk: CompanyRisk = company_risk(*inputs)
    assert 0 <= risk.premium <= PREMIUM_CAP
    assert risk.score == pytest.approx(risk.premium / PREMIUM_CAP * 100)
    assert all(0 <= f.contribution <= f.maximum for f in risk.factors)


def test_five_million_of_net_debt_around_130_million_moves_the_premium_a_little() -> None:
    """Regression: under the banded score A$5m more net debt took the premium from 1.5 % to 3 %
    and 9.8 % off the price, where the equity bridge alone takes 3.7 %. Equity values of A$132.5m
    and A$127.5m now differ by ln(132.5 / 127.5) x 0.00651 = 0.025 pp of premium."""
    richer = company_risk(132.5e6, 0.18, 0.30, 0.12)
    poorer = company_risk(127.5e6, 0.18, 0.30, 0.12)
    assert 0 < poorer.premium - richer.premium < 0.0005
    assert poorer.premium - richer.premium == pytest.approx(
        LIPSCHITZ["size"] * math.log(132.5 / 127.5)
    )


@pytest.mark.parametrize(
    "inputs",
    [
        (0.0, None, None, None),
        (-1e6, None, None, None),
        (math.inf, None, None, None),
        (None, math.nan, None, None),
        (None, None, -0.1, None),
        (None, None, math.inf, None),
        (None, None, None, -math.inf),
        (None, None, None, -1.5),
    ],
)
def test_impossible_inputs_are_rejected(inputs: Inputs) -> None:
    with pytest.raises(ValuationInputError):
        company_risk(*inputs)
