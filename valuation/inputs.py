"""What one valuation takes: the company, its assumptions, and the peers and deals it is compared
with. Money in AUD, rates as decimal fractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from providers.models import FinancialPeriod
from valuation.method_set import MethodChoice
from valuation.multiples import TradingMultiples


@dataclass(frozen=True, slots=True)
class Assumptions:
    risk_free_rate: float | None = None  # None: the latest RBA 10-year government bond yield
    market_risk_premium: float = 0.06
    tax_rate: float = 0.30
    terminal_growth: float = 0.025
    ipo_discount: float = 0.15
    target_debt_to_equity: float | None = None  # None: the peers' median
    credit_spread: float = 0.025
    methods: tuple[MethodChoice, ...] | None = None  # None: the sector model's defaults
    offer_range_width: float = 0.10  # the offer range is at most +/- this around the mid
    mid_year_convention: bool = True
    return_on_new_invested_capital: float | None = None  # None: the WACC
    imputation_gamma: float | None = None  # None: imputation credits not valued
    payout_ratio: float | None = None  # dividends as a share of NPAT where none are given
    dividend_yield_basis: str = "CASH"  # or "GROSSED_UP": the basis of a caller's yield range


@dataclass(frozen=True, slots=True)
class Peer:
    ticker: str  # an ASX code, or a caller's peer's name
    multiples: TradingMultiples
    levered_beta: float | None  # None where the source publishes no beta
    debt_to_equity: float  # (net debt + lease liabilities) / market cap; net cash counts as 0
    revenue_cagr: float | None
    period: str = "LTM"  # the period its multiples are measured on: LTM, FY1 or FY2
    supplied_by: str = "PROVIDER"  # or "CALLER" for `customPeers`
    country: str | None = None
    currency: str | None = None
    source_note: str | None = None  # where a caller's figures came from, in their words


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
    gics_industry_group: str | None = None  # picks the sector model's default methods
    valuation_date: date | None = None  # None: the last historical fiscal year end
    lease_payments: float | None = None  # annual lease expense, to restate EBITDA after AASB 16
    book_equity: float | None = None  # at the latest balance date
    net_tangible_assets: float | None = None  # at the latest balance date, before the offer
    embedded_value: float | None = None  # life insurers, where one is published
    franking_percentage: float = 0.0  # of the dividends, 0-1
    custom_peers: tuple[Peer, ...] = ()
    expected_holders: int | None = None  # for the ASX spread test
    free_float: float | None = None  # after the offer, 0-1
    offer_costs: float | None = None  # deducted from NTA for the ASX assets test
