"""Dividend yield with franking: equity value as dividends over a target yield, on a cash or a
grossed-up basis (Australian imputation).

Franking. A franked dividend carries a franking credit for company tax already paid; the
shareholder includes the credit in assessable income (the "gross-up") and gets a tax offset equal
to it (ITAA 1997 s 207-20). The maximum credit is the distribution x 1 / the corporate tax
gross-up rate (s 202-60(2)), that rate being (100 % - t) / t for the company's corporate tax rate
for imputation purposes t (s 995-1(1)); the franking percentage is the credit allocated over that
maximum, at most 100 % (s 203-35). So

    franking credit     = cash dividend x franking % x t / (1 - t)
    grossed-up dividend = cash dividend x (1 + franking % x t / (1 - t))

ATO, "Refund of franking credits for individuals 2005: worksheet" (ato.gov.au/forms-and-
instructions/refund-of-franking-credits-for-individuals-2005-application-and-instructions/
worksheet): a franked amount of $42.00 carries a franking credit of $18.00 (42 x 0.3 / 0.7).

Basis. Investors who can use the credits (superannuation funds, most resident individuals) price
the grossed-up dividend, so desks compare issuers with different franking on grossed-up yields;
a cash yield compares like with like only when subject and peers are franked alike. On the
"CASH" basis the value is cash dividends / cash yield; on "GROSSED_UP" it is grossed-up dividends
/ grossed-up yield. A higher yield is a lower value: the low value uses the high yield.

Worked example: a 5.0c fully franked dividend at 30 % grosses up to 5.0 x (1 + 0.3 / 0.7) =
7.14c; at a 7 % grossed-up target yield the price is 7.14c / 0.07 = A$1.02, a cash yield of
5.0c / A$1.02 = 4.9 %. Franked at 50 % it grosses up to 5.0 x (1 + 0.5 x 0.3 / 0.7) = 6.07c,
priced at 6.07c / 0.07 = 86.7c.

REITs. A distribution yield is this function with franking 0: trust distributions are generally
unfranked (a trust pays no company tax to frank with), so the two bases coincide.

Zero dividends raise `MethodNotApplicable` (code `NO_DIVIDENDS`): a yield prices a payer only.
"""

from __future__ import annotations

import math
from typing import Final, Literal

from valuation.errors import ValuationInputError
from valuation.method_value import (
    MethodNotApplicable,
    MethodValue,
    MultipleRange,
    require_finite,
    require_label,
    yield_method_value,
)
from valuation.money import aud

YieldBasis = Literal["CASH", "GROSSED_UP"]
YIELD_BASES: Final = ("CASH", "GROSSED_UP")

NO_DIVIDENDS: Final = "NO_DIVIDENDS"
UNUSUAL_CORPORATE_TAX_RATE: Final = "UNUSUAL_CORPORATE_TAX_RATE"

DEFAULT_TAX_RATE: Final = 0.30
# Corporate tax rates for imputation purposes: 30 %, or 25 % for base rate entities from 2021-22.
USUAL_CORPORATE_TAX_RATES: Final = (0.30, 0.25)


def gross_up_factor(franking_percentage: float, tax_rate: float = DEFAULT_TAX_RATE) -> float:
    """1 + franking x t / (1 - t): grossed-up dividend per unit of cash dividend (see the module
    docstring for the ITAA 1997 sections). Franking is a fraction, 1.0 for fully franked; the tax
    rate is the company's corporate tax rate for imputation purposes."""
    require_finite("The franking percentage", franking_percentage)
    require_finite("The tax rate", tax_rate)
    if not 0 <= franking_percentage <= 1:
        raise ValuationInputError(
            f"The franking percentage {franking_percentage:g} is outside 0-1: give it as a "
            "fraction (1.0 for fully franked, not 100); ITAA 1997 s 203-35(2) caps it at 100 %."
        )
    if not 0 <= tax_rate < 1:
        raise ValuationInputError(
            f"The tax rate {tax_rate:g} is outside [0, 1): give it as a fraction (0.30)."
        )
    return 1 + franking_percentage * tax_rate / (1 - tax_rate)


def value_by_dividend_yield(
    dividends: float,
    yields: MultipleRange,
    franking_percentage: float,
    yield_basis: YieldBasis,
    period_label: str,
    tax_rate: float = DEFAULT_TAX_RATE,
) -> MethodValue:
    """Equity value = dividends / yield at each yield (low value at the high yield).

    `dividends` are the cash dividends for the period (a total gives equity value, a per-share
    figure a price per share); `yields` are cash yields on the "CASH" basis and grossed-up yields
    on "GROSSED_UP", as fractions below 1. `metric` is the figure the yield divides: cash
    dividends on "CASH", grossed-up dividends on "GROSSED_UP". `details` hold gross_up_factor,
    cash_dividends, grossed_up_dividends, cash_yield_at_mid and grossed_up_yield_at_mid.

    Raises `MethodNotApplicable` (`NO_DIVIDENDS`) for zero dividends and `ValuationInputError` for
    negative dividends, yields of 100 % or more, or an unknown basis.
    """
    label = require_label(period_label)
    require_finite(f"{label} dividends", dividends)
    if dividends < 0:
        raise ValuationInputError(f"{label} dividends of {aud(dividends)} are negative.")
    if yield_basis not in YIELD_BASES:
        raise ValuationInputError(
            f"Unknown yield basis {yield_basis!r}: give one of {', '.join(YIELD_BASES)}."
        )
    if yields.high >= 1:
        raise ValuationInputError(
            f"A yield of {yields.high:g} is 100 % or more: give yields as fractions (0.07 for 7 %)."
        )
    factor = gross_up_factor(franking_percentage, tax_rate)
    if dividends == 0:
        raise MethodNotApplicable(
            NO_DIVIDENDS,
            f"{label} dividends are nil: a dividend yield values only a company that pays them.",
        )
    grossed_up = dividends * factor
    if yield_basis == "CASH":
        metric, cash_yield_mid, grossed_yield_mid = dividends, yields.mid, yields.mid * factor
        basis = (
            f"Cash dividend yield {_yields_text(yields)} on {label} dividends {aud(dividends)}, "
            f"{franking_percentage:.0%} franked"
        )
    else:
        metric, cash_yield_mid, grossed_yield_mid = grossed_up, yields.mid / factor, yields.mid
        basis = (
            f"Grossed-up dividend yield {_yields_text(yields)} on {label} dividends "
            f"{aud(dividends)} grossed up to {aud(grossed_up)} ({franking_percentage:.0%} franked "
            f"at {tax_rate:.1%} company tax)"
        )
    warnings: list[tuple[str, str]] = []
    if franking_percentage > 0 and not any(
        math.isclose(tax_rate, usual) for usual in USUAL_CORPORATE_TAX_RATES
    ):
        warnings.append(
            (
                UNUSUAL_CORPORATE_TAX_RATE,
                f"The tax rate of {tax_rate:.1%} is neither 30 % nor 25 % (base rate entities "
                "from 2021-22): check the company's corporate tax rate for imputation purposes.",
            )
        )
    return yield_method_value(
        metric=metric,
        yields=yields,
        basis=basis,
        details={
            "gross_up_factor": factor,
            "cash_dividends": dividends,
            "grossed_up_dividends": grossed_up,
            "cash_yield_at_mid": cash_yield_mid,
            "grossed_up_yield_at_mid": grossed_yield_mid,
        },
        warnings=tuple(warnings),
    )


def _yields_text(yields: MultipleRange) -> str:
    # High to low, so that they read in the order of the values they give, low to high.
    high, mid, low = (f"{y:.1%}" for y in (yields.high, yields.mid, yields.low))
    return f"{high} / {mid} / {low} (low / mid / high value)"
