"""Revenue growth: compound annual growth rates and how the company's compares with its peers'.

The historical CAGR runs from the first to the last historical year. The forecast CAGR runs from
the last historical year to the last forecast year (forecast years follow the history, one a year),
so that a jump from the last actual to the first forecast year counts: that step is where
optimistic forecasts often hide. Without history it runs over the forecast years alone.

The percentile compares the historical CAGR with the peers' CAGRs (observed against observed): the
share of peers below it, counting ties as half, times 100 (so a company equal to every peer sits at
50).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Forecast growth this far above history (in percentage points a year) calls for support.
FORECAST_GAP_WARNING = 0.10
# With fewer peers a percentile moves in steps too coarse to read much into.
MIN_PEERS_FOR_PERCENTILE = 5


@dataclass(frozen=True, slots=True)
class GrowthProfile:
    historical_cagr: float | None
    forecast_cagr: float | None
    peer_median_cagr: float | None
    percentile_vs_peers: float | None  # 0 to 100
    notes: tuple[str, ...]


def cagr(first: float, last: float, years: float) -> float | None:
    """Compound annual growth rate from `first` to `last` over `years`; `None` when either value or
    the period is not positive (growth from or to a loss has no compound rate)."""
    if not all(math.isfinite(x) for x in (first, last, years)):
        return None
    if first <= 0 or last <= 0 or years <= 0:
        return None
    return float((last / first) ** (1 / years) - 1)


def growth_profile(
    historical_revenue: Sequence[float],
    forecast_revenue: Sequence[float] | None,
    peer_cagrs: Sequence[float],
) -> GrowthProfile:
    """Historical and forecast revenue CAGRs (annual revenues, oldest first) and the historical
    CAGR's standing among the peers' CAGRs, with notes on anything that limits them."""
    notes: list[str] = []
    historical = _historical_cagr(historical_revenue, notes)
    forecast = _forecast_cagr(historical_revenue, forecast_revenue, notes)
    if (
        historical is not None
        and forecast is not None
        and forecast - historical > FORECAST_GAP_WARNING
    ):
        notes.append(
            f"forecast growth of {forecast:.1%} a year exceeds the historical {historical:.1%} "
            f"by more than {FORECAST_GAP_WARNING * 100:.0f} percentage points: "
            "the forecast needs support"
        )

    peers = [c for c in peer_cagrs if math.isfinite(c)]
    if len(peers) < len(peer_cagrs):
        notes.append(f"{len(peer_cagrs) - len(peers)} peer CAGRs ignored: not finite")
    if not peers:
        notes.append("no peer CAGRs: no peer comparison")
        return GrowthProfile(historical, forecast, None, None, tuple(notes))
    peer_median = float(np.median(peers))
    percentile = None
    if historical is not None:
        below = sum(1 for c in peers if c < historical)
        ties = sum(1 for c in peers if c == historical)
        percentile = 100 * (below + ties / 2) / len(peers)
        if len(peers) < MIN_PEERS_FOR_PERCENTILE:
            notes.append(f"only {len(peers)} peer CAGRs: the percentile is indicative")
    return GrowthProfile(historical, forecast, peer_median, percentile, tuple(notes))


def _historical_cagr(revenue: Sequence[float], notes: list[str]) -> float | None:
    if len(revenue) < 2:
        notes.append("fewer than two historical years: no historical CAGR")
        return None
    result = cagr(revenue[0], revenue[-1], len(revenue) - 1)
    if result is None:
        notes.append("first or last historical revenue not positive: no historical CAGR")
    return result


def _forecast_cagr(
    historical: Sequence[float], forecast: Sequence[float] | None, notes: list[str]
) -> float | None:
    if not forecast:
        notes.append("no forecast: no forecast CAGR")
        return None
    if historical:
        result = cagr(historical[-1], forecast[-1], len(forecast))
    elif len(forecast) >= 2:
        result = cagr(forecast[0], forecast[-1], len(forecast) - 1)
    else:
        notes.append("a single forecast year and no history: no forecast CAGR")
        return None
    if result is None:
        notes.append("base or final forecast revenue not positive: no forecast CAGR")
    return result
