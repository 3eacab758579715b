"""Company-specific risk: a transparent additive score and the premium it maps to.

Each factor maps its input to points through fixed bands (lower bound inclusive, upper bound
exclusive); the score is the sum, from 0 (lowest risk) to 100. A missing input (`None`) scores its
factor's neutral points, about half its maximum, so that missing data neither rewards nor punishes
the company; the factor's explanation says so. Bands are judgements suited to ASX small caps:

| Factor              | Input           | Bands: points                                 | Neutral |
|---------------------|-----------------|-----------------------------------------------|---------|
| size                | market cap, AUD | <50m: 20; <250m: 14; <1bn: 8; else 0          | 10      |
| leverage            | net debt/EBITDA | ≤0: 0; <1: 4; <2: 8; <3: 12; <4: 16; else 20  | 10      |
| margin              | EBITDA margin   | <0: 16; <10 %: 12; <20 %: 8; <30 %: 4; else 0 | 8       |
| earnings volatility | CV of EBITDA    | <0.10: 0; <0.25: 4; <0.50: 8; <1: 12; else 16 | 8       |
| revenue growth      | annual rate     | <0: 12; <5 %: 8; <15 %: 4; <40 %: 0; else 4   | 6       |
| market stress       | index, 0 to 1   | <0.25: 0; <0.50: 5; <0.75: 10; else 16        | 8       |

Maxima add to 100 (20 + 20 + 16 + 16 + 12 + 16); neutral points add to 50. Pass `None` for leverage
when EBITDA is not positive (the ratio is then meaningless); a negative ratio reads as net cash.
Growth of 40 % or more scores above moderate growth because forecasts of hyper-growth carry
execution risk. Market stress is any 0-1 index, e.g. the percentile of the S&P/ASX 200 VIX in its
history. Earnings volatility is the coefficient of variation (see `coefficient_of_variation`).

The score maps to a company-specific premium added to the discount rate:

| Score     | 0-20 | 20-40 | 40-60 | 60-80 | 80-100 |
|-----------|------|-------|-------|-------|--------|
| Premium   | 0 %  | 1.5 % | 3 %   | 4.5 % | 6 %    |

Each interval includes its lower bound only (a score of 20 earns 1.5 %), except 80-100 includes 100.

Superseded by `valuation.company_risk.company_risk`, whose premium is continuous in its inputs and
leaves leverage and market stress to the beta and the market risk premium; its names are
re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from valuation.company_risk import LIPSCHITZ as LIPSCHITZ
from valuation.company_risk import PREMIUM_CAP as PREMIUM_CAP
from valuation.company_risk import CompanyRisk as CompanyRisk
from valuation.company_risk import FactorContribution as FactorContribution
from valuation.company_risk import coefficient_of_variation as coefficient_of_variation
from valuation.company_risk import company_risk as company_risk
from valuation.errors import ValuationInputError


@dataclass(frozen=True, slots=True)
class RiskFactor:
    name: str
    value: float | None
    points: int
    explanation: str


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int  # 0 (lowest risk) to 100
    factors: tuple[RiskFactor, ...]
    company_specific_premium: float  # decimal fraction, added to the discount rate


@dataclass(frozen=True, slots=True)
class _Band:
    upper: float  # exclusive
    points: int
    label: str


@dataclass(frozen=True, slots=True)
class _Factor:
    name: str
    bands: tuple[_Band, ...]  # ascending; the last has an infinite upper bound
    neutral: int
    describe: Callable[[float], str]  # the input as the explanation shows it

    @property
    def maximum(self) -> int:
        return max(band.points for band in self.bands)


_INF = math.inf
SIZE = _Factor(
    "size",
    (
        _Band(50e6, 20, "under A$50m"),
        _Band(250e6, 14, "A$50m to A$250m"),
        _Band(1e9, 8, "A$250m to A$1bn"),
        _Band(_INF, 0, "A$1bn or more"),
    ),
    neutral=10,
    describe=lambda v: f"market cap A${v / 1e6:,.1f}m",
)
LEVERAGE = _Factor(
    "leverage",
    (
        # The smallest float above zero, so that exactly zero net debt counts as unlevered.
        _Band(math.nextafter(0.0, 1.0), 0, "net cash or no net debt"),
        _Band(1.0, 4, "under 1x"),
        _Band(2.0, 8, "1x to 2x"),
        _Band(3.0, 12, "2x to 3x"),
        _Band(4.0, 16, "3x to 4x"),
        _Band(_INF, 20, "4x or more"),
    ),
    neutral=10,
    describe=lambda v: f"net debt / EBITDA {v:.2f}x",
)
MARGIN = _Factor(
    "margin",
    (
        _Band(0.0, 16, "negative"),
        _Band(0.10, 12, "0 % to 10 %"),
        _Band(0.20, 8, "10 % to 20 %"),
        _Band(0.30, 4, "20 % to 30 %"),
        _Band(_INF, 0, "30 % or more"),
    ),
    neutral=8,
    describe=lambda v: f"EBITDA margin {v:.1%}",
)
EARNINGS_VOLATILITY = _Factor(
    "earnings_volatility",
    (
        _Band(0.10, 0, "under 0.10"),
        _Band(0.25, 4, "0.10 to 0.25"),
        _Band(0.50, 8, "0.25 to 0.50"),
        _Band(1.0, 12, "0.50 to 1.00"),
        _Band(_INF, 16, "1.00 or more"),
    ),
    neutral=8,
    describe=lambda v: f"earnings CV {v:.2f}",
)
REVENUE_GROWTH = _Factor(
    "revenue_growth",
    (
        _Band(0.0, 12, "shrinking"),
        _Band(0.05, 8, "0 % to 5 %"),
        _Band(0.15, 4, "5 % to 15 %"),
        _Band(0.40, 0, "15 % to 40 %"),
        _Band(_INF, 4, "40 % or more: execution risk"),
    ),
    neutral=6,
    describe=lambda v: f"revenue growth {v:.1%} a year",
)
MARKET_STRESS = _Factor(
    "market_stress",
    (
        _Band(0.25, 0, "calm (under 0.25)"),
        _Band(0.50, 5, "0.25 to 0.50"),
        _Band(0.75, 10, "0.50 to 0.75"),
        _Band(_INF, 16, "stressed (0.75 or more)"),
    ),
    neutral=8,
    describe=lambda v: f"market stress {v:.2f}",
)
FACTORS = (SIZE, LEVERAGE, MARGIN, EARNINGS_VOLATILITY, REVENUE_GROWTH, MARKET_STRESS)

# (lowest score, premium), descending so that the first match wins.
PREMIUM_BANDS = ((80, 0.06), (60, 0.045), (40, 0.03), (20, 0.015), (0, 0.0))


def risk_score(
    market_cap: float | None,
    net_debt_to_ebitda: float | None,
    ebitda_margin: float | None,
    earnings_volatility: float | None,
    revenue_growth: float | None,
    market_stress: float | None,
) -> RiskAssessment:
    """Score six risk factors by the bands in the module docstring and map the total to a
    company-specific premium. Raises `ValuationInputError` for impossible inputs."""
    inputs = (
        market_cap,
        net_debt_to_ebitda,
        ebitda_margin,
        earnings_volatility,
        revenue_growth,
        market_stress,
    )
    _check_inputs(market_cap, earnings_volatility, market_stress, inputs)
    factors = tuple(_score(f, v) for f, v in zip(FACTORS, inputs, strict=True))
    score = sum(f.points for f in factors)
    return RiskAssessment(score, factors, company_specific_premium(score))


def company_specific_premium(score: float) -> float:
    """The premium (decimal fraction) for a risk score, by the table in the module docstring."""
    if not 0 <= score <= 100:
        raise ValuationInputError(f"risk score must be within 0-100, got {score}")
    return next(premium for lowest, premium in PREMIUM_BANDS if score >= lowest)


def _score(factor: _Factor, value: float | None) -> RiskFactor:
    if value is None:
        explanation = f"no data: scored neutrally at {factor.neutral} of {factor.maximum} points"
        return RiskFactor(factor.name, None, factor.neutral, explanation)
    band = next(b for b in factor.bands if value < b.upper)
    points = f"{band.points} of {factor.maximum} points"
    explanation = f"{factor.describe(value)}: {band.label}, {points}"
    return RiskFactor(factor.name, value, band.points, explanation)


def _check_inputs(
    market_cap: float | None,
    earnings_volatility: float | None,
    market_stress: float | None,
    inputs: Sequence[float | None],
) -> None:
    for factor, value in zip(FACTORS, inputs, strict=True):
        if value is not None and not math.isfinite(value):
            raise ValuationInputError(f"{factor.name} input must be finite, got {value}")
    if market_cap is not None and market_cap <= 0:
        raise ValuationInputError(f"market cap must be positive, got {market_cap}")
    if earnings_volatility is not None and earnings_volatility < 0:
        raise ValuationInputError(
            f"earnings volatility cannot be negative, got {earnings_volatility}"
        )
    if market_stress is not None and not 0 <= market_stress <= 1:
        raise ValuationInputError(f"market stress must be within 0-1, got {market_stress}")
