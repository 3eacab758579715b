"""The Monte Carlo draws behind the DCF's bar, for the histogram.

A stored result keeps the simulation's P10 / P50 / P90, mean and counts, not the 10,000 draws; the
draws are made again by the engine's own function (`valuation.dcf_model.monte_carlo_draws`: the
same forecast, schedule, WACC, terminal growth, RONIC and fixed seed) from the stored input and the
stored WACC and tax rate. They are shown only when their percentiles are the stored ones, so the
histogram can never disagree with the figures the API gives; a result stored by an engine that
drew differently gets the stored percentiles without a histogram.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from reports.model import ReportData
from valuation.dcf import FloatArray
from valuation.dcf_model import monte_carlo_draws
from valuation.errors import ValuationInputError

RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Distribution:
    p10: float
    p50: float
    p90: float
    mean: float
    draws: int
    discarded: int
    values: FloatArray | None  # None: the draws could not be made again to the stored figures


def distribution_of(data: ReportData) -> Distribution | None:
    """None when the valuation has no DCF."""
    dcf: dict[str, Any] | None = data.payload.get("dcf")
    if not dcf or not dcf.get("monte_carlo"):
        return None
    stored = dcf["monte_carlo"]
    values = _draws(data)
    if values is not None and not _agrees(values, stored):
        values = None
    return Distribution(
        p10=stored["p10"],
        p50=stored["p50"],
        p90=stored["p90"],
        mean=stored["mean"],
        draws=stored["draws"],
        discarded=stored["discarded"],
        values=values,
    )


def _draws(data: ReportData) -> FloatArray | None:
    tax_rate = data.payload.get("tax_rate")
    if tax_rate is None:
        return None
    try:
        inputs = data.inputs.to_engine(data.valuation_date)
        return monte_carlo_draws(inputs, data.result.wacc.wacc, float(tax_rate))
    except ValuationInputError:
        return None


def _agrees(values: FloatArray, stored: dict[str, Any]) -> bool:
    found = np.percentile(values, [10, 50, 90])
    expected = (stored["p10"], stored["p50"], stored["p90"])
    return values.size == stored["draws"] and all(
        math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE) for a, b in zip(found, expected, strict=True)
    )
