"""Trading comparables: summary statistics of peer multiples (method_value.py applies them).

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

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from valuation.lease_basis import PRE_AASB16

if TYPE_CHECKING:
    from valuation.inputs import Peer

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
    price_to_book: MultipleStatistics | None = None
    price_to_nta: MultipleStatistics | None = None
    dividend_yield: MultipleStatistics | None = None
    return_on_equity: MultipleStatistics | None = None


def multiple_statistics(
    name: str,
    values: Sequence[tuple[str, float | None]],
    preset: Mapping[int, str] | None = None,
) -> MultipleStatistics:
    """Min, quartiles, median and max of one multiple over (peer ticker, multiple) pairs, after
    excluding missing, non-positive and outlying values (rules in the module docstring).
    `preset` excludes values by index with a reason decided elsewhere (a basis that cannot be
    restated)."""
    reasons: dict[int, str] = dict(preset or {})
    positive: list[tuple[int, float]] = []
    for index, (_, value) in enumerate(values):
        if index in reasons:
            continue
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


def ltm_summary(peers: Sequence[Peer]) -> ComparablesSummary:
    """Statistics of each trading multiple over the peers' LTM figures: the headline figures."""

    def stats(name: str) -> MultipleStatistics:
        return peer_statistics(name, peers, "LTM", enterprise_multiple=name.startswith("ev_"))

    return ComparablesSummary(
        ev_to_ebitda=stats("ev_to_ebitda"),
        ev_to_ebit=stats("ev_to_ebit"),
        ev_to_revenue=stats("ev_to_revenue"),
        price_to_earnings=stats("price_to_earnings"),
        price_to_book=stats("price_to_book"),
        price_to_nta=stats("price_to_nta"),
        dividend_yield=stats("dividend_yield"),
        return_on_equity=stats("return_on_equity"),
    )


def peer_statistics(
    name: str, peers: Sequence[Peer], period: str, *, enterprise_multiple: bool
) -> MultipleStatistics:
    """The statistics of one multiple over the peers measured on `period` (LTM, FY1, FY2). An
    EV multiple leaves out peers whose accounts predate AASB 16 (lease_basis.py), with that
    reason, so that every EV sits on one lease basis."""
    on_period = [p for p in peers if p.period == period]
    values = [(p.ticker, getattr(p.multiples, name)) for p in on_period]
    preset = {
        index: PRE_AASB16
        for index, p in enumerate(on_period)
        if enterprise_multiple and not p.multiples.post_aasb16
    }
    return multiple_statistics(name, values, preset)


def peer_exclusions(
    name: str, peers: Sequence[Peer], period: str, *, enterprise_multiple: bool
) -> list[tuple[Peer, str]]:
    """The peers on `period` that `peer_statistics` leaves out, each with its reason, as the peers
    themselves: a caller's peer may bear the name of another, or an ASX code, so a name alone
    would mark the wrong one."""
    on_period = [p for p in peers if p.period == period]
    by_position = [dataclasses.replace(p, ticker=str(i)) for i, p in enumerate(on_period)]
    stats = peer_statistics(name, by_position, period, enterprise_multiple=enterprise_multiple)
    return [(on_period[int(position)], reason) for position, reason in stats.excluded]


def _percentiles(values: Sequence[float], qs: tuple[float, ...]) -> list[float]:
    result = np.percentile(np.asarray(values, dtype=float), list(qs), method=PERCENTILE_METHOD)
    return [float(x) for x in result]
