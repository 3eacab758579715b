"""The Monte Carlo simulation behind a valuation's DCF bar, with its draws binned for a chart.

The figures are the stored ones; the histogram bins the draws made again by
`contracts.monte_carlo.distribution_of`, the function the PDF report draws its histogram from, so
a browser's chart and the report's show the same draws, and neither disagrees with the percentiles.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
import strawberry

from contracts.monte_carlo import Distribution, distribution_of
from contracts.valuation_input import ValuationJobInput
from valuation.dcf import FloatArray


@strawberry.type(
    description="One bar of a histogram: the draws whose enterprise value is from `low` up to "
    "`high` (the last bar includes its `high`)."
)
class HistogramBin:
    low: float = strawberry.field(description="Lower edge: enterprise value, AUD.")
    high: float = strawberry.field(description="Upper edge: enterprise value, AUD.")
    count: int = strawberry.field(description="Draws in the bar.")


def histogram_of(values: FloatArray, bins: int) -> list[HistogramBin]:
    """`bins` bars of equal width from the lowest draw to the highest, ascending; each bar's
    `high` is the next one's `low`, so the bars are contiguous."""
    counts, edges = np.histogram(values, bins=bins)
    return [
        HistogramBin(low=float(edges[i]), high=float(edges[i + 1]), count=int(count))
        for i, count in enumerate(counts)
    ]


@strawberry.type(
    description="The DCF's Monte Carlo simulation (10,000 draws of the discount rate, terminal "
    "growth and cash-flow level; fixed seed): its percentiles as stored with the result, and its "
    "draws binned for a chart."
)
class MonteCarloDistribution:
    p10: float = strawberry.field(
        description="10th percentile of enterprise value, AUD: the DCF bar's low."
    )
    p50: float = strawberry.field(description="Median enterprise value, AUD: the DCF bar's mid.")
    p90: float = strawberry.field(
        description="90th percentile of enterprise value, AUD: the DCF bar's high."
    )
    mean: float = strawberry.field(description="Mean enterprise value over the draws kept, AUD.")
    draws: int = strawberry.field(
        description="Draws kept: those the percentiles, the mean and the histogram are over."
    )
    discarded: int = strawberry.field(
        description="Draws left out because their terminal growth was not below their discount "
        "rate (not counted in `draws`)."
    )
    histogram: list[HistogramBin] | None = strawberry.field(
        description="The draws kept in `bins` bars of equal width from the lowest to the highest, "
        "ascending; the counts sum to `draws`. Null when the draws cannot be made again to the "
        "stored percentiles (a result stored by an engine that drew differently)."
    )

    @classmethod
    def of(cls, distribution: Distribution, bins: int) -> MonteCarloDistribution:
        values = distribution.values
        return cls(
            p10=distribution.p10,
            p50=distribution.p50,
            p90=distribution.p90,
            mean=distribution.mean,
            draws=distribution.draws,
            discarded=distribution.discarded,
            histogram=histogram_of(values, bins) if values is not None else None,
        )


def stored_distribution(
    inputs: dict[str, Any], created_at: datetime, result: dict[str, Any], bins: int
) -> MonteCarloDistribution | None:
    """The distribution of a completed job's stored result (None without a DCF): CPU work, the
    draws made again, for a thread."""
    job_input = ValuationJobInput.model_validate(inputs)
    distribution = distribution_of(job_input, job_input.valuation_day(created_at), result)
    return MonteCarloDistribution.of(distribution, bins) if distribution is not None else None
