"""One valuation, end to end: the WACC, the DCF, each chosen method, risk, growth, economic
context, the synthesis into a valuation range and an indicative offer range, and the ASX
admission checks. Pure: the caller gathers every input first (so a result can be re-run to the
same numbers from its stored inputs). The order of the steps is ARCHITECTURE.md's; each step is
its own module.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from providers.models import RateSeries
from valuation.admission import AdmissionCheck, AdmissionInputs, admission_checks
from valuation.company_risk import CompanyRisk, coefficient_of_variation, company_risk
from valuation.comparables import (
    ComparablesSummary,
    MultipleStatistics,
    ltm_summary,
    multiple_statistics,
    peer_exclusions,
)
from valuation.dcf_model import DcfOutcome, dcf_outcome
from valuation.economy import EconomicContext, economic_context
from valuation.errors import ValuationInputError
from valuation.growth import GrowthProfile, cagr, growth_profile
from valuation.inputs import Assumptions, Peer, Transaction, ValuationInputs
from valuation.lease_basis import PRE_AASB16, subject_basis
from valuation.method_set import (
    PEER_MULTIPLE,
    MethodChoice,
    ValuationMethod,
    check_choices,
    default_methods,
    sector_of,
)
from valuation.method_values import ENTERPRISE_MULTIPLES, MethodContext, method_bar
from valuation.notices import Notice, notices
from valuation.plausibility import InputWarning, input_warnings
from valuation.synthesis import IpoPricing, MethodRange, synthesise
from valuation.wacc import WaccBuildUp, relever_beta, unlever_beta, wacc_build_up

__all__ = [
    "MINIMUM_PEERS_WITH_BETA",
    "Assumptions",
    "Peer",
    "PeerExclusion",
    "Transaction",
    "ValuationInputs",
    "ValuationResult",
    "value_company",
]

TEN_YEAR_BOND_YIELD = "FCMYGBAG10D"
# The beta is the peers' median: with fewer than three it is one or two companies' beta.
MINIMUM_PEERS_WITH_BETA = 3


@dataclass(frozen=True, slots=True)
class PeerExclusion:
    """A peer left out of one statistic the valuation used, and why."""

    ticker: str
    method: str
    period: str
    reason: str
    supplied_by: str = "PROVIDER"  # with the ticker, names the peer: a caller's may share a name


@dataclass(frozen=True, slots=True)
class ValuationResult:
    pricing: IpoPricing
    sector: str
    methods_chosen: tuple[MethodChoice, ...]
    wacc: WaccBuildUp
    tax_rate: float  # the tax rate the DCF used: statutory, or imputation-adjusted
    dcf: DcfOutcome | None  # None when no DCF was chosen (banks, insurers, REITs by default)
    comparables: ComparablesSummary
    transactions: MultipleStatistics
    median_control_premium: float | None
    peer_exclusions: tuple[PeerExclusion, ...]
    custom_peers: tuple[Peer, ...]  # the caller's, shown apart from the providers'
    risk: CompanyRisk
    growth: GrowthProfile
    economy: EconomicContext
    admission: tuple[AdmissionCheck, ...]
    input_warnings: tuple[InputWarning, ...]  # implausible inputs; their messages lead `warnings`
    notices: tuple[Notice, ...]  # every warning with its code, in the order of `warnings`
    warnings: tuple[str, ...]


def value_company(
    inputs: ValuationInputs,
    peers: Sequence[Peer],
    transactions: Sequence[Transaction],
    rate_series: Mapping[str, RateSeries],
) -> ValuationResult:
    a = inputs.assumptions
    if not inputs.history:
        raise ValuationInputError("At least one historical fiscal year is needed.")
    choices = a.methods or default_methods(
        inputs.gics_industry_group, has_embedded_value=inputs.embedded_value is not None
    )
    check_choices(choices)
    every_peer = (*peers, *inputs.custom_peers)
    latest = inputs.history[-1]
    risk_free = a.risk_free_rate if a.risk_free_rate is not None else _risk_free(rate_series)
    basis = subject_basis(inputs.ebitda_post_aasb16, inputs.lease_payments)
    comps = ltm_summary(every_peer)
    deals = multiple_statistics("ev_to_ebitda", [(t.target, t.ev_to_ebitda) for t in transactions])
    risk = _risk(inputs, comps, basis.ebitda_adjustment)
    tax = a.tax_rate * (1 - a.imputation_gamma) if a.imputation_gamma else a.tax_rate
    wacc = _wacc(every_peer, a, risk_free, risk.premium, tax)
    dcf, dcf_refusal = None, None
    if any(c.method is ValuationMethod.DCF for c in choices):
        try:
            dcf = dcf_outcome(inputs, wacc.wacc, tax, risk_free, comps.ev_to_ebitda.median, basis)
        except ValuationInputError as error:
            # Forecast years all past, growth not below the rate: the other methods may still
            # value the company; if none is weighted, this reason is the job's error.
            dcf_refusal = f"DCF left out: {error}"
    context = MethodContext(
        inputs=inputs,
        peers=every_peer,
        transactions=transactions,
        lease_basis=basis,
        dcf_range=dcf.value_range if dcf is not None else None,
        dcf_refusal=dcf_refusal,
        cost_of_equity=wacc.cost_of_equity,
        tax_rate=a.tax_rate,
    )
    found = notices(basis.warning_codes, basis.warnings)
    bars: list[MethodRange] = []
    left_out: list[str] = []
    for choice in choices:
        made, method_notices = method_bar(choice, context)
        found += method_notices
        if made is not None:
            bars.append(made)
        elif method_notices:
            left_out.append(method_notices[-1].message)
    if not any(b.weight > 0 for b in bars):
        raise ValuationInputError(
            "None of the weighted methods could be applied: " + "; ".join(left_out)
        )
    pricing = synthesise(
        bars,
        pre_offer_shares=inputs.pre_offer_shares,
        primary_raise=inputs.primary_raise,
        ipo_discount=a.ipo_discount,
        offer_range_width=a.offer_range_width,
        subject_ebitda=latest.ebitda + basis.ebitda_adjustment,
        debt_like=context.debt_like,
        peer_median_ev_to_ebitda=comps.ev_to_ebitda.median,
    )
    _check_figures(pricing, wacc)
    premiums = [t.control_premium for t in transactions if t.control_premium is not None]
    implausible = input_warnings(inputs)
    exclusions = _exclusions(pricing.methods, choices, every_peer)
    found += _basis_exclusions(exclusions)
    every_notice = (
        *(Notice(w.code, w.message) for w in implausible),
        *notices(("WACC",) * len(wacc.warnings), wacc.warnings),
        *(dcf.notices if dcf is not None else ()),
        *found,
        *notices(pricing.warning_codes, pricing.warnings),
    )
    return ValuationResult(
        pricing=pricing,
        sector=sector_of(inputs.gics_industry_group).value,
        methods_chosen=tuple(choices),
        wacc=wacc,
        tax_rate=tax,
        dcf=dcf,
        comparables=comps,
        transactions=deals,
        median_control_premium=statistics.median(premiums) if premiums else None,
        peer_exclusions=exclusions,
        custom_peers=tuple(inputs.custom_peers),
        risk=risk,
        growth=growth_profile(
            [p.revenue for p in inputs.history],
            [p.revenue for p in inputs.forecast] or None,
            [p.revenue_cagr for p in peers if p.revenue_cagr is not None],
        ),
        economy=economic_context(rate_series),
        admission=admission_checks(_admission_inputs(inputs, pricing)),
        input_warnings=implausible,
        notices=every_notice,
        warnings=tuple(n.message for n in every_notice),
    )


def _risk(inputs: ValuationInputs, comps: ComparablesSummary, adjustment: float) -> CompanyRisk:
    """Company-specific risk; size before any price exists is the equity value the peers' median
    EV/EBITDA (or P/E) implies."""
    latest = inputs.history[-1]
    size = None
    ebitda = latest.ebitda + adjustment
    if comps.ev_to_ebitda.median is not None and ebitda > 0:
        size = comps.ev_to_ebitda.median * ebitda - inputs.net_debt - inputs.lease_liabilities
    elif comps.price_to_earnings.median is not None and latest.net_income > 0:
        size = comps.price_to_earnings.median * latest.net_income
    revenue = [p.revenue for p in inputs.history]
    return company_risk(
        market_cap=size if size is not None and size > 0 else None,
        ebitda_margin=latest.ebitda / latest.revenue if latest.revenue > 0 else None,
        earnings_volatility=coefficient_of_variation([p.ebitda for p in inputs.history]),
        revenue_growth=cagr(revenue[0], revenue[-1], len(revenue) - 1)
        if len(revenue) > 1
        else None,
    )


def _exclusions(
    bars: Sequence[MethodRange], choices: Sequence[MethodChoice], peers: Sequence[Peer]
) -> tuple[PeerExclusion, ...]:
    """Every peer each applied comparables method left out, with the reason, so that the peers
    listed reproduce the statistics used; the headline LTM EV/EBITDA first. A method priced on
    the caller's multipleRange used no peer statistic, so it excludes no peer."""
    own_range = {c.method.value for c in choices if c.multiple_range is not None}
    applied = [("EV_TO_EBITDA", "LTM")] + [
        (b.method, b.period or "LTM")
        for b in bars
        if ValuationMethod(b.method) in PEER_MULTIPLE and b.method not in own_range
    ]
    found: list[PeerExclusion] = []
    for method, period in dict.fromkeys(applied):
        kind = ValuationMethod(method)
        left_out = peer_exclusions(
            PEER_MULTIPLE[kind], peers, period, enterprise_multiple=kind in ENTERPRISE_MULTIPLES
        )
        found += [
            PeerExclusion(p.ticker, method, period, reason, p.supplied_by) for p, reason in left_out
        ]
    return tuple(found)


def _basis_exclusions(exclusions: Sequence[PeerExclusion]) -> list[Notice]:
    """The warning that peers were left out of EV multiples for their lease basis."""
    left_out = sorted({e.ticker for e in exclusions if e.reason == PRE_AASB16})
    if not left_out:
        return []
    return [
        Notice(
            "PEER_AASB16_EXCLUDED",
            f"{len(left_out)} peer(s) left out of EV multiples, their latest accounts predating "
            f"AASB 16: {', '.join(left_out)}.",
        )
    ]


def _admission_inputs(inputs: ValuationInputs, pricing: IpoPricing) -> AdmissionInputs:
    nta = None
    if inputs.net_tangible_assets is not None:
        nta = inputs.net_tangible_assets + inputs.primary_raise - (inputs.offer_costs or 0.0)
    return AdmissionInputs(
        annual_profits=[p.net_income for p in inputs.history],
        latest_twelve_month_profit=inputs.history[-1].net_income,
        net_tangible_assets=nta,
        market_cap_at_offer=pricing.post_money_market_cap,
        offer_price=pricing.price_per_share.low,
        expected_holders=inputs.expected_holders,
        free_float=inputs.free_float,
    )


def _check_figures(pricing: IpoPricing, wacc: WaccBuildUp) -> None:
    """Refuse a result that cannot be reported: figures that overflowed."""
    ranges = [pricing.enterprise_value, pricing.equity_value, pricing.price_per_share]
    ranges += [m.value for m in pricing.methods]
    figures = [v for r in ranges for v in (r.low, r.mid, r.high)]
    figures += [pricing.new_shares, pricing.post_money_market_cap, wacc.wacc]
    if not all(math.isfinite(v) for v in figures):
        raise ValuationInputError(
            "The figures overflow: check the magnitudes of the inputs (amounts in A$, shares as "
            "a count)."
        )


def _risk_free(rate_series: Mapping[str, RateSeries]) -> float:
    series = rate_series.get(TEN_YEAR_BOND_YIELD)
    if series is None or series.latest is None:
        raise ValuationInputError(
            "No risk-free rate: the RBA 10-year bond yield is unavailable; give riskFreeRate."
        )
    return series.latest.value


def _wacc(
    peers: Sequence[Peer], a: Assumptions, risk_free: float, premium: float, tax: float
) -> WaccBuildUp:
    """The peers' median asset beta, unlevered and relevered on one debt definition (net debt
    and leases over market capitalisation: lease_basis.py), at the target gearing."""
    with_beta = [p for p in peers if p.levered_beta is not None]
    if len(with_beta) < MINIMUM_PEERS_WITH_BETA:
        raise ValuationInputError(
            f"{len(with_beta)} of {len(peers)} peers have a beta; the beta is the peers' median "
            f"and needs at least {MINIMUM_PEERS_WITH_BETA}."
        )
    unlevered = statistics.median(
        unlever_beta(p.levered_beta, max(p.debt_to_equity, 0.0), tax)
        for p in with_beta
        if p.levered_beta is not None
    )
    gearing = (
        a.target_debt_to_equity
        if a.target_debt_to_equity is not None
        else statistics.median(max(p.debt_to_equity, 0.0) for p in with_beta)
    )
    return wacc_build_up(
        risk_free,
        a.market_risk_premium,
        tax,
        levered_beta=relever_beta(unlevered, gearing, tax),
        debt_to_equity=gearing,
        credit_spread=a.credit_spread,
        company_specific_premium=premium,
    )
