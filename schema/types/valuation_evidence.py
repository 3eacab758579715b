"""What a valuation result rests on: its peers, the precedent transactions and the data sources,
read from the stored result so that every figure can be traced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import strawberry

from contracts.document_figures import DocumentFigureUse
from contracts.valuation_evidence import SourceUse
from contracts.valuation_result import StoredExclusion
from providers.models import Transaction
from schema.enums import DataSource
from schema.ids import encode_id
from valuation.inputs import Peer


@strawberry.type(description="A statistic a peer was left out of, and why.")
class PeerExclusion:
    method: str = strawberry.field(description="The method, e.g. EV_TO_EBITDA.")
    period: str = strawberry.field(description="The period of the multiple: LTM, FY1 or FY2.")
    reason: str = strawberry.field(
        description="Missing, not positive, an outlier by Tukey's rule, or a lease basis that "
        "cannot be restated."
    )


@strawberry.type(description="A peer the valuation used, with the figures taken from it.")
class ValuationPeer:
    ticker: str = strawberry.field(description="ASX code, or the name of a caller's peer.")
    supplied_by: str = strawberry.field(
        description="PROVIDER (an upstream's figures) or CALLER (customPeers)."
    )
    period: str = strawberry.field(description="The period its multiples are measured on.")
    ev_to_ebitda: float | None = strawberry.field(
        description="EV/EBITDA, EV including lease liabilities (post-AASB 16)."
    )
    ev_to_ebit: float | None = strawberry.field(description="EV/EBIT.")
    ev_to_revenue: float | None = strawberry.field(description="EV/revenue.")
    price_to_earnings: float | None = strawberry.field(description="P/E.")
    price_to_book: float | None = strawberry.field(description="P/B.")
    price_to_nta: float | None = strawberry.field(description="Price to NTA.")
    dividend_yield: float | None = strawberry.field(description="Cash dividend yield.")
    return_on_equity: float | None = strawberry.field(description="NPAT / book equity.")
    levered_beta: float | None = strawberry.field(description="Equity beta as published.")
    debt_to_equity: float = strawberry.field(
        description="(Net debt + lease liabilities) / market capitalisation (net cash counts as "
        "0): the debt its beta is unlevered with."
    )
    revenue_cagr: float | None = strawberry.field(description="Historical revenue CAGR.")
    country: str | None = strawberry.field(description="A caller's peer's country.")
    currency: str | None = strawberry.field(description="A caller's peer's currency.")
    source: str | None = strawberry.field(description="Where a caller's peer's figures came from.")
    excluded: bool = strawberry.field(
        description="Whether it was left out of any statistic the valuation used; `exclusions` "
        "says which and why."
    )
    reason: str | None = strawberry.field(description="The reasons, joined; null if none.")
    exclusions: list[PeerExclusion] = strawberry.field(description="Each statistic left out of.")

    @classmethod
    def from_peer(cls, peer: Peer, exclusions: Sequence[StoredExclusion] = ()) -> ValuationPeer:
        multiples = peer.multiples
        shown = [
            PeerExclusion(method=e.method, period=e.period, reason=e.reason) for e in exclusions
        ]
        return cls(
            ticker=peer.ticker,
            supplied_by=peer.supplied_by,
            period=peer.period,
            ev_to_ebitda=multiples.ev_to_ebitda,
            ev_to_ebit=multiples.ev_to_ebit,
            ev_to_revenue=multiples.ev_to_revenue,
            price_to_earnings=multiples.price_to_earnings,
            price_to_book=multiples.price_to_book,
            price_to_nta=multiples.price_to_nta,
            dividend_yield=multiples.dividend_yield,
            return_on_equity=multiples.return_on_equity,
            levered_beta=peer.levered_beta,
            debt_to_equity=peer.debt_to_equity,
            revenue_cagr=peer.revenue_cagr,
            country=peer.country,
            currency=peer.currency,
            source=peer.source_note,
            excluded=bool(shown),
            reason="; ".join(f"{e.method} {e.period}: {e.reason}" for e in shown) or None,
            exclusions=shown,
        )


@strawberry.type(
    description="An M&A transaction of a peer, on a control basis (its multiple includes the "
    "premium paid for control)."
)
class PrecedentTransaction:
    id: str = strawberry.field(description="The upstream's transaction identifier.")
    target: str = strawberry.field(description="The company acquired.")
    acquirer: str = strawberry.field(description="The buyer.")
    announced_on: date = strawberry.field(description="Announcement date.")
    enterprise_value: float | None = strawberry.field(description="Implied EV, AUD.")
    ev_to_ebitda: float | None = strawberry.field(description="Implied EV/EBITDA.")
    ev_to_revenue: float | None = strawberry.field(description="Implied EV/revenue.")
    control_premium: float | None = strawberry.field(
        description="Premium over the undisturbed share price, a decimal fraction."
    )
    status: str = strawberry.field(description="The deal's status as the upstream reports it.")
    synthetic: bool = strawberry.field(description="True for sample-dataset deals.")

    @classmethod
    def from_transaction(cls, deal: Transaction) -> PrecedentTransaction:
        return cls(
            id=deal.id,
            target=deal.target,
            acquirer=deal.acquirer,
            announced_on=deal.announced_on,
            enterprise_value=deal.enterprise_value,
            ev_to_ebitda=deal.ev_to_ebitda,
            ev_to_revenue=deal.ev_to_revenue,
            control_premium=deal.control_premium,
            status=deal.status,
            synthetic=deal.provenance.synthetic,
        )


@strawberry.type(description="One piece of provider data a valuation used, and where it came from.")
class DataSourceUse:
    subject: str = strawberry.field(
        description='What the data is, e.g. "BHP market data" or an RBA series id.'
    )
    source: DataSource = strawberry.field(description="The upstream.")
    as_of: date = strawberry.field(description="The date the data describes or was published.")
    synthetic: bool = strawberry.field(description="True for generated sample-dataset figures.")
    stale: bool = strawberry.field(
        description="True when a cached value was used past its freshness window."
    )

    @classmethod
    def from_use(cls, use: SourceUse) -> DataSourceUse:
        return cls(
            subject=use.subject,
            source=DataSource(use.source),
            as_of=use.as_of,
            synthetic=use.synthetic,
            stale=use.stale,
        )


@strawberry.type(
    description="A figure the valuation took from one of the organisation's documents."
)
class DocumentSourceUse:
    document_id: strawberry.ID = strawberry.field(description="The document.")
    fiscal_year_end: date = strawberry.field(description="The period.")
    field: str = strawberry.field(
        description="The figure, as createValuation names it in snake case (e.g. revenue, cash)."
    )
    value: float = strawberry.field(description="The value used, AUD.")
    page: int | None = strawberry.field(description="The page (a workbook's sheet) it was read on.")
    label: str | None = strawberry.field(description="The statement line's label as printed.")
    corrected: bool = strawberry.field(description="True when a correction set it.")
    provenance: str = strawberry.field(description='"document:<id> p.<page>".')

    @classmethod
    def from_use(cls, use: DocumentFigureUse) -> DocumentSourceUse:
        opaque = encode_id("Document", use.document_id)
        return cls(
            document_id=strawberry.ID(opaque),
            fiscal_year_end=use.fiscal_year_end,
            field=use.field,
            value=use.value,
            page=use.page,
            label=use.label,
            corrected=use.corrected,
            provenance=f"document:{opaque}" + (f" p.{use.page}" if use.page is not None else ""),
        )
