"""Sector models pick the default methods; a caller's list is checked before it is used."""

from __future__ import annotations

import pytest

from valuation.errors import ValuationInputError
from valuation.method_set import (
    MethodChoice,
    MetricPeriod,
    ValuationMethod,
    check_choices,
    default_methods,
)

M = ValuationMethod


def methods(group: str | None, **kwargs: bool) -> list[ValuationMethod]:
    return [c.method for c in default_methods(group, **kwargs)]


def test_banks_get_book_earnings_and_yield_and_no_enterprise_method() -> None:
    assert methods("Banks") == [M.PRICE_TO_BOOK, M.PRICE_TO_EARNINGS, M.DIVIDEND_YIELD]


def test_insurers_use_embedded_value_where_one_is_given() -> None:
    assert methods("Insurance") == [M.PRICE_TO_EARNINGS, M.PRICE_TO_BOOK, M.DIVIDEND_YIELD]
    assert M.PRICE_TO_EMBEDDED_VALUE in methods("Insurance", has_embedded_value=True)


def test_reits_get_nta_and_distribution_yield() -> None:
    assert methods("Equity Real Estate Investment Trusts (REITs)") == [
        M.PRICE_TO_NTA,
        M.DIVIDEND_YIELD,
    ]


def test_every_other_group_gets_dcf_ev_to_ebitda_and_pe() -> None:
    for group in ("Software & Services", None, "Not Applic"):
        assert methods(group) == [
            M.DCF,
            M.EV_TO_EBITDA,
            M.PRICE_TO_EARNINGS,
            M.PRECEDENT_TRANSACTIONS,
        ]
    weights = {c.method: c.weight for c in default_methods("Materials")}
    assert weights[M.PRECEDENT_TRANSACTIONS] == 0.0


def test_balance_sheet_methods_and_transactions_read_the_latest_actuals() -> None:
    assert MethodChoice(M.PRICE_TO_BOOK, 1, MetricPeriod.FY1).applied_period is MetricPeriod.LTM
    assert MethodChoice(M.DCF, 1).applied_period is None
    assert MethodChoice(M.PRICE_TO_EARNINGS, 1, MetricPeriod.FY2).applied_period is MetricPeriod.FY2


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ((), "at least one"),
        ((MethodChoice(M.DCF, 1), MethodChoice(M.DCF, 2)), "once"),
        ((MethodChoice(M.DCF, 0),), "positive weight"),
        ((MethodChoice(M.DCF, -1), MethodChoice(M.EV_TO_EBIT, 1)), "not negative"),
        ((MethodChoice(M.EV_TO_EBIT, 1, multiple_range=(12.0, 10.0)),), "low <= high"),
    ],
)
def test_a_list_the_engine_cannot_synthesise_is_refused(
    choices: tuple[MethodChoice, ...], message: str
) -> None:
    with pytest.raises(ValuationInputError, match=message):
        check_choices(choices)
