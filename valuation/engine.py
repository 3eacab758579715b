"""One valuation, end to end: the methods, the WACC, risk, growth, economic context and the
synthesis into an indicative IPO price range. Pure: the caller gathers every input first (so a
result can be re-run to the same numbers from its stored inputs)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from providers.models import FinancialPeriod, RateSeries
from valuation.comparables import (
    ComparablesSummary,
    MultipleStatistics,
    implied_values,
    multiple_statistics,
    peer_multiples_summary,
)
from valuation.dcf import DcfValue, discount_cash_flows, free_cash_flow_to_firm, project_cash_flows
from valuation.dcf import sensitivity_grid as dcf_sensitivity_grid
from valuation.economy import EconomicContext, economic_context
from valuation.errors import ValuationInputError
from valuation.growth import GrowthProfile, cagr, growth_profile
from valuation.money import aud
from valuation.monte_carlo import MonteCarloResult, simulate_enterprise_value
from valuation.multiples import TradingMultiples
from valuation.plausibility import InputWarning, input_warnings
from valuation.risk import RiskAssessment, coefficient_of_variation, risk_score
from valuation.synthesis import DEFAULT_WEIGHTS, IpoPricing, MethodRange, ValueRange, synthesise
from valuation.wacc import WaccBuildUp, relever_beta, unlever_beta, wacc_build_up

TEN_YEAR_BOND_YIELD = "FCMYGBAG10D"
# The beta is the peers' median: with fewer than three it is one or two companies' beta.
MINIMUM_PEERS_WITH_BETA = 3


@dataclass(frozen=True, slots=True)
class Assumptions:
    risk_free_rate: float | None = None  # None: the latest RBA 10-year government bond yield
    market_risk_premium: float = 0.06
    tax_rate: float = 0.30
    terminal_growth: float = 0.025
    ipo_discount: float = 0.15
    target_debt_to_equity: float | None = None  # None: the peers' median
    credit_spread: float = 0.025
    market_stress: float | None = None  # 0-1; None: scored neutrally
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))


@dataclass(frozen=True, slots=True)
class Peer:
    ticker: str
    multiples: TradingMultiples
    levered_beta: float | None  # None where the source publishes no beta
    debt_to_equity: float  # net debt / market capitalisation, 0 for net cash
    revenue_cagr: float | None


@dataclass(frozen=True, slots=True)
class Transaction:
    target: str
    ev_to_ebitda: float | None
    control_premium: float | None


@dataclass(frozen=True, slots=True)
class ValuationInputs:
    company_name: str
    history: Sequence[FinancialPeriod]  # oldest first
    forecast: Sequence[FinancialPeriod]  # may be empty: then projected from history
    net_debt: float
    lease_liabilities: float
    ebitda_post_aasb16: bool
    pre_offer_shares: float
    primary_raise: float
    assumptions: Assumptions = field(default_factory=Assumptions)


@dataclass(frozen=True, slots=True)
class ValuationResult:
    pricing: IpoPricing
    wacc: WaccBuildUp
    dcf: DcfValue
    cash_flows: tuple[float, ...]
    sensitivity_rates: tuple[float, ...]
    sensitivity_growths: tuple[float, ...]
    sensitivity: tuple[tuple[float, ...], ...]  # enterprise values, rows rates, columns growths
    monte_carlo: MonteCarloResult
    comparables: ComparablesSummary
    transactions: MultipleStatistics
    median_control_premium: float | None
    risk: RiskAssessment
    growth: GrowthProfile
    economy: EconomicContext
    input_warnings: tuple[InputWarning, ...]  # implausible inputs; their messages lead `warnings`
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
    latest = inputs.history[-1]
    risk_free = a.risk_free_rate if a.risk_free_rate is not None else _risk_free(rate_series)
    comps = peer_multiples_summary([(p.ticker, p.multiples) for p in peers])
    deals = multiple_statistics("ev_to_ebitda", [(t.target, t.ev_to_ebitda) for t in transactions])
    # Forward multiples where a forecast exists: peers' multiples apply to next year's EBITDA.
    ebitda = inputs.forecast[0].ebitda if inputs.forecast else latest.ebitda
    revenue = [p.revenue for p in inputs.history]
    comps_value = implied_values(comps.ev_to_ebitda, ebitda)
    risk = risk_score(
        # Size before any price exists: the equity value the peers' median multiple implies.
        market_cap=(
            comps_value.mid - inputs.net_debt
            if comps_value is not None and comps_value.mid > inputs.net_debt
            else None
        ),
        net_debt_to_ebitda=inputs.net_debt / latest.ebitda if latest.ebitda > 0 else None,
        ebitda_margin=latest.ebitda / latest.revenue if latest.revenue > 0 else None,
        earnings_volatility=coefficient_of_variation([p.ebitda for p in inputs.history]),
        revenue_growth=cagr(revenue[0], revenue[-1], len(revenue) - 1)
        if len(revenue) > 1
        else None,
        market_stress=a.market_stress,
    )
    wacc = _wacc(peers, a, risk_free, risk.company_specific_premium)
    cash_flows = _cash_flows(inputs, a.tax_rate)
    dcf = discount_cash_flows(cash_flows, wacc.wacc, a.terminal_growth)
    simulation = simulate_enterprise_value(cash_flows, wacc.wacc, a.terminal_growth)
    rates = tuple(round(wacc.wacc + step, 6) for step in (-0.02, -0.01, 0.0, 0.01, 0.02))
    growths = tuple(
        round(a.terminal_growth + step, 6) for step in (-0.01, -0.005, 0.0, 0.005, 0.01)
    )
    grid = dcf_sensitivity_grid(cash_flows, rates, growths)
    methods = [
        MethodRange(
            "dcf",
            ValueRange(simulation.p10, simulation.p50, simulation.p90),
            a.weights.get("dcf", 0.0),
        )
    ]
    for name, stats in (
        ("trading_comparables", comps.ev_to_ebitda),
        ("precedent_transactions", deals),
    ):
        implied = implied_values(stats, ebitda)
        if implied is not None:
            methods.append(MethodRange(name, implied, a.weights.get(name, 0.0)))
    pricing = synthesise(
        methods,
        net_debt=inputs.net_debt,
        lease_liabilities=inputs.lease_liabilities,
        ebitda_post_aasb16=inputs.ebitda_post_aasb16,
        pre_offer_shares=inputs.pre_offer_shares,
        primary_raise=inputs.primary_raise,
        ipo_discount=a.ipo_discount,
        subject_ebitda=latest.ebitda,
        peer_median_ev_to_ebitda=comps.ev_to_ebitda.median,
    )
    _check_figures(pricing, wacc)
    premiums = [t.control_premium for t in transactions if t.control_premium is not None]
    implausible = input_warnings(inputs)
    return ValuationResult(
        pricing=pricing,
        wacc=wacc,
        dcf=dcf,
        cash_flows=tuple(float(c) for c in cash_flows),
        sensitivity_rates=rates,
        sensitivity_growths=growths,
        sensitivity=tuple(tuple(float(v) for v in row) for row in grid),
        monte_carlo=simulation,
        comparables=comps,
        transactions=deals,
        median_control_premium=statistics.median(premiums) if premiums else None,
        risk=risk,
        growth=growth_profile(
            revenue,
            [p.revenue for p in inputs.forecast] or None,
            [p.revenue_cagr for p in peers if p.revenue_cagr is not None],
        ),
        economy=economic_context(rate_series),
        input_warnings=implausible,
        warnings=(
            *(w.message for w in implausible),
            *wacc.warnings,
            *dcf.warnings,
            *pricing.warnings,
        ),
    )


def _check_figures(pricing: IpoPricing, wacc: WaccBuildUp) -> None:
    """Refuse a result that cannot be reported: figures that overflowed, or an equity value that
    is not positive (it would price the shares at nothing or less)."""
    ranges = [pricing.enterprise_value, pricing.equity_value, pricing.price_per_share]
    ranges += [m.value for m in pricing.methods]
    figures = [v for r in ranges for v in (r.low, r.mid, r.high)]
    figures += [pricing.new_shares, pricing.post_money_market_cap, wacc.wacc]
    if not all(math.isfinite(v) for v in figures):
        raise ValuationInputError(
            "The figures overflow: check the magnitudes of the inputs (amounts in A$, shares as "
            "a count)."
        )
    equity, enterprise = pricing.equity_value, pricing.enterprise_value
    if equity.low <= 0:
        debt_like = enterprise.low - equity.low
        raise ValuationInputError(
            f"The equity value is not positive: net debt and leases of {aud(debt_like)} exceed "
            f"the low enterprise value of {aud(enterprise.low)} by {aud(-equity.low)} (mid "
            f"equity value {aud(equity.mid)}). Check net debt and lease liabilities (in A$, "
            "not thousands)."
        )


def _risk_free(rate_series: Mapping[str, RateSeries]) -> float:
    series = rate_series.get(TEN_YEAR_BOND_YIELD)
    if series is None or series.latest is None:
        raise ValuationInputError(
            "No risk-free rate: the RBA 10-year bond yield is unavailable; give riskFreeRate."
        )
    return series.latest.value


def _wacc(peers: Sequence[Peer], a: Assumptions, risk_free: float, premium: float) -> WaccBuildUp:
    with_beta = [p for p in peers if p.levered_beta is not None]
    if len(with_beta) < MINIMUM_PEERS_WITH_BETA:
        raise ValuationInputError(
            f"{len(with_beta)} of {len(peers)} peers have a beta; the beta is the peers' median "
            f"and needs at least {MINIMUM_PEERS_WITH_BETA}."
        )
    unlevered = statistics.median(
        unlever_beta(p.levered_beta, max(p.debt_to_equity, 0.0), a.tax_rate)
        for p in with_beta
        if p.levered_beta is not None
    )
    gearing = (
        a.target_debt_to_equity
        if a.target_debt_to_equity is not None
        else statistics.median(max(p.debt_to_equity, 0.0) for p in peers)
    )
    return wacc_build_up(
        risk_free,
        a.market_risk_premium,
        a.tax_rate,
        levered_beta=relever_beta(unlevered, gearing, a.tax_rate),
        debt_to_equity=gearing,
        credit_spread=a.credit_spread,
        company_specific_premium=premium,
    )


def _cash_flows(inputs: ValuationInputs, tax_rate: float) -> np.ndarray:
    if inputs.forecast:
        f = inputs.forecast
        return np.asarray(
            free_cash_flow_to_firm(
                np.array([p.ebit for p in f]),
                tax_rate,
                np.array([p.depreciation_and_amortisation for p in f]),
                np.array([p.capital_expenditure for p in f]),
                np.array([p.change_in_working_capital for p in f]),
            ),
            dtype=np.float64,
        )
    return np.asarray(project_cash_flows(inputs.history, tax_rate).free_cash_flow)
