"""Company-specific risk premium: a continuous sum of four factors of the company alone.

What the premium prices, and what it leaves out
-----------------------------------------------
CAPM prices market-wide risk through beta and the market risk premium; under CAPM the risk a
diversified investor can shed earns nothing. A company-specific premium is defensible only for
what beta misses in a small listing: the marginal investor in a small, thinly traded company may
be less than fully diversified (Damodaran, *Damodaran on Valuation*, 2nd ed., Wiley 2006, ch. 2),
and practitioners add a size premium on the evidence of the size effect. That evidence is
contested: Damodaran ("The Small Cap Premium: Where is the Beef?", Musings on Markets, 11 April
2015; Business Valuation Review 34(4)) finds the historical evidence ambiguous and no premium
in forward-looking prices, and argues that much of the intuition behind it is diversifiable,
belongs in expected cash flows, or is counted twice. Australian independent experts' practice
nonetheless includes adding a specific risk premium or a small stock premium to a CAPM rate
(surveyed in KPMG, *Valuation Practices Survey 2017*, "Company specific risk premium", p. 13,
and "Small stock premium", p. 14). The caveat stands: a premium in the rate is often a
back-door cut to optimistic cash flows (Pratt and Grabowski, *Cost of Capital*, 5th ed., Wiley
2014, ch. 16, quoting the Delaware Court of Chancery), and a forecast known to be optimistic is
better corrected in the forecast. The premium here is therefore bounded, smooth and itemised,
so that a reader can see each contribution and strip it.

Two risks are deliberately absent:

- **Leverage.** The relevered beta, beta_L = beta_U (1 + (1 - t) D/E) (Hamada; see
  `valuation.wacc`), already raises the cost of equity with gearing, and the WACC weights debt
  at its own cost. Scoring net debt / EBITDA again counts the same risk twice. Net debt still
  reaches the premium through size, as it lowers the equity value, but only by the size slope
  below (0.0065 pp per 1 % of equity value).
- **Market stress.** A market-wide condition is priced by the market risk premium times beta,
  and is the same for every company valued on a day; it has no place in a premium for risk
  specific to one company. A stressed market calls for a higher market risk premium.

Factors
-------
Each contribution is piecewise linear between its anchors and clamped beyond the end anchors,
so it is continuous: a small change of input moves the premium a little, never over a cliff (a
banded score can let A$5m more net debt cost far more of the price than the A$5m itself). The
premium is the sum, at most `PREMIUM_CAP` (6 %). The score is premium / cap x 100, for readers
used to a 0-100 score. Contributions are in percentage points (pp) of premium; 1 pp is 0.01 in
the decimal fractions the API returns.

| Factor              | Input            | Anchors: contribution, pp                     | Neutral |
|---------------------|------------------|-----------------------------------------------|---------|
| size                | equity value, A$ | <=A$10m: 3.00; >=A$1bn: 0 (log10 scale)       | 1.50    |
| margin              | EBITDA margin    | <=0 %: 1.50; >=30 %: 0                        | 0.75    |
| earnings_volatility | CV of EBITDA     | <=0.10: 0; >=1.00: 1.50                       | 0.75    |
| revenue_growth      | annual rate      | <=-10 %: 1.00; 10 %: 0; 30 %: 0; >=80 %: 0.50 | 0.50    |

Maxima add to 7.00 pp, so the 6 % cap binds only for a company poor on nearly every count. A
missing input (`None`) contributes the midpoint of its factor's range (the Neutral column: all
four missing give 3.50 pp), so that missing data neither rewards nor punishes; its explanation
says so. The anchors are judgements for ASX small caps:

- Size: 3 pp at the micro-cap end is the low end of the 3-5 % small-cap premiums practitioners
  add (Damodaran, 2015, above), falling to 0 at about the size where the S&P/ASX 200 starts.
  Linear in log10(market cap) because size premiums are fitted against the logarithm of size
  (Duff & Phelps, *Risk Premium Report*, 2013, Size Study, "smoothed" premiums). Size is the
  equity value, the measure those studies use.
- Margin and earnings volatility: two of the fundamental risk measures of the same report's
  Risk Study (operating margin; coefficient of variation of operating margin), whose portfolios
  earn more as margins fall and their variation rises. A thin margin leaves little between a
  revenue shortfall and a loss; a CV of 1 means earnings swing by their own size. See
  `coefficient_of_variation`.
- Revenue growth: shrinking revenue signals decline (1 pp at -10 % a year); 10-30 % is growth a
  business can fund and forecast; beyond, forecasts of hyper-growth carry execution risk
  (Damodaran, *Investment Valuation*, 2nd ed., Wiley 2002, ch. 23, on young, fast-growing
  firms), at half the weight of decline, since fast growth is also evidence of a business that
  works.

Sensitivity: `LIPSCHITZ`
------------------------
The premium moves by at most L times a change in one input, L being the factor's steepest
slope (capping the sum can only flatten it), in decimal premium per unit of the factor's axis:

| Factor              | Axis              | L       | Reads as                                 |
|---------------------|-------------------|---------|------------------------------------------|
| size                | ln(market cap)    | 0.00651 | 0.0065 pp per 1 % change of market cap   |
| margin              | margin            | 0.05    | 0.05 pp per percentage point of margin   |
| earnings_volatility | CV                | 0.01667 | 0.0167 pp per 0.01 of CV                 |
| revenue_growth      | growth rate       | 0.05    | 0.05 pp per percentage point of growth   |

Size's L is 3 pp over ln(100), i.e. 0.03 / ln 100; a relative change r of market cap moves the
axis by ln(1 + r), about r. A$5m on A$130m (3.8 %) thus moves the premium by at most 0.025 pp.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

import numpy as np

from valuation.errors import ValuationInputError

PREMIUM_CAP = 0.06


@dataclass(frozen=True, slots=True)
class FactorContribution:
    name: str
    value: float | None  # the input; None when missing
    contribution: float  # decimal fraction of premium (0.0142 is 1.42 pp)
    maximum: float  # the factor's largest contribution, decimal fraction
    explanation: str  # e.g. "market cap A$120.0m: +1.38 pp of 3.00 pp"


@dataclass(frozen=True, slots=True)
class CompanyRisk:
    premium: float  # decimal fraction added to the cost of equity, 0 to PREMIUM_CAP
    score: float  # premium / PREMIUM_CAP x 100
    factors: tuple[FactorContribution, ...]  # size, margin, earnings_volatility, revenue_growth


@dataclass(frozen=True, slots=True)
class _Curve:
    name: str
    anchors: tuple[tuple[float, float], ...]  # (axis, contribution), axis ascending
    axis: Callable[[float], float]  # the input to the axis the anchors are on
    describe: Callable[[float], str]  # the input as the explanation shows it

    @property
    def maximum(self) -> float:
        return max(c for _, c in self.anchors)

    @property
    def neutral(self) -> float:
        return (self.maximum + min(c for _, c in self.anchors)) / 2

    @property
    def lipschitz(self) -> float:
        pairs = pairwise(self.anchors)
        return max(abs(c1 - c0) / (x1 - x0) for (x0, c0), (x1, c1) in pairs)

    def contribution(self, value: float) -> float:
        # np.interp holds the end anchors' contributions beyond them: the clamp.
        xs, cs = zip(*self.anchors, strict=True)
        return float(np.interp(self.axis(value), xs, cs))


def _identity(value: float) -> float:
    return value


SIZE = _Curve(
    "size",
    ((math.log(10e6), 0.03), (math.log(1e9), 0.0)),
    math.log,
    lambda v: f"market cap A${v / 1e6:,.1f}m",
)
MARGIN = _Curve(
    "margin",
    ((0.0, 0.015), (0.30, 0.0)),
    _identity,
    lambda v: f"EBITDA margin {v:.1%}",
)
EARNINGS_VOLATILITY = _Curve(
    "earnings_volatility",
    ((0.10, 0.0), (1.00, 0.015)),
    _identity,
    lambda v: f"earnings CV {v:.2f}",
)
REVENUE_GROWTH = _Curve(
    "revenue_growth",
    ((-0.10, 0.01), (0.10, 0.0), (0.30, 0.0), (0.80, 0.005)),
    _identity,
    lambda v: f"revenue growth {v:.1%} a year",
)
CURVES = (SIZE, MARGIN, EARNINGS_VOLATILITY, REVENUE_GROWTH)

# Decimal premium per unit of each factor's axis (see the module docstring).
LIPSCHITZ: Mapping[str, float] = MappingProxyType({c.name: c.lipschitz for c in CURVES})


def company_risk(
    market_cap: float | None,
    ebitda_margin: float | None,
    earnings_volatility: float | None,
    revenue_growth: float | None,
) -> CompanyRisk:
    """The company-specific premium of the module docstring's table: the sum of four continuous
    contributions, at most `PREMIUM_CAP`. `market_cap` is the equity value in A$. Raises
    `ValuationInputError` for impossible inputs."""
    inputs = (market_cap, ebitda_margin, earnings_volatility, revenue_growth)
    _check_inputs(inputs)
    factors = tuple(_contribute(c, v) for c, v in zip(CURVES, inputs, strict=True))
    premium = min(math.fsum(f.contribution for f in factors), PREMIUM_CAP)
    return CompanyRisk(premium, premium / PREMIUM_CAP * 100, factors)


def coefficient_of_variation(values: Sequence[float]) -> float | None:
    """Sample standard deviation over the absolute mean: the earnings-volatility input, e.g. over
    annual EBITDA. `None` with fewer than three values (too few to speak of volatility) or a zero
    mean."""
    if len(values) < 3:
        return None
    array = np.asarray(values, dtype=float)
    mean = float(array.mean())
    if mean == 0:
        return None
    return float(array.std(ddof=1)) / abs(mean)


def _contribute(curve: _Curve, value: float | None) -> FactorContribution:
    of_maximum = f"of {_pp(curve.maximum)}"
    if value is None:
        neutral = curve.neutral
        explanation = f"no data: neutral +{_pp(neutral)} {of_maximum}, the midpoint of its range"
        return FactorContribution(curve.name, None, neutral, curve.maximum, explanation)
    contribution = curve.contribution(value)
    explanation = f"{curve.describe(value)}: +{_pp(contribution)} {of_maximum}"
    return FactorContribution(curve.name, value, contribution, curve.maximum, explanation)


def _pp(fraction: float) -> str:
    return f"{fraction * 100:.2f} pp"


def _check_inputs(inputs: Sequence[float | None]) -> None:
    for curve, value in zip(CURVES, inputs, strict=True):
        if value is not None and not math.isfinite(value):
            raise ValuationInputError(f"{curve.name} input must be finite, got {value}")
    market_cap, _, earnings_volatility, revenue_growth = inputs
    if market_cap is not None and market_cap <= 0:
        raise ValuationInputError(f"market cap must be positive, got {market_cap}")
    if earnings_volatility is not None and earnings_volatility < 0:
        raise ValuationInputError(
            f"earnings volatility cannot be negative, got {earnings_volatility}"
        )
    # Revenue cannot fall by more than all of it.
    if revenue_growth is not None and revenue_growth < -1:
        raise ValuationInputError(f"revenue growth cannot be below -100 %, got {revenue_growth}")
