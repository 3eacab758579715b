"""Each method applied through the engine: which range, on which basis, against which peers."""

from __future__ import annotations

import dataclasses
import statistics

import pytest

from bench.valuation_inputs import HISTORY, inputs, peers, rates
from valuation.dividend_yield import gross_up_factor
from valuation.engine import Peer, ValuationInputs, value_company
from valuation.method_set import MethodChoice, MetricPeriod, ValuationMethod
from valuation.multiples import TradingMultiples
from valuation.synthesis import MethodRange

M = ValuationMethod
BOOK = 90e6


def only(subject: ValuationInputs, choice: MethodChoice, **fields: object) -> ValuationInputs:
    assumptions = dataclasses.replace(subject.assumptions, methods=(choice,), ipo_discount=0.0)
    return dataclasses.replace(subject, assumptions=assumptions, **fields)  # type: ignore[arg-type]


def the_bar(subject: ValuationInputs, peer_set: tuple[Peer, ...] | None = None) -> MethodRange:
    result = value_company(subject, peers() if peer_set is None else peer_set, [], rates())
    [made] = result.pricing.methods
    return made


def test_the_peers_cash_yields_price_cash_dividends_whatever_the_basis_of_a_callers_range() -> None:
    """A peer's yield is its cash dividends over its price (multiples.py), so it prices the
    subject's cash dividends: dividing grossed-up dividends by it would lift a fully franked
    payer by 1 / (1 - t) = 1.43x (ITAA 1997 s 207-20 gross-up at 30 %). `dividendYieldBasis`
    names the basis of a caller's `multipleRange` only."""
    choice = MethodChoice(M.DIVIDEND_YIELD, 1.0, MetricPeriod.LTM)
    cash = only(inputs(payout_ratio=0.5), choice, franking_percentage=1.0)
    grossed = dataclasses.replace(
        cash,
        assumptions=dataclasses.replace(cash.assumptions, dividend_yield_basis="GROSSED_UP"),
    )
    on_cash, on_grossed = the_bar(cash), the_bar(grossed)
    assert on_cash.equity_value is not None and on_grossed.equity_value is not None
    assert on_grossed.equity_value.mid == pytest.approx(on_cash.equity_value.mid)


def test_a_grossed_up_callers_range_still_prices_grossed_up_dividends() -> None:
    """README worked example: 5.0c fully franked grosses up to 7.14c; at a 7 % grossed-up yield
    the price is A$1.02 a share (here a total of dividends over the shares)."""
    choice = MethodChoice(M.DIVIDEND_YIELD, 1.0, MetricPeriod.LTM, multiple_range=(0.07, 0.07))
    subject = only(
        inputs(dividend_yield_basis="GROSSED_UP"),
        choice,
        franking_percentage=1.0,
        history=[*HISTORY[:-1], dataclasses.replace(HISTORY[-1], dividends=0.05 * 200e6)],
    )
    made = the_bar(subject)
    assert made.per_share is not None
    assert made.per_share.mid == pytest.approx(0.05 * gross_up_factor(1.0) / 0.07)


def test_a_callers_price_to_book_range_is_applied_as_given() -> None:
    """README, "The multiple": with multipleRange the caller's range is applied and price =
    metric x multiple / shares exactly. The ROE adjustment rescales the peers' P/Bs to the
    subject's ROE; a caller's range is already the subject's."""
    choice = MethodChoice(M.PRICE_TO_BOOK, 1.0, multiple_range=(1.0, 1.2))
    made = the_bar(only(inputs(), choice, book_equity=BOOK))
    assert (made.multiple_low, made.multiple_mid, made.multiple_high) == pytest.approx(
        (1.0, 1.1, 1.2)
    )
    assert made.equity_value is not None
    assert made.equity_value.mid == pytest.approx(BOOK * 1.1)


def bank_peer(name: str, price_to_book: float, roe: float) -> Peer:
    multiples = TradingMultiples(
        None, None, None, None, None, price_to_book=price_to_book, return_on_equity=roe
    )
    return Peer(name, multiples, 1.0, 0.2, None)


def test_the_roe_adjustment_reads_the_roe_of_the_peers_whose_price_to_book_it_scales() -> None:
    """Damodaran, Investment Valuation, 2nd ed., ch. 19: P/B = (ROE - g) / (ke - g), so the
    peers' median P/B is matched to the median ROE of the same peers. A loss-making peer's
    P/B stays in the P/B statistic; its ROE, a negative return, must count too, or the peers
    look more profitable than the P/Bs they trade on."""
    book_peers = (
        bank_peer("B1", 1.0, -0.02),
        bank_peer("B2", 1.1, 0.08),
        bank_peer("B3", 1.2, 0.10),
        bank_peer("B4", 1.3, 0.12),
        bank_peer("B5", 1.4, 0.14),
    )
    subject = only(
        inputs(), MethodChoice(M.PRICE_TO_BOOK, 1.0), book_equity=BOOK, gics_industry_group="Banks"
    )
    made = the_bar(subject, book_peers)
    g = subject.assumptions.terminal_growth
    subject_roe = HISTORY[-1].net_income / BOOK
    peer_roe = statistics.median([-0.02, 0.08, 0.10, 0.12, 0.14])  # 10 %, all five peers
    assert made.multiple_mid == pytest.approx(1.2 * (subject_roe - g) / (peer_roe - g))


def test_ev_to_ebit_of_a_pre_aasb16_subject_carries_the_basis_warning() -> None:
    """AASB 16 moves the whole lease expense out of EBITDA but only its interest part out of
    EBIT (the rest is the right-of-use asset's depreciation), so lease payments restate EBITDA
    and not EBIT: the subject's EBIT stays on the old basis against the peers' post-AASB 16
    EV/EBIT, which lease_basis.py says is valued with a live basis warning."""
    choice = MethodChoice(M.EV_TO_EBIT, 1.0, MetricPeriod.LTM)
    subject = only(inputs(), choice, ebitda_post_aasb16=False, lease_payments=1.2e6)
    result = value_company(subject, peers(), [], rates())
    assert "AASB16_BASIS_MISMATCH" in [n.code for n in result.notices]


def test_a_loss_with_a_payout_ratio_says_the_payout_pays_nothing() -> None:
    """The reason names what the caller gave: a payout ratio of a loss, not a missing ratio."""
    loss = dataclasses.replace(HISTORY[-1], net_income=-1e6)
    choice = MethodChoice(M.DIVIDEND_YIELD, 1.0, MetricPeriod.LTM, multiple_range=(0.04, 0.06))
    subject = dataclasses.replace(
        inputs(payout_ratio=0.5, methods=(MethodChoice(M.DCF, 1.0), choice)),
        history=[*HISTORY[:-1], loss],
    )
    result = value_company(subject, peers(), [], rates())
    [reason] = [n.message for n in result.notices if n.code == "NO_DIVIDENDS"]
    assert "payoutRatio x NPAT" in reason and "no payoutRatio" not in reason


@pytest.mark.parametrize("ebitda", [0.0, -5e6])
def test_ev_to_ebitda_on_an_ebitda_that_is_not_positive_is_left_out_with_its_code(
    ebitda: float,
) -> None:
    """A multiple of a loss implies no value: the bar is left out, not drawn at zero or below."""
    last = dataclasses.replace(HISTORY[-1], ebitda=ebitda)
    choice = MethodChoice(M.EV_TO_EBITDA, 1.0, MetricPeriod.LTM)
    subject = dataclasses.replace(
        inputs(methods=(MethodChoice(M.DCF, 1.0), choice)), history=[*HISTORY[:-1], last]
    )
    result = value_company(subject, peers(), [], rates())
    assert [m.method for m in result.pricing.methods] == ["DCF"]
    assert "EBITDA_NOT_POSITIVE" in [n.code for n in result.notices]
