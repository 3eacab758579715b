"""Which valuation methods run, on which period's figures, with what weight.

The caller's list replaces the defaults whole. Without one, the industry group picks a sector
model, because the methods a lead manager signs off depend on how the business earns:

| Sector                         | Methods (weight)                                          |
|--------------------------------|-----------------------------------------------------------|
| Banks                          | P/B against ROE (2), P/E FY1 (1), dividend yield FY1 (1)  |
| Insurance                      | P/E FY1 (2), P/B or price to embedded value (1), yield (1)|
| Equity REITs                   | price to NTA (2), distribution yield FY1 (1)              |
| every other group              | DCF (2), EV/EBITDA FY1 (1), P/E FY1 (1), transactions (0) |

Banks and insurers get no EV or free-cash-flow method: their deposits and policy liabilities are
operating, not financing, liabilities, so enterprise value and FCFF say nothing about them
(Damodaran, Investment Valuation, 3rd ed., ch. 21 "Valuing financial service firms"). Precedent
transactions price control, not a minority listing, so they are shown at weight 0 by default.
Balance-sheet methods (P/B, P/NTA, P/EV) and transactions (EV over LTM EBITDA) always read the
latest actual figures: their period is LTM whatever was asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from valuation.errors import ValuationInputError


class ValuationMethod(StrEnum):
    DCF = "DCF"
    EV_TO_EBITDA = "EV_TO_EBITDA"
    EV_TO_EBIT = "EV_TO_EBIT"
    PRICE_TO_EARNINGS = "PRICE_TO_EARNINGS"
    DIVIDEND_YIELD = "DIVIDEND_YIELD"
    PRICE_TO_BOOK = "PRICE_TO_BOOK"
    PRICE_TO_NTA = "PRICE_TO_NTA"
    PRICE_TO_EMBEDDED_VALUE = "PRICE_TO_EMBEDDED_VALUE"
    PRECEDENT_TRANSACTIONS = "PRECEDENT_TRANSACTIONS"


class MetricPeriod(StrEnum):
    LTM = "LTM"  # the last historical fiscal year
    FY1 = "FY1"  # the first forecast year
    FY2 = "FY2"  # the second forecast year


class Sector(StrEnum):
    BANK = "BANK"
    INSURER = "INSURER"
    REIT = "REIT"
    GENERAL = "GENERAL"


# The multiple each comparables method reads from its peers (a TradingMultiples field).
PEER_MULTIPLE = {
    ValuationMethod.EV_TO_EBITDA: "ev_to_ebitda",
    ValuationMethod.EV_TO_EBIT: "ev_to_ebit",
    ValuationMethod.PRICE_TO_EARNINGS: "price_to_earnings",
    ValuationMethod.DIVIDEND_YIELD: "dividend_yield",
    ValuationMethod.PRICE_TO_BOOK: "price_to_book",
    ValuationMethod.PRICE_TO_NTA: "price_to_nta",
}
# Methods whose metric is a balance at the latest balance date, or a deal's LTM multiple.
LATEST_ACTUALS_ONLY = frozenset(
    {
        ValuationMethod.PRICE_TO_BOOK,
        ValuationMethod.PRICE_TO_NTA,
        ValuationMethod.PRICE_TO_EMBEDDED_VALUE,
        ValuationMethod.PRECEDENT_TRANSACTIONS,
    }
)
# Methods valued on the whole forecast rather than one period's metric.
WHOLE_FORECAST = frozenset({ValuationMethod.DCF})

_SECTOR_OF_GROUP = {
    "Banks": Sector.BANK,
    "Insurance": Sector.INSURER,
    "Equity Real Estate Investment Trusts (REITs)": Sector.REIT,
}


@dataclass(frozen=True, slots=True)
class MethodChoice:
    method: ValuationMethod
    weight: float
    period: MetricPeriod = MetricPeriod.FY1
    multiple_range: tuple[float, float] | None = None  # the caller's (low, high), else peers'

    @property
    def applied_period(self) -> MetricPeriod | None:
        """The period the metric is read from: None for the DCF (every forecast year)."""
        if self.method in WHOLE_FORECAST:
            return None
        if self.method in LATEST_ACTUALS_ONLY:
            return MetricPeriod.LTM
        return self.period


def sector_of(gics_industry_group: str | None) -> Sector:
    return _SECTOR_OF_GROUP.get(gics_industry_group or "", Sector.GENERAL)


def default_methods(
    gics_industry_group: str | None, *, has_embedded_value: bool = False
) -> tuple[MethodChoice, ...]:
    """The sector model's methods (table in the module docstring)."""
    m, fy1, ltm = ValuationMethod, MetricPeriod.FY1, MetricPeriod.LTM
    sector = sector_of(gics_industry_group)
    if sector is Sector.BANK:
        return (
            MethodChoice(m.PRICE_TO_BOOK, 2.0, ltm),
            MethodChoice(m.PRICE_TO_EARNINGS, 1.0, fy1),
            MethodChoice(m.DIVIDEND_YIELD, 1.0, fy1),
        )
    if sector is Sector.INSURER:
        book = m.PRICE_TO_EMBEDDED_VALUE if has_embedded_value else m.PRICE_TO_BOOK
        return (
            MethodChoice(m.PRICE_TO_EARNINGS, 2.0, fy1),
            MethodChoice(book, 1.0, ltm),
            MethodChoice(m.DIVIDEND_YIELD, 1.0, fy1),
        )
    if sector is Sector.REIT:
        return (MethodChoice(m.PRICE_TO_NTA, 2.0, ltm), MethodChoice(m.DIVIDEND_YIELD, 1.0, fy1))
    return (
        MethodChoice(m.DCF, 2.0, fy1),
        MethodChoice(m.EV_TO_EBITDA, 1.0, fy1),
        MethodChoice(m.PRICE_TO_EARNINGS, 1.0, fy1),
        MethodChoice(m.PRECEDENT_TRANSACTIONS, 0.0, ltm),
    )


def check_choices(choices: tuple[MethodChoice, ...]) -> None:
    """A list the engine can synthesise: each method once, weights finite and not negative, at
    least one positive, and a caller's range ordered and positive."""
    if not choices:
        raise ValuationInputError("Give at least one valuation method.")
    seen = [c.method for c in choices]
    repeated = sorted({str(m) for m in seen if seen.count(m) > 1})
    if repeated:
        raise ValuationInputError(f"Each method may be listed once: {', '.join(repeated)}.")
    if any(not 0 <= c.weight < float("inf") for c in choices):
        raise ValuationInputError("Method weights must be finite and not negative.")
    if not any(c.weight > 0 for c in choices):
        raise ValuationInputError("At least one valuation method needs a positive weight.")
    for choice in choices:
        if choice.multiple_range is None:
            continue
        low, high = choice.multiple_range
        if not 0 < low <= high < float("inf"):
            raise ValuationInputError(
                f"{choice.method}: the multiple range needs 0 < low <= high, got {low}-{high}."
            )
