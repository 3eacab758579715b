"""Inputs that are each possible but implausible together: warned about before a job runs and
listed with its result. Each is more often a typing slip (a figure in thousands beside one in
dollars, shares in millions) than a real business, but none is impossible, so none refuses the job.
Pure, over the engine's inputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from valuation.money import aud

if TYPE_CHECKING:
    from providers.models import FinancialPeriod
    from valuation.engine import ValuationInputs

JUMP_FACTOR = 100.0
MINIMUM_PLAUSIBLE_PRICE = 0.001  # A$ per share
# A deliberately generous enterprise value, before any peer is read: the price warning is meant
# for shares that are clearly too many (a unit slip), not for a company that is merely cheap.
GENEROUS_EV_TO_REVENUE = 10.0
GENEROUS_EV_TO_EBITDA = 30.0
# The amounts of one fiscal period of the input, in A$ (bounded by createValuation).
PERIOD_AMOUNTS = (
    "revenue",
    "ebitda",
    "ebit",
    "net_income",
    "depreciation_and_amortisation",
    "capital_expenditure",
    "change_in_working_capital",
)
# Working capital swings through zero as a matter of course, so a jump there means nothing.
JUMP_FIGURES = tuple(f for f in PERIOD_AMOUNTS if f != "change_in_working_capital")


@dataclass(frozen=True, slots=True)
class InputWarning:
    """One implausibility; `field` is the path in the valuation input, e.g. history, 2, ebitda."""

    field: tuple[str, ...]
    code: str
    message: str


def input_warnings(inputs: ValuationInputs) -> tuple[InputWarning, ...]:
    """Every implausibility of the inputs, in the order of the fields."""
    periods = _labelled_periods(inputs.history, inputs.forecast)
    return (*_margins(periods), *_jumps(periods), *_price(inputs))


def _labelled_periods(
    history: Sequence[FinancialPeriod], forecast: Sequence[FinancialPeriod]
) -> list[tuple[tuple[str, str], FinancialPeriod]]:
    return [(("history", str(i)), p) for i, p in enumerate(history)] + [
        (("forecast", str(i)), p) for i, p in enumerate(forecast)
    ]


def _fy(period: FinancialPeriod) -> str:
    return f"FY{period.fiscal_year_end.year}"


def _margins(
    periods: Sequence[tuple[tuple[str, str], FinancialPeriod]],
) -> Iterator[InputWarning]:
    for path, period in periods:
        if period.ebitda > period.revenue:
            yield InputWarning(
                (*path, "ebitda"),
                "EBITDA_ABOVE_REVENUE",
                f"{_fy(period)} EBITDA {aud(period.ebitda)} is above revenue "
                f"{aud(period.revenue)}.",
            )
        if period.net_income > period.revenue:
            yield InputWarning(
                (*path, "net_income"),
                "NET_INCOME_ABOVE_REVENUE",
                f"{_fy(period)} net income {aud(period.net_income)} is above revenue "
                f"{aud(period.revenue)}.",
            )


def _jumps(
    periods: Sequence[tuple[tuple[str, str], FinancialPeriod]],
) -> Iterator[InputWarning]:
    for (_, before), (path, after) in pairwise(periods):
        for figure in JUMP_FIGURES:
            old, new = getattr(before, figure), getattr(after, figure)
            if old == 0 or new == 0 or (old > 0) != (new > 0):
                continue  # from or to nothing, or a change of sign: no ratio to speak of
            factor = max(abs(old), abs(new)) / min(abs(old), abs(new))
            if factor >= JUMP_FACTOR:
                yield InputWarning(
                    (*path, figure),
                    "YEAR_ON_YEAR_JUMP",
                    f"{figure.replace('_', ' ')} goes from {aud(old)} in {_fy(before)} to "
                    f"{aud(new)} in {_fy(after)}, a factor of {factor:,.0f}: are both in the "
                    "same unit?",
                )


def _price(inputs: ValuationInputs) -> Iterator[InputWarning]:
    """An offer price estimated from the inputs alone, at a generous multiple."""
    recent = [*inputs.history[-1:], *inputs.forecast[:1]]
    enterprise = max(
        (max(p.revenue * GENEROUS_EV_TO_REVENUE, p.ebitda * GENEROUS_EV_TO_EBITDA) for p in recent),
        default=0.0,
    )
    if enterprise <= 0:
        return  # nothing to estimate from (no revenue, no earnings)
    debt_like = inputs.net_debt + (inputs.lease_liabilities if inputs.ebitda_post_aasb16 else 0.0)
    equity = enterprise - debt_like
    if equity <= 0:
        yield InputWarning(
            ("net_debt",),
            "DEBT_ABOVE_ESTIMATED_VALUE",
            f"Net debt and leases of {aud(debt_like)} exceed even a generous enterprise value of "
            f"{aud(enterprise)} ({GENEROUS_EV_TO_REVENUE:.0f}x revenue or "
            f"{GENEROUS_EV_TO_EBITDA:.0f}x EBITDA): the equity value will likely not be positive.",
        )
        return
    price = equity * (1 - inputs.assumptions.ipo_discount) / inputs.pre_offer_shares
    if price < MINIMUM_PLAUSIBLE_PRICE:
        yield InputWarning(
            ("pre_offer_shares",),
            "PRICE_BELOW_MINIMUM",
            f"Even at a generous enterprise value of {aud(enterprise)}, "
            f"{inputs.pre_offer_shares:,.0f} shares would be priced at A${price:.2g} each, under "
            f"A${MINIMUM_PLAUSIBLE_PRICE}: is the share count in units?",
        )
