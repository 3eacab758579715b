"""ASX admission checks: each condition passes, fails and is not determinable, at its boundary.

The wording quoted in each docstring is that of the ASX Listing Rules with the thresholds
introduced on 19 December 2016, as stated by the sources in `valuation.admission`'s docstring.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.admission import (
    AdmissionCheck,
    AdmissionInputs,
    CheckOutcome,
    admission_checks,
)
from valuation.errors import ValuationInputError

PASS, FAIL, UNKNOWN = CheckOutcome.PASS, CheckOutcome.FAIL, CheckOutcome.NOT_DETERMINABLE

# Every condition met with room to spare.
BASE = AdmissionInputs(
    annual_profits=(300_000.0, 400_000.0, 600_000.0),
    latest_twelve_month_profit=650_000.0,
    net_tangible_assets=5_000_000.0,
    market_cap_at_offer=20_000_000.0,
    offer_price=0.50,
    expected_holders=350,
    free_float=0.30,
)


def check(name: str, **changes: Any) -> AdmissionCheck:
    found = {c.name: c for c in admission_checks(dataclasses.replace(BASE, **changes))}
    return found[name]


def test_the_checks_come_in_a_fixed_order_and_all_pass_for_a_candidate_that_meets_each() -> None:
    checks = admission_checks(BASE)
    assert [c.name for c in checks] == [
        "PROFIT_TEST",
        "ASSETS_TEST",
        "ENTRY_TEST",
        "SPREAD",
        "FREE_FLOAT",
        "MINIMUM_ISSUE_PRICE",
    ]
    assert {c.outcome for c in checks} == {PASS}
    assert all(c.decided_by == () for c in checks)


# Profit test, rule 1.2


def test_profit_test_passes_at_exactly_a_million_over_three_years() -> None:
    """Rule 1.2: aggregated profit from continuing operations for the last 3 full financial years
    "at least $1 million" (1,000,000 is enough)."""
    result = check("PROFIT_TEST", annual_profits=(200_000.0, 300_000.0, 500_000.0))
    assert result.outcome is PASS
    assert "A$1,000,000 against at least A$1,000,000" in result.explanation


def test_profit_test_fails_a_dollar_under_a_million_aggregated() -> None:
    """Rule 1.2: "at least $1 million" aggregated; A$999,999 is not."""
    result = check("PROFIT_TEST", annual_profits=(200_000.0, 300_000.0, 499_999.0))
    assert result.outcome is FAIL
    assert result.decided_by == ()


def test_a_twelve_month_profit_of_exactly_500k_fails_the_profit_test() -> None:
    """Rule 1.2: consolidated profit from continuing operations for the 12 months "must have
    exceeded $500,000": exactly A$500,000 does not exceed it."""
    result = check("PROFIT_TEST", latest_twelve_month_profit=500_000.0)
    assert result.outcome is FAIL
    assert "A$500,000 against more than A$500,000" in result.explanation


def test_a_twelve_month_profit_a_cent_over_500k_passes_the_profit_test() -> None:
    """Rule 1.2: "exceeded $500,000"; A$500,000.01 exceeds it."""
    assert check("PROFIT_TEST", latest_twelve_month_profit=500_000.01).outcome is PASS


def test_profit_test_reads_the_last_three_full_years_only() -> None:
    """Rule 1.2: "the last 3 full financial years": an older loss does not count."""
    result = check("PROFIT_TEST", annual_profits=(-9_000_000.0, 300_000.0, 400_000.0, 600_000.0))
    assert result.outcome is PASS
    assert list(result.inputs) == [
        "history[1].netIncome",
        "history[2].netIncome",
        "history[3].netIncome",
        "latestTwelveMonthProfit",
    ]


def test_fewer_than_three_full_years_leave_the_profit_test_to_the_history() -> None:
    """Rule 1.2 needs 3 full financial years; two profitable years decide nothing."""
    result = check("PROFIT_TEST", annual_profits=(900_000.0, 900_000.0))
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("history",)


def test_fewer_than_three_years_fail_when_the_twelve_month_profit_already_fails() -> None:
    """Rule 1.2's 12-month condition ("exceeded $500,000") fails whatever the missing year."""
    result = check("PROFIT_TEST", annual_profits=(900_000.0,), latest_twelve_month_profit=400_000.0)
    assert result.outcome is FAIL
    assert result.decided_by == ()


def test_a_missing_twelve_month_profit_leaves_the_profit_test_to_it() -> None:
    """Rule 1.2 needs both the 3-year aggregate and the 12-month profit."""
    result = check("PROFIT_TEST", latest_twelve_month_profit=None)
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("latestTwelveMonthProfit",)
    both = check("PROFIT_TEST", annual_profits=(), latest_twelve_month_profit=None)
    assert both.decided_by == ("history", "latestTwelveMonthProfit")


# Assets test, rule 1.3


def test_assets_test_passes_at_exactly_4m_of_net_tangible_assets() -> None:
    """Rule 1.3: net tangible assets "at least $4 million" after deducting the costs of
    fundraising; the market capitalisation limb is then not needed."""
    result = check("ASSETS_TEST", net_tangible_assets=4_000_000.0, market_cap_at_offer=None)
    assert result.outcome is PASS
    assert result.decided_by == ()


def test_assets_test_passes_at_exactly_15m_of_market_capitalisation() -> None:
    """Rule 1.3: or a market capitalisation "at least $15 million"."""
    result = check("ASSETS_TEST", net_tangible_assets=1_000_000.0, market_cap_at_offer=15e6)
    assert result.outcome is PASS


def test_assets_test_fails_just_under_both_limbs() -> None:
    """Rule 1.3: neither A$3,999,999 of NTA nor A$14,999,999 of capitalisation is enough."""
    result = check("ASSETS_TEST", net_tangible_assets=3_999_999.0, market_cap_at_offer=14_999_999.0)
    assert result.outcome is FAIL
    assert "A$3,999,999 against at least A$4,000,000" in result.explanation
    assert "A$14,999,999 against at least A$15,000,000" in result.explanation


def test_assets_test_without_the_deciding_limb_is_not_determinable() -> None:
    """Rule 1.3 is met by either limb: a failed NTA leaves it to the capitalisation."""
    result = check("ASSETS_TEST", net_tangible_assets=3e6, market_cap_at_offer=None)
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("marketCapAtOffer",)
    neither = check("ASSETS_TEST", net_tangible_assets=None, market_cap_at_offer=None)
    assert neither.decided_by == ("netTangibleAssets", "marketCapAtOffer")


# The profit test or the assets test, rule 1.1

FAILING_PROFIT: dict[str, Any] = {"latest_twelve_month_profit": 100_000.0}
FAILING_ASSETS: dict[str, Any] = {"net_tangible_assets": 1e6, "market_cap_at_offer": 5e6}


def test_entry_test_passes_on_the_profit_test_alone() -> None:
    """Rule 1.1: the profit test (1.2) or the assets test (1.3)."""
    assert check("ENTRY_TEST", **FAILING_ASSETS).outcome is PASS


def test_entry_test_passes_on_the_assets_test_alone() -> None:
    """Rule 1.1: the profit test (1.2) or the assets test (1.3)."""
    assert check("ENTRY_TEST", **FAILING_PROFIT).outcome is PASS


def test_entry_test_fails_when_both_tests_fail() -> None:
    """Rule 1.1: neither test met, no entry."""
    result = check("ENTRY_TEST", **FAILING_PROFIT, **FAILING_ASSETS)
    assert result.outcome is FAIL
    assert result.explanation.startswith("Profit test FAIL, assets test FAIL")


def test_entry_test_is_left_to_the_undecided_test() -> None:
    """Rule 1.1: with the profit test failed, the assets test decides."""
    result = check(
        "ENTRY_TEST", **FAILING_PROFIT, net_tangible_assets=None, market_cap_at_offer=None
    )
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("netTangibleAssets", "marketCapAtOffer")
    assert "netTangibleAssets" in result.inputs
    assert "latestTwelveMonthProfit" in result.inputs


OUTCOME_INPUTS: dict[str, dict[CheckOutcome, dict[str, Any]]] = {
    "profit": {
        PASS: {},
        FAIL: FAILING_PROFIT,
        UNKNOWN: {"annual_profits": ()},
    },
    "assets": {
        PASS: {},
        FAIL: FAILING_ASSETS,
        UNKNOWN: {"net_tangible_assets": None, "market_cap_at_offer": None},
    },
}


@given(st.sampled_from(list(CheckOutcome)), st.sampled_from(list(CheckOutcome)))
def test_entry_test_is_the_or_of_the_two_tests(profit: CheckOutcome, assets: CheckOutcome) -> None:
    """Rule 1.1 asks for one of the tests: a pass of either passes, two fails fail, and
    otherwise the undecided test decides (three-valued "or")."""
    changes = {**OUTCOME_INPUTS["profit"][profit], **OUTCOME_INPUTS["assets"][assets]}
    checks = {c.name: c for c in admission_checks(dataclasses.replace(BASE, **changes))}
    assert (checks["PROFIT_TEST"].outcome, checks["ASSETS_TEST"].outcome) == (profit, assets)
    expected = PASS if PASS in (profit, assets) else FAIL if profit == assets == FAIL else UNKNOWN
    assert checks["ENTRY_TEST"].outcome is expected
    for c in checks.values():
        assert bool(c.decided_by) == (c.outcome is UNKNOWN)


# Spread, rule 1.1 condition 7


def test_spread_passes_at_exactly_300_holders() -> None:
    """Rule 1.1 condition 7: "at least 300 non-affiliated security holders" each holding a parcel
    of main class securities worth at least $2,000."""
    result = check("SPREAD", expected_holders=300)
    assert result.outcome is PASS
    assert result.inputs == {"expectedHolders": 300.0}


def test_spread_fails_at_299_holders() -> None:
    """Rule 1.1 condition 7: 299 is fewer than "at least 300"."""
    assert check("SPREAD", expected_holders=299).outcome is FAIL


def test_spread_without_a_holder_count_is_not_determinable() -> None:
    """Rule 1.1 condition 7 counts holders; without the count it is open."""
    result = check("SPREAD", expected_holders=None)
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("expectedHolders",)


# Free float, rule 1.1 condition 8


def test_free_float_passes_at_exactly_twenty_percent() -> None:
    """Rule 1.1 condition 8: a free float "not less than 20%"; 1 - 0.8, a hair under 0.2 in
    binary, is 20 % too."""
    assert check("FREE_FLOAT", free_float=0.20).outcome is PASS
    assert 1 - 0.8 < 0.2
    assert check("FREE_FLOAT", free_float=1 - 0.8).outcome is PASS


def test_free_float_fails_just_under_twenty_percent() -> None:
    """Rule 1.1 condition 8: 19.99 % is less than 20 %."""
    result = check("FREE_FLOAT", free_float=0.1999)
    assert result.outcome is FAIL
    assert "19.99%" in result.explanation


def test_free_float_not_given_is_not_determinable() -> None:
    """Rule 1.1 condition 8 needs the float."""
    result = check("FREE_FLOAT", free_float=None)
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("freeFloat",)


# Minimum issue price, rule 2.1 condition 2


def test_issue_price_passes_at_exactly_twenty_cents() -> None:
    """Rule 2.1 condition 2: an issue or sale price "at least 20 cents in cash"."""
    result = check("MINIMUM_ISSUE_PRICE", offer_price=0.20)
    assert result.outcome is PASS
    assert result.explanation == "Offer price 20 cents against at least 20 cents in cash."


def test_issue_price_fails_at_nineteen_and_a_half_cents() -> None:
    """Rule 2.1 condition 2: 19.5 cents is under 20 cents."""
    assert check("MINIMUM_ISSUE_PRICE", offer_price=0.195).outcome is FAIL


def test_issue_price_not_given_is_not_determinable() -> None:
    """Rule 2.1 condition 2 needs the price."""
    result = check("MINIMUM_ISSUE_PRICE", offer_price=None)
    assert result.outcome is UNKNOWN
    assert result.decided_by == ("offerPrice",)


# Inputs that cannot be checked


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"free_float": 1.5}, "freeFloat is a fraction"),
        ({"free_float": -0.1}, "freeFloat is a fraction"),
        ({"expected_holders": -1}, "expectedHolders cannot be negative"),
        ({"offer_price": -0.5}, "offerPrice cannot be negative"),
        ({"net_tangible_assets": math.nan}, "netTangibleAssets must be a finite"),
        ({"annual_profits": (1.0, math.inf)}, r"history\[1\]\.netIncome must be a finite"),
    ],
)
def test_inputs_that_cannot_be_checked_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValuationInputError, match=message):
        admission_checks(dataclasses.replace(BASE, **changes))
