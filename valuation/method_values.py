"""Each chosen method applied to the subject: its metric on the chosen period, its multiple range
from the caller or from the peers on the same period, and the bar of the football field it gives.

A method that cannot apply (a P/E of a loss, a dividend yield without dividends, a P/B without
book equity) is left out with a notice naming what it lacked; the others carry the valuation.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from providers.models import FinancialPeriod
from valuation.comparables import (
    MultipleStatistics,
    multiple_statistics,
    peer_exclusions,
    peer_statistics,
)
from valuation.dividend_yield import NO_DIVIDENDS, value_by_dividend_yield
from valuation.ev_to_ebit import value_by_ev_to_ebit
from valuation.inputs import Peer, Transaction, ValuationInputs
from valuation.lease_basis import SubjectLeaseBasis
from valuation.method_set import PEER_MULTIPLE, MethodChoice, MetricPeriod, ValuationMethod
from valuation.method_value import (
    MethodNotApplicable,
    MethodValue,
    MultipleRange,
    multiple_method_value,
    multiple_range_from,
    multiple_range_from_caller,
    range_text,
    require_positive_metric,
)
from valuation.money import aud
from valuation.notices import Notice, notices
from valuation.price_to_book import (
    value_by_price_to_book,
    value_by_price_to_embedded_value,
    value_by_price_to_nta,
)
from valuation.price_to_earnings import value_by_price_to_earnings
from valuation.synthesis import MethodRange, ValueRange, bar

M = ValuationMethod
ENTERPRISE_MULTIPLES = frozenset({M.EV_TO_EBITDA, M.EV_TO_EBIT})
# AASB 16 takes the whole lease expense out of EBITDA but only its interest out of EBIT (the rest
# becomes depreciation of the right-of-use asset), so lease payments restate EBITDA, not EBIT.
_EBIT_BASIS = (
    "EV/EBIT mixes accounting bases: the subject's EBIT is before AASB 16 and lease payments "
    "cannot restate it (the right-of-use depreciation is not given), while the peers' EV/EBIT "
    "is after it."
)


@dataclass(frozen=True, slots=True)
class MethodContext:
    """What every method may read, computed once by the engine."""

    inputs: ValuationInputs
    peers: Sequence[Peer]  # the providers' and the caller's
    transactions: Sequence[Transaction]
    lease_basis: SubjectLeaseBasis
    dcf_range: ValueRange | None  # the Monte Carlo's P10 / P50 / P90 EV; None without a DCF
    dcf_refusal: str | None  # why the DCF could not be valued, when it could not
    cost_of_equity: float
    tax_rate: float

    @property
    def debt_like(self) -> float:
        """What an EV multiple's equity bridge deducts: net debt and leases (lease_basis.py)."""
        return self.inputs.net_debt + self.inputs.lease_liabilities

    @property
    def dcf_debt_like(self) -> float:
        leases = self.inputs.lease_liabilities if self.lease_basis.dcf_deducts_leases else 0.0
        return self.inputs.net_debt + leases


def method_bar(choice: MethodChoice, ctx: MethodContext) -> tuple[MethodRange | None, list[Notice]]:
    """The bar one method gives, or None (with the reason) when it cannot apply."""
    if choice.method is M.DCF:
        return _dcf_bar(choice, ctx)
    period = choice.applied_period or MetricPeriod.LTM
    found: list[Notice] = []
    subject, period = _subject_period(ctx.inputs, period, choice.method, found)
    multiples, period, subject = _multiples(choice, ctx, period, subject, found)
    if multiples is None:
        return None, found
    try:
        value = _apply(choice, subject, multiples, period, ctx)
    except MethodNotApplicable as error:
        found.append(Notice(error.code, f"{choice.method} left out: {error}"))
        return None, found
    found += notices(value.warning_codes, value.warnings)
    if choice.method is M.EV_TO_EBIT and ctx.lease_basis.ebitda_adjustment:
        # Without lease payments the basis warning of every EV multiple is already given.
        found.append(Notice("AASB16_BASIS_MISMATCH", _EBIT_BASIS))
    gives = value.gives
    debt_like = ctx.debt_like
    m = value.multiples
    made = bar(
        choice.method.value,
        choice.weight,
        value.value,
        gives=gives,
        debt_like=debt_like,
        period=period.value,
        multiples=(m.low, m.mid, m.high),
        basis=value.basis,
    )
    return made, found


def peer_median(ctx: MethodContext, name: str) -> float | None:
    """The peers' LTM median of one multiple (the headline figures)."""
    return peer_statistics(
        name, ctx.peers, MetricPeriod.LTM.value, enterprise_multiple=name.startswith("ev_")
    ).median


def _dcf_bar(choice: MethodChoice, ctx: MethodContext) -> tuple[MethodRange | None, list[Notice]]:
    if ctx.dcf_range is None:
        reason = ctx.dcf_refusal or "DCF left out: no cash flows to discount."
        return None, [Notice("METHOD_NOT_APPLICABLE", reason)]
    leases = "net debt and leases" if ctx.lease_basis.dcf_deducts_leases else "net debt"
    basis = f"FCFF discounted at the WACC; Monte Carlo P10 / P50 / P90; less {leases}"
    gamma = ctx.inputs.assumptions.imputation_gamma
    if gamma:
        # Officer (1994): imputation credits valued at gamma leave equity bearing t (1 - gamma).
        basis += (
            f"; imputation gamma {gamma:.2f}: tax {ctx.tax_rate * (1 - gamma):.1%} instead of "
            f"{ctx.tax_rate:.1%}"
        )
    made = bar(
        M.DCF.value,
        choice.weight,
        ctx.dcf_range,
        gives="enterprise",
        debt_like=ctx.dcf_debt_like,
        period=None,
        multiples=None,
        basis=basis,
    )
    return made, []


def _subject_period(
    inputs: ValuationInputs, period: MetricPeriod, method: M, found: list[Notice]
) -> tuple[FinancialPeriod, MetricPeriod]:
    index = {MetricPeriod.FY1: 0, MetricPeriod.FY2: 1}.get(period)
    if index is None:
        return inputs.history[-1], MetricPeriod.LTM
    if len(inputs.forecast) > index:
        return inputs.forecast[index], period
    found.append(
        Notice(
            "NO_FORECAST_FOR_PERIOD",
            f"{method}: no {period} forecast is given, so the LTM figures are used.",
        )
    )
    return inputs.history[-1], MetricPeriod.LTM


def _multiples(
    choice: MethodChoice,
    ctx: MethodContext,
    period: MetricPeriod,
    subject: FinancialPeriod,
    found: list[Notice],
) -> tuple[MultipleRange | None, MetricPeriod, FinancialPeriod]:
    """The caller's range, or the peers' quartiles on the subject's period (falling back to LTM
    on both sides, never mixing them)."""
    if choice.multiple_range is not None:
        return multiple_range_from_caller(*choice.multiple_range), period, subject
    stats = _peer_stats(choice.method, ctx, period)
    if stats is not None and stats.n == 0 and period is not MetricPeriod.LTM:
        ltm = _peer_stats(choice.method, ctx, MetricPeriod.LTM)
        if ltm is not None and ltm.n > 0:
            found.append(
                Notice(
                    "PEER_PERIOD_FALLBACK",
                    f"{choice.method}: no peer has {period} figures, so the peers' LTM multiples "
                    "are applied to the subject's LTM figures (not its forecast).",
                )
            )
            return multiple_range_from(ltm), MetricPeriod.LTM, ctx.inputs.history[-1]
    found_range = multiple_range_from(stats) if stats is not None else None
    if found_range is None:
        found.append(
            Notice(
                "METHOD_NOT_APPLICABLE",
                f"{choice.method} left out: no peer multiple on the {period} basis and no "
                "multipleRange given.",
            )
        )
    return found_range, period, subject


def _peer_stats(method: M, ctx: MethodContext, period: MetricPeriod) -> MultipleStatistics | None:
    if method is M.PRECEDENT_TRANSACTIONS:
        return multiple_statistics(
            "ev_to_ebitda", [(t.target, t.ev_to_ebitda) for t in ctx.transactions]
        )
    name = PEER_MULTIPLE.get(method)
    if name is None:  # price to embedded value: no upstream publishes peers' embedded values
        return None
    return peer_statistics(
        name, ctx.peers, period.value, enterprise_multiple=method in ENTERPRISE_MULTIPLES
    )


def _apply(
    choice: MethodChoice,
    subject: FinancialPeriod,
    multiples: MultipleRange,
    period: MetricPeriod,
    ctx: MethodContext,
) -> MethodValue:
    method, inputs, label = choice.method, ctx.inputs, period.value
    # A caller's range is the subject's own; the peers' is adjusted to the subject below.
    from_caller = choice.multiple_range is not None
    if method in (M.EV_TO_EBITDA, M.PRECEDENT_TRANSACTIONS):
        return _ev_to_ebitda(subject.ebitda + ctx.lease_basis.ebitda_adjustment, multiples, label)
    if method is M.EV_TO_EBIT:
        return value_by_ev_to_ebit(subject.ebit, multiples, label)
    if method is M.PRICE_TO_EARNINGS:
        return value_by_price_to_earnings(subject.net_income, multiples, label)
    if method is M.DIVIDEND_YIELD:
        return value_by_dividend_yield(
            _dividends(subject, inputs),
            multiples,
            inputs.franking_percentage,
            # The peers' yields are cash yields (multiples.py); the basis is a caller's range's.
            "GROSSED_UP"
            if from_caller and inputs.assumptions.dividend_yield_basis == "GROSSED_UP"
            else "CASH",
            period_label=label,
            tax_rate=ctx.tax_rate,
        )
    if method is M.PRICE_TO_BOOK:
        book = _required(inputs.book_equity, "bookEquity")
        if from_caller:
            return value_by_price_to_book(book, multiples)
        return value_by_price_to_book(
            book,
            multiples,
            subject_roe=_ratio(inputs.history[-1].net_income, inputs.book_equity),
            peer_median_roe=_price_to_book_peers_roe(ctx),
            cost_of_equity=ctx.cost_of_equity,
            growth=inputs.assumptions.terminal_growth,
        )
    if method is M.PRICE_TO_NTA:
        return value_by_price_to_nta(
            _required(inputs.net_tangible_assets, "netTangibleAssets"), multiples
        )
    return value_by_price_to_embedded_value(
        _required(inputs.embedded_value, "embeddedValue"), multiples
    )


def _price_to_book_peers_roe(ctx: MethodContext) -> float | None:
    """The median ROE of the peers whose P/B the statistic kept, a loss counted as the negative
    return it is: the ROE adjustment matches the peers' P/B to their own profitability."""
    period = MetricPeriod.LTM.value
    left_out = {
        id(p)
        for p, _ in peer_exclusions("price_to_book", ctx.peers, period, enterprise_multiple=False)
    }
    returns = [
        p.multiples.return_on_equity
        for p in ctx.peers
        if p.period == period and id(p) not in left_out
    ]
    found = [r for r in returns if r is not None and math.isfinite(r)]
    return statistics.median(found) if found else None


def _ev_to_ebitda(ebitda: float, multiples: MultipleRange, label: str) -> MethodValue:
    require_positive_metric(
        f"{label} EBITDA", ebitda, "EBITDA_NOT_POSITIVE", "a multiple of it says nothing."
    )
    return multiple_method_value(
        gives="enterprise",
        metric=ebitda,
        multiples=multiples,
        basis=f"EV/EBITDA {range_text(multiples)} on {label} EBITDA {aud(ebitda)} (post-AASB 16)",
    )


def _dividends(subject: FinancialPeriod, inputs: ValuationInputs) -> float:
    if subject.dividends is not None:
        return subject.dividends
    payout = inputs.assumptions.payout_ratio
    if payout is None:
        raise MethodNotApplicable(
            NO_DIVIDENDS, "no dividends are given for the period, and no payoutRatio."
        )
    if subject.net_income <= 0:
        raise MethodNotApplicable(
            NO_DIVIDENDS,
            f"no dividends are given for the period, and payoutRatio x NPAT of "
            f"{aud(subject.net_income)} pays none.",
        )
    return payout * subject.net_income


def _required(value: float | None, name: str) -> float:
    if value is None:
        raise MethodNotApplicable("INPUT_MISSING", f"it needs {name}.")
    return value


def _ratio(numerator: float, denominator: float | None) -> float | None:
    return numerator / denominator if denominator else None
