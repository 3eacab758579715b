"""Whether an IPO candidate meets the ASX's quantitative conditions for admission as an ASX Listing
and quotation of its main class: the profit or assets test, spread, free float and the minimum
issue price. Each check is PASS, FAIL or NOT_DETERMINABLE; the last names the inputs that would
decide it, so a missing figure is never read as a pass or a fail. Pure, over figures the caller
supplies.

Sources (ASX Listing Rules; thresholds as introduced on 19 December 2016, when the 12-month profit
rose from A$400,000 to A$500,000, net tangible assets from A$3m to A$4m, market capitalisation from
A$10m to A$15m, and the 20 % free float and the single-tier spread of 300 holders of A$2,000 were
introduced):

- Rule 1.2, profit test: the entity is a going concern (or its successor), has had the same main
  business activity for the last 3 full financial years, its aggregated profit from continuing
  operations for those 3 years was at least A$1,000,000 and its consolidated profit from continuing
  operations for the 12 months before admission exceeded A$500,000.
- Rule 1.3, assets test: net tangible assets of at least A$4m after deducting the costs of
  fundraising, or a market capitalisation of at least A$15m.
- Rule 1.1: the profit test or the assets test; condition 7, spread: at least 300 non-affiliated
  security holders each holding a parcel of main class securities worth at least A$2,000;
  condition 8, free float of not less than 20 %.
- Rule 2.1 condition 2: an issue or sale price of at least 20 cents in cash.

Read: ASX Listing Rules Chapter 1 and Chapter 2 (each dated 19 December 2016 on its pages);
Guidance Note 1 "Applying for admission - ASX Listings" (amended 1 December 2019); Mondaq,
M. Bishop, "ASX Admission Requirements changes" (31 May 2017); Grant Thornton, "Key changes to the
ASX listing rules" (2016); Dundas Lawyers, "How big does your company need to be to list on the
ASX?" (updated 6 September 2024) and GRM Law, "What is the profit test / asset test for an IPO",
which state the same thresholds as still in force.

Not verified against the rules' own text (only the chapters' opening pages were available):

- the condition numbers (1.1 conditions 7 and 8, 2.1 condition 2) and the exact wording of each;
  the 20-cent minimum is confirmed by secondary sources only;
- "exceeded" A$500,000: Dundas Lawyers says the 12-month profit "must exceed" it, Mondaq and GRM
  Law say "at least". The stricter reading is applied (exactly A$500,000 fails);
- the end of the 12-month period (to a date no more than 2 months before the application, as the
  2016 wording is reported; or to the date of the last audited or reviewed balance sheet): the
  caller's `latest_twelve_month_profit` is taken as the rule's figure either way;
- whether profit is before or after tax (GRM Law: before). The caller's figures (net income) are
  used; after tax is the lower figure whenever tax is an expense, so a pass holds either way.

Outside these checks, for ASX to judge: going concern, the same main business, audited accounts,
the assets test's working capital (A$1.5m) and cash-proportion conditions, and ASX's discretion to
refuse admission even when every condition is met.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from valuation.errors import ValuationInputError

CHAPTER_1 = "Chapter 1, thresholds as amended 19 December 2016"
CHAPTER_2 = "Chapter 2 as at 19 December 2016"

PROFIT_TEST_YEARS = 3  # rule 1.2: "the last 3 full financial years"
AGGREGATED_PROFIT_MINIMUM = 1_000_000.0  # rule 1.2: aggregated profit "at least $1 million"
TWELVE_MONTH_PROFIT_FLOOR = 500_000.0  # rule 1.2: 12-month profit must have exceeded $500,000
NET_TANGIBLE_ASSETS_MINIMUM = 4_000_000.0  # rule 1.3: NTA "at least $4 million", after costs
MARKET_CAP_MINIMUM = 15_000_000.0  # rule 1.3: market capitalisation "at least $15 million"
SPREAD_MINIMUM_HOLDERS = 300  # rule 1.1 condition 7: "at least 300 non-affiliated" holders
SPREAD_PARCEL_VALUE = 2_000.0  # rule 1.1 condition 7: each parcel worth "at least $2,000"
FREE_FLOAT_MINIMUM = 0.20  # rule 1.1 condition 8: free float "not less than 20%"
MINIMUM_ISSUE_PRICE = 0.20  # rule 2.1 condition 2: "at least 20 cents in cash", A$

# A figure computed in binary floating point (1 - 0.8 for a 20 % float) can sit a hair below the
# decimal it stands for; that hair is no shortfall. Relative, and far below a cent or a basis point.
_FLOAT_SLACK = 1e-12

PROFIT_RULE = f"ASX Listing Rule 1.2 ({CHAPTER_1})"
ASSETS_RULE = f"ASX Listing Rule 1.3 ({CHAPTER_1})"
ENTRY_RULE = f"ASX Listing Rule 1.2 or 1.3, as rule 1.1 requires one of them ({CHAPTER_1})"
SPREAD_RULE = f"ASX Listing Rule 1.1 condition 7 ({CHAPTER_1})"
FREE_FLOAT_RULE = f"ASX Listing Rule 1.1 condition 8 ({CHAPTER_1})"
ISSUE_PRICE_RULE = f"ASX Listing Rule 2.1 condition 2 ({CHAPTER_2})"

# The names of the inputs as the API spells them (decided_by, inputs).
HISTORY = "history"
LATEST_TWELVE_MONTH_PROFIT = "latestTwelveMonthProfit"
NET_TANGIBLE_ASSETS = "netTangibleAssets"
MARKET_CAP_AT_OFFER = "marketCapAtOffer"
OFFER_PRICE = "offerPrice"
EXPECTED_HOLDERS = "expectedHolders"
FREE_FLOAT = "freeFloat"


class CheckOutcome(StrEnum):
    PASS = "PASS"
    FAIL = "FAIL"
    NOT_DETERMINABLE = "NOT_DETERMINABLE"


@dataclass(frozen=True, slots=True)
class AdmissionCheck:
    """One condition: `name` is a stable code (PROFIT_TEST, ASSETS_TEST, ENTRY_TEST, SPREAD,
    FREE_FLOAT, MINIMUM_ISSUE_PRICE); `inputs` each figure the check read, by its API name;
    `decided_by`, for NOT_DETERMINABLE only, the inputs that would decide it."""

    name: str
    rule: str
    outcome: CheckOutcome
    inputs: Mapping[str, float | None]
    explanation: str
    decided_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdmissionInputs:
    """The figures the checks read. `annual_profits[i]` is the profit of `history[i]` (its net
    income standing in for profit from continuing operations), full financial years, oldest first.
    """

    annual_profits: Sequence[float]
    latest_twelve_month_profit: float | None
    net_tangible_assets: float | None  # after deducting the costs of the offer
    market_cap_at_offer: float | None  # at the offer price, post-money
    offer_price: float | None  # A$ per share
    expected_holders: int | None  # non-affiliated holders each with a parcel >= A$2,000
    free_float: float | None  # fraction, 0-1


def admission_checks(inputs: AdmissionInputs) -> tuple[AdmissionCheck, ...]:
    """Every check, in the order PROFIT_TEST, ASSETS_TEST, ENTRY_TEST, SPREAD, FREE_FLOAT,
    MINIMUM_ISSUE_PRICE."""
    _validate(inputs)
    profit = _profit_test(inputs)
    assets = _assets_test(inputs)
    return (
        profit,
        assets,
        _entry_test(profit, assets),
        _spread(inputs.expected_holders),
        _free_float(inputs.free_float),
        _issue_price(inputs.offer_price),
    )


def _validate(inputs: AdmissionInputs) -> None:
    figures = {
        LATEST_TWELVE_MONTH_PROFIT: inputs.latest_twelve_month_profit,
        NET_TANGIBLE_ASSETS: inputs.net_tangible_assets,
        MARKET_CAP_AT_OFFER: inputs.market_cap_at_offer,
        OFFER_PRICE: inputs.offer_price,
        FREE_FLOAT: inputs.free_float,
        **{_year(i): p for i, p in enumerate(inputs.annual_profits)},
    }
    for name, value in figures.items():
        if value is not None and not math.isfinite(value):
            raise ValuationInputError(f"{name} must be a finite number.")
    if inputs.free_float is not None and not 0.0 <= inputs.free_float <= 1.0:
        raise ValuationInputError("freeFloat is a fraction between 0 and 1.")
    if inputs.expected_holders is not None and inputs.expected_holders < 0:
        raise ValuationInputError("expectedHolders cannot be negative.")
    if inputs.offer_price is not None and inputs.offer_price < 0:
        raise ValuationInputError("offerPrice cannot be negative.")


def _year(index: int) -> str:
    return f"{HISTORY}[{index}].netIncome"


def _money(amount: float) -> str:
    """Exact, since the thresholds are: A$499,999.50 must not read as A$500k."""
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    digits = 0 if size == round(size) else 2
    return f"{sign}A${size:,.{digits}f}"


def _at_least(value: float, minimum: float) -> bool:
    return value >= minimum * (1 - _FLOAT_SLACK)


def _more_than(value: float, floor: float) -> bool:
    return value > floor * (1 + _FLOAT_SLACK)


def _outcome(*parts: bool | None) -> CheckOutcome:
    """All of `parts` must hold: a known failure fails, all known passes pass."""
    if any(part is False for part in parts):
        return CheckOutcome.FAIL
    if all(part is True for part in parts):
        return CheckOutcome.PASS
    return CheckOutcome.NOT_DETERMINABLE


def _check(
    name: str,
    rule: str,
    outcome: CheckOutcome,
    inputs: Mapping[str, float | None],
    explanation: str,
    undecided: Sequence[str],
) -> AdmissionCheck:
    decided_by = tuple(undecided) if outcome is CheckOutcome.NOT_DETERMINABLE else ()
    return AdmissionCheck(name, rule, outcome, dict(inputs), explanation, decided_by)


def _profit_test(inputs: AdmissionInputs) -> AdmissionCheck:
    first = max(len(inputs.annual_profits) - PROFIT_TEST_YEARS, 0)
    years = list(enumerate(inputs.annual_profits))[first:]
    read: dict[str, float | None] = {_year(i): p for i, p in years}
    read[LATEST_TWELVE_MONTH_PROFIT] = inputs.latest_twelve_month_profit
    undecided: list[str] = []
    notes: list[str] = []

    aggregate_passes: bool | None = None
    if len(years) == PROFIT_TEST_YEARS:
        aggregate = math.fsum(p for _, p in years)
        aggregate_passes = _at_least(aggregate, AGGREGATED_PROFIT_MINIMUM)
        notes.append(
            f"aggregated profit of the last {PROFIT_TEST_YEARS} full financial years "
            f"{_money(aggregate)} against at least {_money(AGGREGATED_PROFIT_MINIMUM)}"
        )
    else:
        undecided.append(HISTORY)
        notes.append(
            f"{len(years)} full financial year(s) given where the aggregated profit needs "
            f"{PROFIT_TEST_YEARS}"
        )

    twelve_month_passes: bool | None = None
    latest = inputs.latest_twelve_month_profit
    if latest is None:
        undecided.append(LATEST_TWELVE_MONTH_PROFIT)
        notes.append("no 12-month profit given")
    else:
        twelve_month_passes = _more_than(latest, TWELVE_MONTH_PROFIT_FLOOR)
        notes.append(
            f"12-month profit {_money(latest)} against more than "
            f"{_money(TWELVE_MONTH_PROFIT_FLOOR)}"
        )

    outcome = _outcome(aggregate_passes, twelve_month_passes)
    text = "; ".join(notes)
    explanation = (
        text[0].upper() + text[1:] + ". Going concern, the same main business activity for the "
        "last 3 full financial years and audited accounts are for ASX to confirm."
    )
    return _check("PROFIT_TEST", PROFIT_RULE, outcome, read, explanation, undecided)


def _assets_test(inputs: AdmissionInputs) -> AdmissionCheck:
    nta, cap = inputs.net_tangible_assets, inputs.market_cap_at_offer
    read = {NET_TANGIBLE_ASSETS: nta, MARKET_CAP_AT_OFFER: cap}
    limbs: list[bool | None] = []
    notes: list[str] = []
    undecided: list[str] = []
    for name, value, minimum, label in (
        (NET_TANGIBLE_ASSETS, nta, NET_TANGIBLE_ASSETS_MINIMUM, "net tangible assets"),
        (MARKET_CAP_AT_OFFER, cap, MARKET_CAP_MINIMUM, "market capitalisation at the offer"),
    ):
        if value is None:
            limbs.append(None)
            undecided.append(name)
            notes.append(f"no {label} given")
        else:
            limbs.append(_at_least(value, minimum))
            notes.append(f"{label} {_money(value)} against at least {_money(minimum)}")

    if any(limb is True for limb in limbs):
        outcome = CheckOutcome.PASS
    elif all(limb is False for limb in limbs):
        outcome = CheckOutcome.FAIL
    else:
        outcome = CheckOutcome.NOT_DETERMINABLE
    explanation = (
        "Either suffices: " + "; ".join(notes) + ". Working capital of A$1.5m and the share of "
        "assets held in cash are for ASX to confirm."
    )
    return _check("ASSETS_TEST", ASSETS_RULE, outcome, read, explanation, undecided)


def _entry_test(profit: AdmissionCheck, assets: AdmissionCheck) -> AdmissionCheck:
    outcomes = (profit.outcome, assets.outcome)
    if CheckOutcome.PASS in outcomes:
        outcome = CheckOutcome.PASS
    elif outcomes == (CheckOutcome.FAIL, CheckOutcome.FAIL):
        outcome = CheckOutcome.FAIL
    else:
        outcome = CheckOutcome.NOT_DETERMINABLE
    undecided = [
        name
        for test in (profit, assets)
        if test.outcome is CheckOutcome.NOT_DETERMINABLE
        for name in test.decided_by
    ]
    explanation = (
        f"Profit test {profit.outcome.value}, assets test {assets.outcome.value}; "
        "either one admits."
    )
    read = {**profit.inputs, **assets.inputs}
    return _check("ENTRY_TEST", ENTRY_RULE, outcome, read, explanation, undecided)


def _spread(holders: int | None) -> AdmissionCheck:
    read: dict[str, float | None] = {EXPECTED_HOLDERS: None if holders is None else float(holders)}
    if holders is None:
        return _check(
            "SPREAD",
            SPREAD_RULE,
            CheckOutcome.NOT_DETERMINABLE,
            read,
            f"No count of non-affiliated holders with a parcel of at least "
            f"{_money(SPREAD_PARCEL_VALUE)} given.",
            [EXPECTED_HOLDERS],
        )
    outcome = CheckOutcome.PASS if holders >= SPREAD_MINIMUM_HOLDERS else CheckOutcome.FAIL
    explanation = (
        f"{holders:,} non-affiliated holders with a parcel of at least "
        f"{_money(SPREAD_PARCEL_VALUE)} against at least {SPREAD_MINIMUM_HOLDERS}."
    )
    return _check("SPREAD", SPREAD_RULE, outcome, read, explanation, [])


def _free_float(free_float: float | None) -> AdmissionCheck:
    read = {FREE_FLOAT: free_float}
    if free_float is None:
        return _check(
            "FREE_FLOAT",
            FREE_FLOAT_RULE,
            CheckOutcome.NOT_DETERMINABLE,
            read,
            "No free float given.",
            [FREE_FLOAT],
        )
    outcome = CheckOutcome.PASS if _at_least(free_float, FREE_FLOAT_MINIMUM) else CheckOutcome.FAIL
    explanation = (
        f"Free float {free_float * 100:g}% against not less than {FREE_FLOAT_MINIMUM * 100:g}% "
        "(main class securities that are neither restricted nor escrowed, held by "
        "non-affiliated holders)."
    )
    return _check("FREE_FLOAT", FREE_FLOAT_RULE, outcome, read, explanation, [])


def _issue_price(price: float | None) -> AdmissionCheck:
    read = {OFFER_PRICE: price}
    if price is None:
        return _check(
            "MINIMUM_ISSUE_PRICE",
            ISSUE_PRICE_RULE,
            CheckOutcome.NOT_DETERMINABLE,
            read,
            "No offer price given.",
            [OFFER_PRICE],
        )
    outcome = CheckOutcome.PASS if _at_least(price, MINIMUM_ISSUE_PRICE) else CheckOutcome.FAIL
    explanation = (
        f"Offer price {price * 100:g} cents against at least {MINIMUM_ISSUE_PRICE * 100:g} cents "
        "in cash."
    )
    return _check("MINIMUM_ISSUE_PRICE", ISSUE_PRICE_RULE, outcome, read, explanation, [])
