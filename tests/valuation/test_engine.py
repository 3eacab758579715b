"""One valuation end to end, on sample-provider peers and the real RBA yield."""

from __future__ import annotations

import dataclasses
import statistics
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.valuation_inputs import FORECAST, HISTORY, inputs, peers, rates
from valuation.dcf_model import monte_carlo_draws
from valuation.engine import Peer, Transaction, ValuationInputs, value_company
from valuation.errors import ValuationInputError
from valuation.method_set import MethodChoice, MetricPeriod, ValuationMethod
from valuation.multiples import TradingMultiples

M = ValuationMethod


def only(method: ValuationMethod, period: MetricPeriod = MetricPeriod.FY1, **kw: object) -> dict:
    return {"methods": (MethodChoice(method, 1.0, period, **kw),)}  # type: ignore[arg-type]


def codes(subject: ValuationInputs, peer_set: tuple[Peer, ...] | None = None) -> list[str]:
    result = value_company(subject, peers() if peer_set is None else peer_set, [], rates())
    return [n.code for n in result.notices]


def test_price_range_is_ordered_and_positive() -> None:
    price = value_company(inputs(), peers(), [], rates()).pricing.price_per_share
    assert 0 < price.low <= price.mid <= price.high


def test_risk_free_rate_is_the_latest_rba_ten_year_yield() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert result.wacc.risk_free_rate == pytest.approx(0.04926)


def test_same_inputs_give_the_same_result() -> None:
    assert value_company(inputs(), peers(), [], rates()) == value_company(
        inputs(), peers(), [], rates()
    )


def test_transactions_are_shown_but_weigh_nothing_by_default() -> None:
    deals = [Transaction(f"T{n}", 10.0 + n, 0.3) for n in range(6)]
    without = value_company(inputs(), peers(), [], rates()).pricing.price_per_share
    result = value_company(inputs(), peers(), deals, rates())
    assert result.pricing.price_per_share == without
    [deal_bar] = [m for m in result.pricing.methods if m.method == "PRECEDENT_TRANSACTIONS"]
    assert deal_bar.weight == 0 and deal_bar.period == "LTM"
    assert result.median_control_premium == pytest.approx(0.3)


def test_a_software_company_gets_dcf_ev_to_ebitda_and_pe_by_default() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert [m.method for m in result.pricing.methods] == [
        "DCF",
        "EV_TO_EBITDA",
        "PRICE_TO_EARNINGS",
    ]
    assert result.sector == "GENERAL"


def test_net_income_moves_the_price_through_the_pe_method() -> None:
    """Doubling NPAT changed nothing when no method read it; P/E now does."""
    doubled = [dataclasses.replace(p, net_income=2 * p.net_income) for p in HISTORY]
    base = value_company(inputs(), peers(), [], rates()).pricing.valuation_range.mid
    more = dataclasses.replace(inputs(), history=doubled)
    assert value_company(more, peers(), [], rates()).pricing.valuation_range.mid > base


def test_peers_ltm_multiples_apply_to_the_subjects_ltm_figures_not_its_forecast() -> None:
    result = value_company(inputs(**only(M.EV_TO_EBITDA)), peers(), [], rates())
    [ev] = result.pricing.methods
    assert ev.period == "LTM"
    assert "PEER_PERIOD_FALLBACK" in [n.code for n in result.notices]
    median = result.comparables.ev_to_ebitda.median
    assert median is not None
    assert ev.value.mid == pytest.approx(median * HISTORY[-1].ebitda)


@given(low=st.floats(2.0, 30.0), spread=st.floats(0.0, 10.0))
@settings(max_examples=25, deadline=None)
def test_a_callers_multiple_range_prices_exactly(low: float, spread: float) -> None:
    high = low + spread
    subject = inputs(ipo_discount=0.0, **only(M.PRICE_TO_EARNINGS, multiple_range=(low, high)))
    pricing = value_company(subject, peers(), [], rates()).pricing
    npat, shares = FORECAST[0].net_income, subject.pre_offer_shares
    assert pricing.valuation_range.low == pytest.approx(npat * low / shares)
    assert pricing.valuation_range.mid == pytest.approx(npat * (low + high) / 2 / shares)
    assert pricing.valuation_range.high == pytest.approx(npat * high / shares)


@given(growth=st.floats(0.0, 0.4), multiple=st.floats(4.0, 25.0))
@settings(max_examples=25, deadline=None)
def test_forward_on_forward_equals_ltm_on_ltm_when_subject_and_peers_grow_alike(
    growth: float, multiple: float
) -> None:
    def peer(name: str, period: str, value: float) -> Peer:
        m = TradingMultiples(value, None, None, None, None)
        return Peer(name, m, 1.0, 0.1, None, period=period, supplied_by="CALLER")

    forward = [dataclasses.replace(HISTORY[-1], ebitda=HISTORY[-1].ebitda * (1 + growth))]
    subject = dataclasses.replace(inputs(**only(M.EV_TO_EBITDA)), forecast=forward)
    trailing = [peer(f"L{i}", "LTM", multiple + i) for i in range(3)]
    ahead = [peer(f"F{i}", "FY1", (multiple + i) / (1 + growth)) for i in range(3)]
    on_ltm = value_company(
        dataclasses.replace(
            subject,
            assumptions=dataclasses.replace(
                subject.assumptions, methods=(MethodChoice(M.EV_TO_EBITDA, 1, MetricPeriod.LTM),)
            ),
            custom_peers=tuple(trailing),
        ),
        (),
        [],
        rates(),
    )
    on_fy1 = value_company(dataclasses.replace(subject, custom_peers=tuple(ahead)), (), [], rates())
    assert on_fy1.pricing.methods[0].period == "FY1"
    assert on_fy1.pricing.equity_value.mid == pytest.approx(on_ltm.pricing.equity_value.mid)


def test_the_peers_listed_reproduce_the_headline_median() -> None:
    result = value_company(inputs(), peers(), [], rates())
    left_out = {e.ticker for e in result.peer_exclusions if e.method == "EV_TO_EBITDA"}
    kept = [
        p.multiples.ev_to_ebitda
        for p in peers()
        if p.ticker not in left_out and p.multiples.ev_to_ebitda is not None
    ]
    assert statistics.median(kept) == pytest.approx(result.pricing.peer_median_ev_to_ebitda)


def test_a_peer_on_pre_aasb16_accounts_is_left_out_of_ev_multiples_with_its_reason() -> None:
    old = peers()[0]
    dated = dataclasses.replace(
        old,
        multiples=dataclasses.replace(
            old.multiples, post_aasb16=False, fiscal_year_end=date(2019, 6, 30)
        ),
    )
    result = value_company(inputs(), (dated, *peers()[1:]), [], rates())
    reasons = [e.reason for e in result.peer_exclusions if e.ticker == old.ticker]
    assert any("pre-AASB 16" in r for r in reasons)
    assert "PEER_AASB16_EXCLUDED" in [n.code for n in result.notices]


def test_a_pre_aasb16_subject_is_restated_with_its_lease_payments_or_warned() -> None:
    pre = dataclasses.replace(inputs(), ebitda_post_aasb16=False)
    assert "AASB16_BASIS_MISMATCH" in codes(pre)
    restated = dataclasses.replace(pre, lease_payments=1.2e6)
    assert "AASB16_BASIS_MISMATCH" not in codes(restated)
    without = value_company(pre, peers(), [], rates()).pricing.methods[1]
    with_payments = value_company(restated, peers(), [], rates()).pricing.methods[1]
    assert with_payments.value.mid - without.value.mid == pytest.approx(
        1.2e6 * (with_payments.multiple_mid or 0)
    )


def test_betas_are_unlevered_on_the_debt_they_were_levered_with() -> None:
    """A peer's beta levered on net debt and leases unlevers back to its asset beta."""
    asset = 0.9
    gearing = [0.0, 0.2, 0.5]
    custom = tuple(
        Peer(
            f"P{i}", TradingMultiples(10.0, None, None, None, None), asset * (1 + 0.7 * d), d, None
        )
        for i, d in enumerate(gearing)
    )
    result = value_company(dataclasses.replace(inputs(), custom_peers=custom), (), [], rates())
    assert result.wacc.unlevered_beta == pytest.approx(asset)


def test_banks_are_valued_on_book_earnings_and_yield() -> None:
    bank = dataclasses.replace(
        inputs(payout_ratio=0.7),
        gics_industry_group="Banks",
        book_equity=80e6,
        custom_peers=tuple(
            Peer(
                f"B{i}",
                TradingMultiples(
                    None,
                    None,
                    None,
                    12.0 + i,
                    None,
                    price_to_book=1.2 + 0.1 * i,
                    dividend_yield=0.05,
                    return_on_equity=0.11,
                ),
                1.0,
                0.0,
                None,
            )
            for i in range(3)
        ),
    )
    result = value_company(bank, (), [], rates())
    assert result.sector == "BANK"
    assert [m.method for m in result.pricing.methods] == [
        "PRICE_TO_BOOK",
        "PRICE_TO_EARNINGS",
        "DIVIDEND_YIELD",
    ]
    assert result.dcf is None


def test_a_loss_leaves_the_pe_method_out_with_its_code() -> None:
    loss = [dataclasses.replace(p, net_income=-1e6) for p in FORECAST]
    subject = dataclasses.replace(inputs(), forecast=loss)
    found = codes(
        dataclasses.replace(
            subject,
            assumptions=dataclasses.replace(
                subject.assumptions,
                methods=(
                    MethodChoice(M.DCF, 1),
                    MethodChoice(M.PRICE_TO_EARNINGS, 1, multiple_range=(10, 12)),
                ),
            ),
        )
    )
    assert "EARNINGS_NOT_POSITIVE" in found


def test_a_dividend_yield_without_dividends_is_left_out() -> None:
    subject = inputs(
        methods=(
            MethodChoice(M.DCF, 1),
            MethodChoice(M.DIVIDEND_YIELD, 1, multiple_range=(0.04, 0.06)),
        )
    )
    assert "NO_DIVIDENDS" in codes(subject)


def test_a_missing_forecast_period_falls_back_to_ltm() -> None:
    subject = inputs(**only(M.PRICE_TO_EARNINGS, MetricPeriod.FY2, multiple_range=(10, 12)))
    short = dataclasses.replace(subject, forecast=FORECAST[:1])
    assert "NO_FORECAST_FOR_PERIOD" in codes(short)


def test_a_book_method_without_its_input_is_left_out() -> None:
    subject = inputs(
        methods=(MethodChoice(M.DCF, 1), MethodChoice(M.PRICE_TO_NTA, 1, multiple_range=(0.9, 1.1)))
    )
    assert "INPUT_MISSING" in codes(subject)


def test_when_no_weighted_method_applies_the_valuation_is_refused() -> None:
    subject = inputs(**only(M.PRICE_TO_NTA, multiple_range=(0.9, 1.1)))
    with pytest.raises(ValuationInputError, match="None of the weighted methods"):
        value_company(subject, peers(), [], rates())


def test_imputation_lowers_the_tax_rate_the_dcf_uses() -> None:
    result = value_company(inputs(imputation_gamma=0.5), peers(), [], rates())
    assert result.tax_rate == pytest.approx(0.15)
    assert "imputation gamma 0.50: tax 15.0% instead of 30.0%" in result.pricing.methods[0].basis
    assert value_company(inputs(), peers(), [], rates()).tax_rate == pytest.approx(0.30)


def test_admission_checks_read_the_offer() -> None:
    result = value_company(inputs(), peers(), [], rates())
    checks = {c.name: c for c in result.admission}
    assert checks["MINIMUM_ISSUE_PRICE"].outcome == "PASS"
    assert checks["SPREAD"].outcome == "NOT_DETERMINABLE"


def test_a_higher_market_risk_premium_lowers_the_dcf() -> None:
    low_mrp = value_company(inputs(market_risk_premium=0.05), peers(), [], rates())
    high_mrp = value_company(inputs(market_risk_premium=0.08), peers(), [], rates())
    assert high_mrp.pricing.methods[0].value.mid < low_mrp.pricing.methods[0].value.mid


def test_sensitivity_grid_centre_is_the_dcf_value() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert result.dcf is not None
    assert result.dcf.sensitivity[2][2] == pytest.approx(result.dcf.valuation.enterprise_value)


def test_without_a_forecast_cash_flows_are_projected_from_history() -> None:
    projected = dataclasses.replace(inputs(), forecast=[])
    result = value_company(projected, peers(), [], rates())
    assert result.dcf is not None and result.dcf.projected
    assert len(result.dcf.cash_flows) == 5


def test_without_peers_the_beta_cannot_be_estimated() -> None:
    with pytest.raises(ValuationInputError, match="peers"):
        value_company(inputs(), [], [], rates())


def test_a_terminal_value_far_from_the_peers_exit_multiple_is_warned() -> None:
    cautious = value_company(inputs(), peers(), [], rates())
    assert "EXIT_MULTIPLE_GAP" in [n.code for n in cautious.notices]
    assert cautious.dcf is not None
    implied = cautious.dcf.valuation.implied_exit_multiple
    assert implied is not None and implied < 0.5 * (cautious.comparables.ev_to_ebitda.median or 0)


def test_the_exit_multiple_check_of_a_restated_subject_is_on_the_peers_post_aasb16_basis() -> None:
    """The peers' EV/EBITDA is post-AASB 16: EV with leases over EBITDA without lease costs. A
    subject reporting before AASB 16 with lease payments of A$1.2m has its FY2030 EBITDA,
    0.25 x 60m x 1.12^5 = A$26.435m, restated to A$27.635m; its FCFF still pays the leases, so
    its DCF's EV bears them and the exit value is the peers' EV less its A$2m leases."""
    restated = dataclasses.replace(inputs(), ebitda_post_aasb16=False, lease_payments=1.2e6)
    result = value_company(restated, peers(), [], rates())
    assert result.dcf is not None
    median = result.comparables.ev_to_ebitda.median
    assert median is not None
    ebitda = 0.25 * 60e6 * 1.12**5 + 1.2e6
    assert ebitda == pytest.approx(27.635125e6, rel=1e-7)
    valued = result.dcf.valuation
    check = valued.exit_multiple_check
    assert check is not None
    assert check.terminal_value == pytest.approx(ebitda * median - 2e6, rel=1e-12)
    # The value-driver TV is dated half a year before the exit (mid-year convention).
    at_exit = valued.terminal_value * (1 + result.wacc.wacc) ** 0.5
    assert valued.implied_exit_multiple == pytest.approx((at_exit + 2e6) / ebitda, rel=1e-12)


def test_the_exit_multiple_check_of_a_post_aasb16_subject_takes_its_ebitda_as_given() -> None:
    result = value_company(inputs(), peers(), [], rates())
    assert result.dcf is not None and result.comparables.ev_to_ebitda.median is not None
    check = result.dcf.valuation.exit_multiple_check
    assert check is not None
    ebitda = 0.25 * 60e6 * 1.12**5  # FY2030, after AASB 16: its leases are in the EV already
    assert check.terminal_value == pytest.approx(
        ebitda * result.comparables.ev_to_ebitda.median, rel=1e-12
    )


def test_a_dcf_whose_forecast_is_all_past_is_left_out_and_the_rest_value() -> None:
    late = dataclasses.replace(inputs(), valuation_date=date(2031, 1, 1))
    result = value_company(late, peers(), [], rates())
    assert result.dcf is None
    assert [m.method for m in result.pricing.methods] == ["EV_TO_EBITDA", "PRICE_TO_EARNINGS"]
    assert any(n.message.startswith("DCF left out") for n in result.notices)


def test_when_the_dcf_is_the_only_method_its_reason_is_the_error() -> None:
    late = dataclasses.replace(inputs(**only(M.DCF)), valuation_date=date(2031, 1, 1))
    with pytest.raises(ValuationInputError, match="DCF left out"):
        value_company(late, peers(), [], rates())


def test_a_callers_peer_named_like_an_asx_peer_takes_only_its_own_exclusions() -> None:
    """The peers listed reproduce the median only if each exclusion marks the peer it was
    made for: a caller's peer on US GAAP named like an ASX code leaves that ASX peer in."""
    asx = peers()[0]
    namesake = Peer(
        asx.ticker,
        TradingMultiples(12.0, None, None, None, None, post_aasb16=False),
        None,
        0.0,
        None,
        supplied_by="CALLER",
    )
    subject = dataclasses.replace(inputs(), custom_peers=(namesake,))
    result = value_company(subject, peers(), [], rates())
    marked = [
        e.supplied_by
        for e in result.peer_exclusions
        if e.ticker == asx.ticker and e.method == "EV_TO_EBITDA"
    ]
    assert marked == ["CALLER"]


def test_a_method_on_the_callers_range_leaves_no_peer_out() -> None:
    """`excluded` means left out of a statistic the valuation used; a multipleRange uses none."""
    without_pe = Peer("Global", TradingMultiples(10.0, None, None, None, None), None, 0.0, None)
    subject = dataclasses.replace(
        inputs(**only(M.PRICE_TO_EARNINGS, MetricPeriod.LTM, multiple_range=(10.0, 12.0))),
        custom_peers=(without_pe,),
    )
    result = value_company(subject, peers(), [], rates())
    assert [e for e in result.peer_exclusions if e.method == "PRICE_TO_EARNINGS"] == []


def test_the_monte_carlo_draws_drawn_again_give_the_dcfs_bar() -> None:
    subject = inputs()
    result = value_company(subject, peers(), [], rates())
    assert result.dcf is not None
    values = monte_carlo_draws(subject, result.wacc.wacc, result.tax_rate)
    p10, p50, p90 = np.percentile(values, [10, 50, 90]).tolist()
    mc = result.dcf.monte_carlo
    assert (p10, p50, p90) == (mc.p10, mc.p50, mc.p90)
    assert values.size == mc.draws
