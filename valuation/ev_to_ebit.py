"""EV / EBIT: enterprise value as EBIT times the peers' (or the caller's) EV/EBIT.

EBIT is earned for debt and equity holders alike, so its multiple gives enterprise value; the
synthesis bridges to equity by deducting net debt (and lease liabilities where EBIT is measured
after AASB 16, since lease liabilities are then in the peers' EV). Unlike EV/EBITDA it charges
depreciation and amortisation, so it compares capital-intensive peers more fairly, but it carries
their different depreciation policies with it (Damodaran, Investment Valuation, 2nd ed., Wiley
2002, ch. 18 "Earnings Multiples", on enterprise value to EBIT and EBITDA).

Zero or negative EBIT raises `MethodNotApplicable` (code `EBIT_NOT_POSITIVE`), as a loss does for
P/E: a multiple of an operating loss says nothing about value.
"""

from __future__ import annotations

from typing import Final

from valuation.method_value import (
    MethodValue,
    MultipleRange,
    multiple_method_value,
    range_text,
    require_label,
    require_positive_metric,
)
from valuation.money import aud

EBIT_NOT_POSITIVE: Final = "EBIT_NOT_POSITIVE"


def value_by_ev_to_ebit(ebit: float, multiples: MultipleRange, period_label: str) -> MethodValue:
    """Enterprise value = EBIT x EV/EBIT at each of low / mid / high.

    Raises `MethodNotApplicable` (`EBIT_NOT_POSITIVE`) for zero or negative EBIT and
    `ValuationInputError` for EBIT that is not a number or an empty period label.
    """
    label = require_label(period_label)
    require_positive_metric(
        f"{label} EBIT",
        ebit,
        EBIT_NOT_POSITIVE,
        "an EV/EBIT multiple applies only to positive operating earnings; value an operating "
        "loss by another method.",
    )
    return multiple_method_value(
        gives="enterprise",
        metric=ebit,
        multiples=multiples,
        basis=f"EV/EBIT {range_text(multiples)} on {label} EBIT {aud(ebit)}",
    )
