"""A completed valuation's result: the football field, the valuation and offer ranges, the peers
with what each contributed, the ASX admission checks and the warnings. Indicative pricing support
for the board and lead manager, never an independent expert's report (a regulated document in
Australia)."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from accounts.tiers import Feature
from contracts.valuation_result import StoredMethod, StoredRange, StoredResult
from schema.permissions import requires
from schema.types.admission import AdmissionCheck
from schema.types.valuation_evidence import (
    DataSourceUse,
    DocumentSourceUse,
    PrecedentTransaction,
    ValuationPeer,
)
from schema.types.valuation_inputs import MetricPeriod, ValuationMethod


@strawberry.type(description="A low / mid / high range.")
class Range:
    low: float = strawberry.field(description="Low end.")
    mid: float = strawberry.field(description="Middle.")
    high: float = strawberry.field(description="High end.")

    @classmethod
    def of(cls, value: StoredRange) -> Range:
        return cls(low=value.low, mid=value.mid, high=value.high)


@strawberry.type(description="One bar of the football field: a method, what it was applied to.")
class MethodResult:
    method: ValuationMethod = strawberry.field(description="The method.")
    period: MetricPeriod | None = strawberry.field(
        description="The subject's period the multiple applied to; null for the DCF."
    )
    low: float = strawberry.field(description="Low enterprise value, AUD.")
    mid: float = strawberry.field(description="Mid enterprise value, AUD.")
    high: float = strawberry.field(description="High enterprise value, AUD.")
    equity_value: Range | None = strawberry.field(description="Pre-money equity value, AUD.")
    per_share: Range | None = strawberry.field(
        description="Per pre-offer share after the IPO discount, AUD: the bar as drawn."
    )
    weight: float = strawberry.field(description="Weight in the synthesis.")
    multiple_low: float | None = strawberry.field(description="The multiple (or yield) at low.")
    multiple_mid: float | None = strawberry.field(description="At mid.")
    multiple_high: float | None = strawberry.field(description="At high.")
    basis: str = strawberry.field(description="What was applied to what, in one sentence.")

    @classmethod
    def of(cls, m: StoredMethod) -> MethodResult:
        return cls(
            method=ValuationMethod(m.method),
            period=MetricPeriod(m.period) if m.period else None,
            low=m.value.low,
            mid=m.value.mid,
            high=m.value.high,
            equity_value=Range.of(m.equity_value) if m.equity_value else None,
            per_share=Range.of(m.per_share) if m.per_share else None,
            weight=m.weight,
            multiple_low=m.multiple_low,
            multiple_mid=m.multiple_mid,
            multiple_high=m.multiple_high,
            basis=m.basis,
        )


@strawberry.type(description="A warning with a stable code.")
class ValuationWarning:
    code: str = strawberry.field(description="Stable code; the README lists them.")
    message: str = strawberry.field(description="What to look at, with the figures.")


@strawberry.type(
    description="Indicative pricing support for the board and lead manager; not an independent "
    "expert's report."
)
class ValuationResult:
    price_range: Range = strawberry.field(
        description="The indicative offer range per share, AUD: centred on valuationRange.mid, "
        "at most +/- offerRangeWidth, inside the valuation range."
    )
    valuation_range: Range = strawberry.field(
        description="The weighted football field per pre-offer share after the IPO discount, AUD."
    )
    ipo_discount: float | None = strawberry.field(description="The discount to pre-money equity.")
    effective_discount: float | None = strawberry.field(
        description="The mid offer price's discount to the post-listing value per share."
    )
    offer_range_width: float | None = strawberry.field(description="The offer range's limit.")
    sector: str | None = strawberry.field(
        description="The sector model behind the default methods: BANK, INSURER, REIT, GENERAL."
    )
    enterprise_value: Range = strawberry.field(description="Weighted enterprise value, AUD.")
    equity_value: Range = strawberry.field(description="Pre-money equity value, AUD.")
    target_multiple: float | None = strawberry.field(
        description="EV/EBITDA implied at the mid offer price."
    )
    peer_median_ev_to_ebitda: float | None = strawberry.field(
        description="The peers' median LTM EV/EBITDA, over the peers not excluded from it."
    )
    wacc: float = strawberry.field(description="The discount rate used.")
    methods: list[MethodResult] = strawberry.field(description="The football field.")
    peers: list[ValuationPeer] = strawberry.field(
        description="The ASX peers used, with the multiples and betas taken from them and what "
        "each was excluded from."
    )
    custom_peers: list[ValuationPeer] = strawberry.field(
        description="The comparables the caller supplied (provenance CALLER)."
    )
    precedent_transactions: list[PrecedentTransaction] = strawberry.field(
        description="The peers' M&A transactions behind the precedent-transactions method."
    )
    admission_checks: list[AdmissionCheck] = strawberry.field(
        description="ASX admission tests against the listing rules, each with its inputs."
    )
    sources: list[DataSourceUse] = strawberry.field(
        description="Every piece of provider data the valuation used, with its provenance."
    )
    document_sources: list[DocumentSourceUse] = strawberry.field(
        description="Every figure taken from the organisation's documents (createValuation's "
        "documentIds), with its document and page; empty when none was used."
    )
    warnings: list[str] = strawberry.field(description="What to look at before relying on this.")
    warning_details: list[ValuationWarning] = strawberry.field(
        description="The same warnings with their stable codes."
    )
    details: JSON | None = strawberry.field(
        description="Every figure of the valuation: WACC build-up, DCF, sensitivity grid, Monte "
        "Carlo percentiles, comparables statistics, risk factors, growth, economic context. "
        "Needs the advanced analytics feature (null with FEATURE_NOT_IN_TIER otherwise).",
        permission_classes=[requires(Feature.ADVANCED_ANALYTICS)],
    )

    @classmethod
    def from_stored(cls, stored: StoredResult, raw: dict[str, Any]) -> ValuationResult:
        pricing = stored.pricing
        return cls(
            price_range=Range.of(pricing.price_per_share),
            valuation_range=Range.of(pricing.valuation_range or pricing.price_per_share),
            ipo_discount=pricing.ipo_discount,
            effective_discount=pricing.effective_discount,
            offer_range_width=pricing.offer_range_width,
            sector=stored.sector,
            enterprise_value=Range.of(pricing.enterprise_value),
            equity_value=Range.of(pricing.equity_value),
            target_multiple=pricing.implied_ev_to_ebitda,
            peer_median_ev_to_ebitda=pricing.peer_median_ev_to_ebitda,
            wacc=stored.wacc.wacc,
            methods=[MethodResult.of(m) for m in pricing.methods],
            peers=[ValuationPeer.from_peer(p, stored.exclusions_of(p)) for p in stored.peers],
            custom_peers=[
                ValuationPeer.from_peer(p, stored.exclusions_of(p)) for p in stored.custom_peers
            ],
            precedent_transactions=[
                PrecedentTransaction.from_transaction(t) for t in stored.precedent_transactions
            ],
            admission_checks=[AdmissionCheck.from_stored(c) for c in stored.admission],
            sources=[DataSourceUse.from_use(s) for s in stored.sources],
            document_sources=[DocumentSourceUse.from_use(u) for u in stored.document_sources],
            warnings=stored.warnings,
            warning_details=[
                ValuationWarning(code=n.code, message=n.message) for n in stored.notices
            ],
            details=cast(JSON, raw),  # every figure, as stored
        )
