"""Price to earnings: equity value as NPAT times a P/E, and the P/E a stable firm's fundamentals
justify.

The P/E prices equity, so it applies to earnings after interest and tax attributable to ordinary
shareholders (NPAT) and gives equity value directly, with no net-debt bridge. The period of the
earnings (trailing, FY1, FY2) must match the period of the peers' P/Es: `period_label` names it in
the basis so a report shows which.

A loss or zero NPAT raises `MethodNotApplicable` (code `EARNINGS_NOT_POSITIVE`): a P/E of a loss
says nothing about value (Damodaran, Investment Valuation, 2nd ed., Wiley 2002, ch. 18 "Earnings
Multiples"; ch. 22 treats firms with negative earnings by other means), and the caller values the
subject by its remaining methods.
"""

from __future__ import annotations

import math
from typing import Final

from valuation.errors import ValuationInputError
from valuation.method_value import (
    MethodValue,
    MultipleRange,
    multiple_method_value,
    range_text,
    require_label,
    require_positive_metric,
)
from valuation.money import aud

EARNINGS_NOT_POSITIVE: Final = "EARNINGS_NOT_POSITIVE"


def value_by_price_to_earnings(
    npat: float, multiples: MultipleRange, period_label: str
) -> MethodValue:
    """Equity value = NPAT x P/E at each of low / mid / high.

    Raises `MethodNotApplicable` (`EARNINGS_NOT_POSITIVE`) for a loss or zero NPAT and
    `ValuationInputError` for NPAT that is not a number or an empty period label.
    """
    label = require_label(period_label)
    require_positive_metric(
        f"{label} NPAT",
        npat,
        EARNINGS_NOT_POSITIVE,
        "a P/E applies only to positive earnings; value a loss-making company by another method.",
    )
    return multiple_method_value(
        gives="equity",
        metric=npat,
        multiples=multiples,
        basis=f"P/E {range_text(multiples)} on {label} NPAT {aud(npat)}",
    )


def justified_price_to_earnings(
    payout_ratio: float, growth: float, cost_of_equity: float, forward: bool
) -> float:
    """The P/E of a firm in stable growth, from the Gordon growth model.

    Damodaran, Investment Valuation, 2nd ed. (Wiley 2002), ch. 18 "Earnings Multiples": with
    P0 = DPS1 / (ke - g) and DPS1 = EPS0 x payout x (1 + g),

        trailing P/E = P0 / EPS0 = payout x (1 + g) / (ke - g)
        forward P/E  = P0 / EPS1 = payout / (ke - g)

    Inputs are decimal fractions. The payout ratio should be the stable one, consistent with
    growth and the return on equity (payout = 1 - g / ROE); that consistency is the caller's.

    Worked example (Damodaran's Con Ed, a stable-growth utility, at 31 December 2000, from his
    dividend discount model lecture notes for Investment Valuation ch. 13): payout 69.21 %,
    g 3 %, ke = 5.1 % + 0.80 x 4 % = 8.3 %, EPS $3.15.

        trailing P/E = 0.6921 x 1.03 / (0.083 - 0.03) = 0.712863 / 0.053 = 13.45
        forward P/E  = 0.6921 / 0.053 = 13.06
        13.45 x $3.15 = $42.37, his dividend discount value per share.
    """
    for name, value in (
        ("The payout ratio", payout_ratio),
        ("Growth", growth),
        ("The cost of equity", cost_of_equity),
    ):
        if not math.isfinite(value):
            raise ValuationInputError(f"{name} is not a finite number: {value!r}.")
    if payout_ratio <= 0:
        raise ValuationInputError(
            f"The payout ratio {payout_ratio:.2%} is not positive: a stable firm that never "
            "pays out has no dividend discount value, so no justified P/E."
        )
    if growth <= -1:
        raise ValuationInputError(f"Growth of {growth:.2%} is not above -100 %.")
    if cost_of_equity <= growth:
        raise ValuationInputError(
            f"The cost of equity {cost_of_equity:.2%} must exceed growth {growth:.2%}: the "
            "Gordon growth model has no finite value otherwise."
        )
    forward_pe = payout_ratio / (cost_of_equity - growth)
    return forward_pe if forward else forward_pe * (1 + growth)
