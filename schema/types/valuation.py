"""Valuation jobs and their results: indicative pricing support for the board and lead manager,
never an independent expert's report (a regulated document in Australia)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from accounts.tiers import Feature
from contracts.valuation_job import JobStage, JobStatus
from contracts.valuation_result import StoredRange, StoredResult
from models.valuation import ValuationJob as ValuationJobRow
from schema.enums import GicsIndustryGroup
from schema.ids import encode_id
from schema.permissions import requires
from schema.types.valuation_evidence import DataSourceUse, PrecedentTransaction, ValuationPeer


@strawberry.enum(description="Where a valuation job is in its life.")
class ValuationStatus(Enum):
    QUEUED = strawberry.enum_value(JobStatus.QUEUED.value, description="Waiting for a worker.")
    RUNNING = strawberry.enum_value(JobStatus.RUNNING.value, description="A worker is valuing.")
    COMPLETED = strawberry.enum_value(JobStatus.COMPLETED.value, description="The result is ready.")
    FAILED = strawberry.enum_value(JobStatus.FAILED.value, description="See `error`.")
    CANCELLED = strawberry.enum_value(JobStatus.CANCELLED.value, description="Cancelled.")


@strawberry.enum(description="The step a valuation job is at; each has its own per cent done.")
class ValuationStage(Enum):
    QUEUED = strawberry.enum_value(JobStage.QUEUED.value, description="Waiting for a worker.")
    GATHERING_DATA = strawberry.enum_value(
        JobStage.GATHERING.value, description="Reading peers, transactions and RBA series."
    )
    VALUING = strawberry.enum_value(JobStage.VALUING.value, description="The engine is running.")
    RETRYING = strawberry.enum_value(
        JobStage.RETRYING.value, description="Back in the queue after an upstream failure."
    )
    DONE = strawberry.enum_value(JobStage.DONE.value, description="Completed.")
    FAILED = strawberry.enum_value(JobStage.FAILED.value, description="Failed; see `error`.")
    CANCELLED = strawberry.enum_value(JobStage.CANCELLED.value, description="Cancelled.")


@strawberry.input(description="One fiscal year of results, actual or forecast. Money in AUD.")
class FinancialPeriodInput:
    fiscal_year_end: date = strawberry.field(description="Last day of the fiscal year.")
    revenue: float = strawberry.field(description="Revenue.")
    ebitda: float = strawberry.field(description="EBITDA.")
    ebit: float = strawberry.field(description="EBIT.")
    net_income: float = strawberry.field(description="Net profit after tax.")
    depreciation_and_amortisation: float = strawberry.field(description="D&A expense.")
    capital_expenditure: float = strawberry.field(description="Capex, as a positive outflow.")
    change_in_working_capital: float = strawberry.field(
        description="Increase in net working capital (positive = cash absorbed)."
    )


@strawberry.input(description="Assumptions to override; each has a documented default.")
class AssumptionsInput:
    risk_free_rate: float | None = strawberry.field(
        default=None, description="Default: the latest RBA 10-year government bond yield."
    )
    market_risk_premium: float | None = strawberry.field(default=None, description="Default 0.06.")
    tax_rate: float | None = strawberry.field(default=None, description="Default 0.30.")
    terminal_growth: float | None = strawberry.field(default=None, description="Default 0.025.")
    ipo_discount: float | None = strawberry.field(default=None, description="Default 0.15.")
    target_debt_to_equity: float | None = strawberry.field(
        default=None, description="Default: the peers' median net debt / market capitalisation."
    )
    credit_spread: float | None = strawberry.field(default=None, description="Default 0.025.")


@strawberry.input(description="The company to value.")
class ValuationInput:
    company_name: str = strawberry.field(description="Name of the company.")
    gics_industry_group: GicsIndustryGroup = strawberry.field(
        description="Its GICS industry group: peers are chosen from it."
    )
    history: list[FinancialPeriodInput] = strawberry.field(
        description="Historical fiscal years, oldest first (at least one)."
    )
    forecast: list[FinancialPeriodInput] = strawberry.field(
        default_factory=list,
        description="Forecast fiscal years, oldest first; projected from history when empty.",
    )
    net_debt: float = strawberry.field(description="Borrowings less cash, AUD.")
    lease_liabilities: float = strawberry.field(default=0.0, description="AASB 16 leases, AUD.")
    ebitda_post_aasb16: bool = strawberry.field(
        default=True, description="Whether EBITDA is after AASB 16 (leases capitalised)."
    )
    pre_offer_shares: float = strawberry.field(description="Shares on issue before the offer.")
    primary_raise: float = strawberry.field(description="New money raised at the IPO, AUD.")
    peers: list[str] = strawberry.field(
        default_factory=list, description="ASX codes to use as peers instead of choosing them."
    )
    exclude_peers: list[str] = strawberry.field(
        default_factory=list, description="ASX codes never to use as peers."
    )
    assumptions: AssumptionsInput | None = strawberry.field(
        default=None, description="Assumptions to override."
    )


@strawberry.type(description="A low / mid / high range.")
class Range:
    low: float = strawberry.field(description="Low end.")
    mid: float = strawberry.field(description="Middle.")
    high: float = strawberry.field(description="High end.")


@strawberry.type(description="One valuation method's enterprise-value range and its weight.")
class MethodResult:
    method: str = strawberry.field(
        description="dcf, trading_comparables or precedent_transactions."
    )
    low: float = strawberry.field(description="Low enterprise value, AUD.")
    mid: float = strawberry.field(description="Mid enterprise value, AUD.")
    high: float = strawberry.field(description="High enterprise value, AUD.")
    weight: float = strawberry.field(description="Weight in the synthesis.")


@strawberry.type(
    description="Indicative pricing support for the board and lead manager; not an independent "
    "expert's report."
)
class ValuationResult:
    price_range: Range = strawberry.field(description="Offer price per share, AUD.")
    enterprise_value: Range = strawberry.field(description="Weighted enterprise value, AUD.")
    equity_value: Range = strawberry.field(description="Pre-money equity value, AUD.")
    target_multiple: float | None = strawberry.field(
        description="EV/EBITDA implied at the mid offer price."
    )
    peer_median_ev_to_ebitda: float | None = strawberry.field(description="The peers' median.")
    wacc: float = strawberry.field(description="The discount rate used.")
    methods: list[MethodResult] = strawberry.field(description="The football field.")
    peers: list[ValuationPeer] = strawberry.field(
        description="The peers used, with the multiples and betas taken from them."
    )
    precedent_transactions: list[PrecedentTransaction] = strawberry.field(
        description="The peers' M&A transactions behind the precedent-transactions method."
    )
    sources: list[DataSourceUse] = strawberry.field(
        description="Every piece of provider data the valuation used, with its provenance."
    )
    warnings: list[str] = strawberry.field(description="What to look at before relying on this.")
    details: JSON | None = strawberry.field(
        description="Every figure of the valuation: WACC build-up, DCF, sensitivity grid, Monte "
        "Carlo percentiles, comparables statistics, risk factors, growth, economic context. "
        "Needs the advanced analytics feature (null with FEATURE_NOT_IN_TIER otherwise).",
        permission_classes=[requires(Feature.ADVANCED_ANALYTICS)],
    )

    @classmethod
    def from_stored(cls, stored: StoredResult, raw: dict[str, Any]) -> ValuationResult:
        pricing = stored.pricing

        def span(value: StoredRange) -> Range:
            return Range(low=value.low, mid=value.mid, high=value.high)

        return cls(
            price_range=span(pricing.price_per_share),
            enterprise_value=span(pricing.enterprise_value),
            equity_value=span(pricing.equity_value),
            target_multiple=pricing.implied_ev_to_ebitda,
            peer_median_ev_to_ebitda=pricing.peer_median_ev_to_ebitda,
            wacc=stored.wacc.wacc,
            methods=[
                MethodResult(method=m.method, weight=m.weight, **m.value.model_dump())
                for m in pricing.methods
            ],
            peers=[ValuationPeer.from_peer(p) for p in stored.peers],
            precedent_transactions=[
                PrecedentTransaction.from_transaction(t) for t in stored.precedent_transactions
            ],
            sources=[DataSourceUse.from_use(s) for s in stored.sources],
            warnings=stored.warnings,
            details=cast(JSON, raw),  # every figure, as stored
        )


@strawberry.type(
    description="An input that is possible but implausible beside the others (EBITDA above "
    "revenue, a jump of 100x between years, shares that price the company under A$0.001): worth a "
    "second look, but the valuation runs."
)
class ValuationInputWarning:
    field: list[str] = strawberry.field(description="Path of the input field, from `input`.")
    code: str = strawberry.field(
        description="EBITDA_ABOVE_REVENUE, NET_INCOME_ABOVE_REVENUE, YEAR_ON_YEAR_JUMP, "
        "PRICE_BELOW_MINIMUM or DEBT_ABOVE_ESTIMATED_VALUE."
    )
    message: str = strawberry.field(description="What looks wrong, with the figures.")


@strawberry.type(description="Why a job failed.")
class JobError:
    code: str = strawberry.field(description="Stable code.")
    message: str = strawberry.field(description="What went wrong.")


@strawberry.type(description="A valuation job of the caller's organisation.")
class ValuationJob:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    company_name: str = strawberry.field(description="The company valued.")
    status: ValuationStatus = strawberry.field(description="QUEUED, RUNNING, COMPLETED, ...")
    stage: ValuationStage = strawberry.field(description="The stage the job is in.")
    progress: int = strawberry.field(description="Per cent done.")
    created_at: datetime = strawberry.field(description="When it was asked for.")
    started_at: datetime | None = strawberry.field(description="When a worker started it.")
    completed_at: datetime | None = strawberry.field(description="When it finished.")
    attempts: int = strawberry.field(description="Times a worker started it.")
    error: JobError | None = strawberry.field(description="Why it failed, if it did.")
    # The stored JSON, read into types only when a query selects `result`: a page of jobs asked
    # for `{ id status }` should not parse a hundred results (about 0.2 ms each).
    stored_result: strawberry.Private[dict[str, Any] | None]

    @strawberry.field(description="The result, once completed.")
    def result(self) -> ValuationResult | None:
        if self.stored_result is None:
            return None
        stored = StoredResult.model_validate(self.stored_result)
        return ValuationResult.from_stored(stored, self.stored_result)

    @classmethod
    def from_row(cls, row: ValuationJobRow) -> ValuationJob:
        return cls(
            id=strawberry.ID(encode_id("ValuationJob", row.id)),
            company_name=row.company_name,
            status=ValuationStatus(row.status),
            stage=ValuationStage(row.stage),
            progress=row.progress,
            created_at=row.created_at,
            started_at=row.started_at,
            completed_at=row.completed_at,
            attempts=row.attempts,
            error=JobError(code=row.error_code, message=row.error_message or "")
            if row.error_code
            else None,
            stored_result=row.result or None,
        )
