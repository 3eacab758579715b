"""Company-specific risk score: each factor's bands, the bounds of the score and the premium."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.errors import ValuationInputError
from valuation.risk import (
    RiskAssessment,
    RiskFactor,
    coefficient_of_variation,
    company_specific_premium,
    risk_score,
)

FACTOR_NAMES = (
    "size",
    "leverage",
    "margin",
    "earnings_volatility",
    "revenue_growth",
    "market_stress",
)


def score_one(name: str, value: float) -> RiskFactor:
    """Score with only `name` given; the others are missing."""
    inputs: dict[str, float | None] = dict.fromkeys(FACTOR_NAMES, None)
    inputs[name] = value
    assessment = risk_score(
        market_cap=inputs["size"],
        net_debt_to_ebitda=inputs["leverage"],
        ebitda_margin=inputs["margin"],
        earnings_volatility=inputs["earnings_volatility"],
        revenue_growth=inputs["revenue_growth"],
        market_stress=inputs["market_stress"],
    )
    return next(f for f in assessment.factors if f.name == name)


@pytest.mark.parametrize(
    ("market_cap", "points"),
    [(10e6, 20), (49.9e6, 20), (50e6, 14), (249e6, 14), (250e6, 8), (999e6, 8), (1e9, 0)],
)
def test_size_bands(market_cap: float, points: int) -> None:
    assert score_one("size", market_cap).points == points


@pytest.mark.parametrize(
    ("ratio", "points"),
    [(-1.0, 0), (0.0, 0), (0.5, 4), (1.0, 8), (2.0, 12), (3.5, 16), (4.0, 20), (9.0, 20)],
)
def test_leverage_bands(ratio: float, points: int) -> None:
    assert score_one("leverage", ratio).points == points


@pytest.mark.parametrize(
    ("margin", "points"),
    [(-0.05, 16), (0.0, 12), (0.09, 12), (0.10, 8), (0.25, 4), (0.30, 0), (0.60, 0)],
)
def test_margin_bands(margin: float, points: int) -> None:
    assert score_one("margin", margin).points == points


@pytest.mark.parametrize(
    ("cv", "points"),
    [(0.0, 0), (0.09, 0), (0.10, 4), (0.30, 8), (0.50, 12), (1.0, 16), (2.5, 16)],
)
def test_earnings_volatility_bands(cv: float, points: int) -> None:
    assert score_one("earnings_volatility", cv).points == points


@pytest.mark.parametrize(
    ("growth", "points"),
    [(-0.10, 12), (0.0, 8), (0.04, 8), (0.05, 4), (0.15, 0), (0.39, 0), (0.40, 4)],
)
def test_revenue_growth_bands(growth: float, points: int) -> None:
    assert score_one("revenue_growth", growth).points == points


@pytest.mark.parametrize(
    ("stress", "points"),
    [(0.0, 0), (0.24, 0), (0.25, 5), (0.50, 10), (0.75, 16), (1.0, 16)],
)
def test_market_stress_bands(stress: float, points: int) -> None:
    assert score_one("market_stress", stress).points == points


def test_explanation_names_the_value_band_and_points() -> None:
    factor = score_one("size", 120e6)
    assert factor.explanation == "market cap A$120.0m: A$50m to A$250m, 14 of 20 points"
    assert factor.value == 120e6


def test_missing_inputs_score_neutrally_and_say_so() -> None:
    assessment = risk_score(None, None, None, None, None, None)
    # Neutral points: 10 + 10 + 8 + 8 + 6 + 8 = 50, which maps to the 40-60 band: 3 %.
    assert [f.points for f in assessment.factors] == [10, 10, 8, 8, 6, 8]
    assert assessment.score == 50
    assert assessment.company_specific_premium == 0.03
    assert all(f.value is None for f in assessment.factors)
    assert all("no data: scored neutrally" in f.explanation for f in assessment.factors)


def test_worst_and_best_cases_span_zero_to_one_hundred() -> None:
    worst = risk_score(10e6, 6.0, -0.2, 1.5, -0.1, 0.9)
    best = risk_score(5e9, -0.5, 0.4, 0.05, 0.2, 0.1)
    assert (worst.score, worst.company_specific_premium) == (100, 0.06)
    assert (best.score, best.company_specific_premium) == (0, 0.0)


@pytest.mark.parametrize(
    ("score", "premium"),
    [
        (0, 0.0),
        (19, 0.0),
        (20, 0.015),
        (40, 0.03),
        (59, 0.03),
        (60, 0.045),
        (80, 0.06),
        (100, 0.06),
    ],
)
def test_premium_bands(score: int, premium: float) -> None:
    assert company_specific_premium(score) == premium


@given(
    low=st.floats(min_value=-5, max_value=20),
    high=st.floats(min_value=-5, max_value=20),
    market_cap=st.none() | st.floats(min_value=1e5, max_value=1e11),
    margin=st.none() | st.floats(min_value=-1, max_value=1),
    volatility=st.none() | st.floats(min_value=0, max_value=5),
    growth=st.none() | st.floats(min_value=-0.5, max_value=2),
    stress=st.none() | st.floats(min_value=0, max_value=1),
)
def test_score_is_within_bounds_and_rises_with_leverage(
    low: float,
    high: float,
    market_cap: float | None,
    margin: float | None,
    volatility: float | None,
    growth: float | None,
    stress: float | None,
) -> None:
    low, high = sorted((low, high))

    def assess(leverage: float) -> RiskAssessment:
        return risk_score(market_cap, leverage, margin, volatility, growth, stress)

    less, more = assess(low), assess(high)
    assert 0 <= less.score <= more.score <= 100
    assert less.company_specific_premium <= more.company_specific_premium


@pytest.mark.parametrize(
    "inputs",
    [
        (0.0, None, None, None, None, None),
        (None, float("nan"), None, None, None, None),
        (None, None, None, -0.1, None, None),
        (None, None, None, None, None, 1.5),
    ],
)
def test_impossible_inputs_are_rejected(inputs: tuple[float | None, ...]) -> None:
    with pytest.raises(ValuationInputError):
        risk_score(*inputs)


def test_coefficient_of_variation_worked_example() -> None:
    # Values 8, 10, 12: mean 10; sample variance ((−2)² + 0 + 2²) / 2 = 4, sd 2; CV 2 / 10 = 0.2.
    assert coefficient_of_variation([8.0, 10.0, 12.0]) == pytest.approx(0.2)


def test_coefficient_of_variation_needs_three_values() -> None:
    assert coefficient_of_variation([8.0, 12.0]) is None
