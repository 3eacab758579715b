"""Trading comparables: summary statistics of peer multiples and the values they imply.

Percentiles use numpy's default "linear" method (Hyndman & Fan type 7, as Excel's PERCENTILE.INC):
the p-th percentile of n sorted values sits at position p × (n − 1), interpolated linearly between
neighbours. Values are excluded, each with its reason, when they are:

- missing (`None`; `TradingMultiples` also gives `None` when the denominator is not positive);
- not finite;
- negative or zero, because a multiple of a loss or of nothing says nothing about value;
- outliers by Tukey's rule: outside [Q1 − 1.5 × IQR, Q3 + 1.5 × IQR], with the quartiles computed
  on the positive values. The rule applies only when there are at least 5 positive values: with
  fewer, the quartiles are too unstable to call any one peer an outlier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from valuation.multiples import TradingMultiples
from valuation.synthesis import ValueRange

PERCENTILE_METHOD: Final = "linear"
OUTLIER_IQR_FACTOR = 1.5
OUTLIER_MIN_VALUES = 5

MISSING = "missing or not meaningful (no data, or a non-positive denominator)"
NOT_FINITE = "not a finite number"
NOT_POSITIVE = "negative or zero: not meaningful"


@dataclass(frozen=True, slots=True)
class MultipleStatistics:
    """Statistics of one multiple across the peers; every statistic is `None` (and n is 0) when no
    value is usable. `excluded` lists (ticker, reason) in the order the peers were given."""

    name: str
    min: float | None
    p25: float | None
    median: float | None
    p75: float | None
    max: float | None
    n: int
    excluded: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ComparablesSummary:
    ev_to_ebitda: MultipleStatistics
    ev_to_ebit: MultipleStatistics
    ev_to_revenue: MultipleStatistics
    price_to_earnings: MultipleStatistics


def multiple_statistics(
    name: str, values: Sequence[tuple[str, float | None]]
) -> MultipleStatistics:
    """Min, quartiles, median and max of one multiple over (peer ticker, multiple) pairs, after
    excluding missing, non-positive and outlying values (rules in the module docstring)."""
    reasons: dict[int, str] = {}
    positive: list[tuple[int, float]] = []
    for index, (_, value) in enumerate(values):
        if value is None:
            reasons[index] = MISSING
        elif not math.isfinite(value):
            reasons[index] = NOT_FINITE
        elif value <= 0:
            reasons[index] = NOT_POSITIVE
        else:
            positive.append((index, value))

    kept = positive
    if len(positive) >= OUTLIER_MIN_VALUES:
        q1, q3 = _percentiles([v for _, v in positive], (25, 75))
        spread = OUTLIER_IQR_FACTOR * (q3 - q1)
        low, high = q1 - spread, q3 + spread
        outlier = f"outlier: outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR] = [{low:.2f}, {high:.2f}]"
        kept = []
        for index, value in positive:
            if low <= value <= high:
                kept.append((index, value))
            else:
                reasons[index] = outlier

    excluded = tuple((values[i][0], reasons[i]) for i in sorted(reasons))
    if not kept:
        return MultipleStatistics(name, None, None, None, None, None, 0, excluded)
    used = [v for _, v in kept]
    p25, median, p75 = _percentiles(used, (25, 50, 75))
    return MultipleStatistics(name, min(used), p25, median, p75, max(used), len(used), excluded)


def peer_multiples_summary(peers: Sequence[tuple[str, TradingMultiples]]) -> ComparablesSummary:
    """Statistics of each trading multiple across (peer ticker, multiples) pairs."""
    return ComparablesSummary(
        ev_to_ebitda=multiple_statistics("ev_to_ebitda", [(t, m.ev_to_ebitda) for t, m in peers]),
        ev_to_ebit=multiple_statistics("ev_to_ebit", [(t, m.ev_to_ebit) for t, m in peers]),
        ev_to_revenue=multiple_statistics(
            "ev_to_revenue", [(t, m.ev_to_revenue) for t, m in peers]
        ),
        price_to_earnings=multiple_statistics(
            "price_to_earnings", [(t, m.price_to_earnings) for t, m in peers]
        ),
    )


def aasb16_basis_warning(
    subject_ebitda_post_aasb16: bool, peers_post_aasb16: Sequence[bool]
) -> str | None:
    """A warning when EV/EBITDA would mix EBITDA measured before and after AASB 16, else `None`.

    Since AASB 16 (2019) lease costs leave EBITDA (they become depreciation and interest) and lease
    liabilities join debt, so post-AASB 16 EBITDA is higher and EV/EBITDA lower for the same
    business; applying peers' multiples on one basis to a subject on the other misstates value.
    """
    mismatched = sum(1 for peer in peers_post_aasb16 if peer != subject_ebitda_post_aasb16)
    if mismatched == 0:
        return None
    subject_basis = _basis(subject_ebitda_post_aasb16)
    peer_basis = _basis(not subject_ebitda_post_aasb16)
    return (
        f"EV/EBITDA mixes accounting bases: the subject's EBITDA is {subject_basis} but "
        f"{mismatched} of {len(peers_post_aasb16)} peers report {peer_basis}. Restate to one "
        "basis (add back or deduct lease costs, and treat lease liabilities consistently in EV) "
        "before applying peer multiples."
    )


def implied_values(statistics: MultipleStatistics, subject_metric: float) -> ValueRange | None:
    """The peers' p25, median and p75 multiples times the subject's metric (e.g. EBITDA for
    EV/EBITDA) as a low / mid / high range; `None` when the metric is not positive (a multiple of
    a loss implies no value) or the statistics are empty."""
    if not math.isfinite(subject_metric) or subject_metric <= 0:
        return None
    if statistics.p25 is None or statistics.median is None or statistics.p75 is None:
        return None
    return ValueRange(
        statistics.p25 * subject_metric,
        statistics.median * subject_metric,
        statistics.p75 * subject_metric,
    )


def _percentiles(values: Sequence[float], qs: tuple[float, ...]) -> list[float]:
    result = np.percentile(np.asarray(values, dtype=float), list(qs), method=PERCENTILE_METHOD)
    return [float(x) for x in result]


def _basis(post_aasb16: bool) -> str:
    if post_aasb16:
        return "post-AASB 16 (leases capitalised, lease costs excluded from EBITDA)"
    return "pre-AASB 16 (lease costs expensed within EBITDA)"
