"""The economic backdrop of a valuation: where rates and inflation stand and which way they move.

For each RBA series, the latest observation is compared with one about three months earlier,
counted in observations (the RBA publishes each series without gaps at its frequency):

| Series        | What                                   | Frequency | Compared with        |
|---------------|----------------------------------------|-----------|----------------------|
| FIRMMCRT      | cash rate target, monthly average      | monthly   | 3 observations back  |
| FCMYGBAG10D   | 10-year Commonwealth bond yield        | daily     | 20 observations back |
| GCPIAGYP      | CPI, year-ended inflation              | quarterly | 1 observation back   |
| GCPIOCPMTMYP  | trimmed mean, year-ended inflation     | quarterly | 1 observation back   |

Daily yields are published for trading days only, so 20 observations is about a month of trading;
the brief window keeps the direction current for a market series. A change within 5 basis points
either way (inclusive) is "steady": smaller moves are noise for a valuation. A series that is
missing or empty is absent from the context; one too short for the comparison has a latest value
but no direction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from providers.models import RateSeries

CASH_RATE = "FIRMMCRT"
TEN_YEAR_YIELD = "FCMYGBAG10D"
CPI = "GCPIAGYP"
TRIMMED_MEAN = "GCPIOCPMTMYP"
LOOKBACK = {CASH_RATE: 3, TEN_YEAR_YIELD: 20, CPI: 1, TRIMMED_MEAN: 1}
STEADY_TOLERANCE = 0.0005  # 5 basis points
# Decimal rates are not exact in binary: 0.0410 - 0.0405 is 0.000500...01, which is still 5 bp.
_FLOAT_SLACK = 1e-12


class Direction(StrEnum):
    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"


@dataclass(frozen=True, slots=True)
class IndicatorReading:
    series_id: str
    title: str
    value: float  # decimal fraction
    as_of: date
    previous_value: float | None  # the observation compared with; None when history is too short
    previous_as_of: date | None
    change: float | None  # value - previous_value
    direction: Direction | None
    stale: bool  # the series was served from cache past its freshness window


@dataclass(frozen=True, slots=True)
class EconomicContext:
    cash_rate: IndicatorReading | None
    ten_year_yield: IndicatorReading | None
    cpi_inflation: IndicatorReading | None
    trimmed_mean_inflation: IndicatorReading | None

    @property
    def readings(self) -> tuple[IndicatorReading, ...]:
        """The readings present, in the order of the fields."""
        candidates = (
            self.cash_rate,
            self.ten_year_yield,
            self.cpi_inflation,
            self.trimmed_mean_inflation,
        )
        return tuple(r for r in candidates if r is not None)


def economic_context(series: Mapping[str, RateSeries]) -> EconomicContext:
    """Latest value, date and direction of travel of the cash rate, 10-year yield, CPI and
    trimmed-mean inflation, from series keyed by RBA series ID (rules in the module docstring)."""
    return EconomicContext(
        cash_rate=_reading(series.get(CASH_RATE), LOOKBACK[CASH_RATE]),
        ten_year_yield=_reading(series.get(TEN_YEAR_YIELD), LOOKBACK[TEN_YEAR_YIELD]),
        cpi_inflation=_reading(series.get(CPI), LOOKBACK[CPI]),
        trimmed_mean_inflation=_reading(series.get(TRIMMED_MEAN), LOOKBACK[TRIMMED_MEAN]),
    )


def direction_of(change: float) -> Direction:
    """Rising, falling or steady, with changes within the tolerance (inclusive) steady."""
    if abs(change) <= STEADY_TOLERANCE + _FLOAT_SLACK:
        return Direction.STEADY
    return Direction.RISING if change > 0 else Direction.FALLING


def _reading(series: RateSeries | None, lookback: int) -> IndicatorReading | None:
    if series is None or not series.observations:
        return None
    observations = series.observations
    latest = observations[-1]
    if len(observations) <= lookback:
        return IndicatorReading(
            series.series_id,
            series.title,
            latest.value,
            latest.as_of,
            None,
            None,
            None,
            None,
            series.stale,
        )
    previous = observations[-1 - lookback]
    change = latest.value - previous.value
    return IndicatorReading(
        series.series_id,
        series.title,
        latest.value,
        latest.as_of,
        previous.value,
        previous.as_of,
        change,
        direction_of(change),
        series.stale,
    )
