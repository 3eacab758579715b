"""Implausible inputs are warned about; inputs the engine cannot report on are refused."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bench.valuation_inputs import HISTORY, inputs, peers, rates
from valuation.engine import value_company
from valuation.errors import ValuationInputError
from valuation.money import aud
from valuation.plausibility import input_warnings


def codes(**changes: Any) -> set[tuple[tuple[str, ...], str]]:
    return {(w.field, w.code) for w in input_warnings(dataclasses.replace(inputs(), **changes))}


def test_the_sample_company_raises_no_warning() -> None:
    assert input_warnings(inputs()) == ()


def test_ebitda_and_net_income_above_revenue_are_warned_about() -> None:
    odd = dataclasses.replace(HISTORY[1], ebitda=HISTORY[1].revenue * 1.2, net_income=5e9)
    found = codes(history=[HISTORY[0], odd, *HISTORY[2:]])
    assert (("history", "1", "ebitda"), "EBITDA_ABOVE_REVENUE") in found
    assert (("history", "1", "net_income"), "NET_INCOME_ABOVE_REVENUE") in found


def test_a_jump_of_a_hundred_times_is_warned_about_and_ninety_nine_is_not() -> None:
    def with_capex(factor: float) -> set[tuple[tuple[str, ...], str]]:
        later = dataclasses.replace(
            HISTORY[1], capital_expenditure=HISTORY[0].capital_expenditure * factor
        )
        return codes(history=[HISTORY[0], later, *HISTORY[2:]])

    jump = (("history", "1", "capital_expenditure"), "YEAR_ON_YEAR_JUMP")
    assert jump in with_capex(100)
    assert jump in with_capex(1 / 100)
    assert jump not in with_capex(99)


def test_a_jump_from_history_into_the_forecast_is_found_in_the_forecast() -> None:
    base = inputs()
    first = dataclasses.replace(base.forecast[0], revenue=base.history[-1].revenue * 150)
    found = codes(forecast=[first, *base.forecast[1:]])
    assert (("forecast", "0", "revenue"), "YEAR_ON_YEAR_JUMP") in found


def test_a_change_of_sign_is_no_jump() -> None:
    loss = dataclasses.replace(HISTORY[0], net_income=-1e3)
    assert not any(code == "YEAR_ON_YEAR_JUMP" for _, code in codes(history=[loss, *HISTORY[1:]]))


def test_shares_that_price_the_company_under_a_tenth_of_a_cent_are_warned_about() -> None:
    assert codes(pre_offer_shares=1e12) == {(("pre_offer_shares",), "PRICE_BELOW_MINIMUM")}
    assert codes(pre_offer_shares=1e9) == set()


def test_debt_above_a_generous_enterprise_value_is_warned_about() -> None:
    assert codes(net_debt=5e9) == {(("net_debt",), "DEBT_ABOVE_ESTIMATED_VALUE")}


def test_the_result_lists_the_warnings_first() -> None:
    result = value_company(
        dataclasses.replace(inputs(), pre_offer_shares=1e12), peers(), [], rates()
    )
    assert [w.code for w in result.input_warnings] == ["PRICE_BELOW_MINIMUM"]
    assert result.warnings[0] == result.input_warnings[0].message


def test_equity_that_is_not_positive_is_refused_with_the_shortfall() -> None:
    with pytest.raises(ValuationInputError, match=r"equity value is not positive.* by A\$"):
        value_company(dataclasses.replace(inputs(), net_debt=5e9), peers(), [], rates())


def test_figures_that_overflow_are_refused() -> None:
    with pytest.raises(ValuationInputError, match="overflow"):
        value_company(dataclasses.replace(inputs(), pre_offer_shares=5e-324), peers(), [], rates())


def test_fewer_than_three_peers_with_a_beta_are_refused() -> None:
    two = [*peers()[:2], *(dataclasses.replace(p, levered_beta=None) for p in peers()[2:])]
    with pytest.raises(ValuationInputError, match="2 of 12 peers have a beta"):
        value_company(inputs(), two, [], rates())
    value_company(inputs(), peers()[:3], [], rates())  # three are enough


@pytest.mark.parametrize(
    ("amount", "words"),
    [(950, "A$950"), (12_345_678, "A$12.3m"), (-1.2e9, "-A$1.2bn"), (1e13, "A$10tn")],
)
def test_amounts_read_in_a_dollars(amount: float, words: str) -> None:
    assert aud(amount) == words
