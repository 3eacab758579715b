"""A valuation job's input as the API stores it and the worker reads it.

Stored as JSON on the job's row; its SHA-256 (`digest`) guards the idempotency key, so the stored
form must stay stable: a field added here changes the digest of every new job, never of stored ones.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from contracts.document_figures import DocumentFigureUse
from providers.models import FinancialPeriod
from valuation.inputs import Assumptions, Peer, ValuationInputs
from valuation.method_set import MethodChoice, MetricPeriod, ValuationMethod
from valuation.multiples import TradingMultiples

ASX_TIME_ZONE = ZoneInfo("Australia/Sydney")


def listing_day(moment: datetime) -> date:
    """The calendar day in Sydney, the ASX's time zone: a job asked for on an Australian morning
    values at that day, not at the UTC date before it."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ASX_TIME_ZONE).date()


class StoredPeriod(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fiscal_year_end: date
    revenue: float
    ebitda: float
    ebit: float
    net_income: float
    depreciation_and_amortisation: float
    capital_expenditure: float
    change_in_working_capital: float
    dividends: float | None = None

    def to_engine(self) -> FinancialPeriod:
        # Net debt and leases are the company's, not the year's: the engine takes them whole.
        return FinancialPeriod(**self.model_dump(), net_debt=0.0, lease_liabilities=0.0)


class StoredMethod(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    method: ValuationMethod
    weight: float
    period: MetricPeriod = MetricPeriod.FY1
    multiple_range: tuple[float, float] | None = None

    def to_engine(self) -> MethodChoice:
        return MethodChoice(self.method, self.weight, self.period, self.multiple_range)


class StoredCustomPeer(BaseModel):
    """A comparable the caller supplies (an international peer, say), with its own figures."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    country: str | None = None
    currency: str | None = None
    period: MetricPeriod = MetricPeriod.LTM
    post_aasb16: bool = True
    ev_to_ebitda: float | None = None
    ev_to_ebit: float | None = None
    price_to_earnings: float | None = None
    dividend_yield: float | None = None
    price_to_book: float | None = None
    levered_beta: float | None = None
    debt_to_equity: float | None = None
    source: str | None = None

    def to_engine(self) -> Peer:
        multiples = TradingMultiples(
            ev_to_ebitda=self.ev_to_ebitda,
            ev_to_revenue=None,
            ev_to_ebit=self.ev_to_ebit,
            price_to_earnings=self.price_to_earnings,
            fiscal_year_end=None,
            price_to_book=self.price_to_book,
            dividend_yield=self.dividend_yield,
            post_aasb16=self.post_aasb16,
        )
        return Peer(
            ticker=self.name,
            multiples=multiples,
            # A beta without its gearing cannot be unlevered on our debt definition.
            levered_beta=self.levered_beta if self.debt_to_equity is not None else None,
            debt_to_equity=self.debt_to_equity or 0.0,
            revenue_cagr=None,
            period=self.period.value,
            supplied_by="CALLER",
            country=self.country,
            currency=self.currency,
            source_note=self.source,
        )


class StoredAssumptions(BaseModel):
    """Only what the caller set; the engine's defaults fill in the rest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    risk_free_rate: float | None = None
    market_risk_premium: float | None = None
    tax_rate: float | None = None
    terminal_growth: float | None = None
    ipo_discount: float | None = None
    target_debt_to_equity: float | None = None
    credit_spread: float | None = None
    methods: list[StoredMethod] | None = None
    offer_range_width: float | None = None
    mid_year_convention: bool | None = None
    return_on_new_invested_capital: float | None = None
    imputation_gamma: float | None = None
    payout_ratio: float | None = None
    dividend_yield_basis: str | None = None

    def to_engine(self) -> Assumptions:
        given: dict[str, Any] = {
            k: v for k, v in self.model_dump(exclude={"methods"}).items() if v is not None
        }
        if self.methods is not None:
            given["methods"] = tuple(m.to_engine() for m in self.methods)
        return Assumptions(**given)


class StoredValuation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company_name: str
    history: list[StoredPeriod]
    forecast: list[StoredPeriod] = []
    net_debt: float
    lease_liabilities: float = 0.0
    ebitda_post_aasb16: bool = True
    pre_offer_shares: float
    primary_raise: float
    assumptions: StoredAssumptions = StoredAssumptions()
    # Added later: None (left out of the stored JSON) keeps the digests of older inputs.
    valuation_date: date | None = None
    lease_payments: float | None = None
    book_equity: float | None = None
    net_tangible_assets: float | None = None
    embedded_value: float | None = None
    franking_percentage: float | None = None
    custom_peers: list[StoredCustomPeer] | None = None
    expected_holders: int | None = None
    free_float: float | None = None
    offer_costs: float | None = None

    def to_engine(
        self, gics_industry_group: str | None = None, created_on: date | None = None
    ) -> ValuationInputs:
        """The engine's inputs; without a valuation date, the day the job was created (so a
        re-run values at the same date), else the last historical year end."""
        return ValuationInputs(
            company_name=self.company_name,
            history=[p.to_engine() for p in self.history],
            forecast=[p.to_engine() for p in self.forecast],
            net_debt=self.net_debt,
            lease_liabilities=self.lease_liabilities,
            ebitda_post_aasb16=self.ebitda_post_aasb16,
            pre_offer_shares=self.pre_offer_shares,
            primary_raise=self.primary_raise,
            assumptions=self.assumptions.to_engine(),
            gics_industry_group=gics_industry_group,
            valuation_date=self.valuation_date or created_on,
            lease_payments=self.lease_payments,
            book_equity=self.book_equity,
            net_tangible_assets=self.net_tangible_assets,
            embedded_value=self.embedded_value,
            franking_percentage=self.franking_percentage or 0.0,
            custom_peers=tuple(p.to_engine() for p in self.custom_peers or ()),
            expected_holders=self.expected_holders,
            free_float=self.free_float,
            offer_costs=self.offer_costs,
        )


class ValuationJobInput(BaseModel):
    """What a valuation job values: the company, and how its peers are chosen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gics_industry_group: str  # the ASX label, e.g. "Software & Services"
    peers: list[str] = []  # named peers (upper case), or none: chosen from the industry group
    exclude_peers: list[str] = []
    valuation: StoredValuation
    # The figures taken from uploaded documents, with their provenance (contracts/
    # document_figures.py); None, and left out of the stored JSON, when no document was used.
    document_figures: list[DocumentFigureUse] | None = None

    def to_engine(self, created_on: date | None = None) -> ValuationInputs:
        return self.valuation.to_engine(self.gics_industry_group, created_on)

    def valuation_day(self, created_at: datetime) -> date:
        """The date it values at: its own, else the Sydney day its job was created."""
        return self.valuation.valuation_date or listing_day(created_at)

    def stored(self) -> dict[str, Any]:
        """The JSON stored on the job's row; fields left unset are left out, so that a field
        added later does not change the digest of inputs that do not use it."""
        return self.model_dump(mode="json", exclude_none=True)

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.stored(), sort_keys=True).encode()).hexdigest()
