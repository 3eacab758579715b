"""The Monte Carlo draws behind a stored DCF, for a histogram (the PDF report's, the API's).

A stored result keeps the simulation's P10 / P50 / P90, mean and counts, not the 10,000 draws; the
draws are made again by the engine's own function (`valuation.dcf_model.monte_carlo_draws`: the
same forecast, schedule, WACC, terminal growth, RONIC and fixed seed) from the stored input and the
stored WACC and tax rate. They are given only when their percentiles are the stored ones, so a
histogram can never disagree with the figures the API gives; a result stored by an engine that
drew differently gets the stored percentiles without the draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from contracts.valuation_input import ValuationJobInput
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
    draws: int  # the draws kept, those the statistics are over
    discarded: int  # draws dropped (terminal growth not below the rate)
    values: FloatArray | None  # None: the draws could not be made again to the stored figures


def distribution_of(
    inputs: ValuationJobInput, valuation_date: date, payload: dict[str, Any]
) -> Distribution | None:
    """The distribution of a stored result (`payload`) valued from `inputs` at `valuation_date`;
    None when the valuation has no DCF."""
    dcf: dict[str, Any] | None = payload.get("dcf")
    if not dcf or not dcf.get("monte_carlo"):
        return None
    stored = dcf["monte_carlo"]
    values = _draws(inputs, valuation_date, payload)
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


def _draws(
    inputs: ValuationJobInput, valuation_date: date, payload: dict[str, Any]
) -> FloatArray | None:
    tax_rate = payload.get("tax_rate")
    wacc = (payload.get("wacc") or {}).get("wacc")
    if tax_rate is None or wacc is None:
        return None
    try:
        return monte_carlo_draws(inputs.to_engine(valuation_date), float(wacc), float(tax_rate))
    except ValuationInputError:
        return None


def _agrees(values: FloatArray, stored: dict[str, Any]) -> bool:
    found = np.percentile(values, [10, 50, 90])
    expected = (stored["p10"], stored["p50"], stored["p90"])
    return values.size == stored["draws"] and all(
        math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE) for a, b in zip(found, expected, strict=True)
    )
