"""What a valuation result rests on: its peers, the precedent transactions and the data sources,
read from the stored result so that every figure can be traced."""

from __future__ import annotations

from datetime import date

import strawberry

from contracts.valuation_evidence import SourceUse
from providers.models import Transaction
from schema.enums import DataSource
from valuation.engine import Peer


@strawberry.type(description="A peer the valuation used, with the figures taken from it.")
class ValuationPeer:
    ticker: str = strawberry.field(description="ASX code.")
    ev_to_ebitda: float | None = strawberry.field(description="Trailing EV/EBITDA.")
    ev_to_ebit: float | None = strawberry.field(description="Trailing EV/EBIT.")
    ev_to_revenue: float | None = strawberry.field(description="Trailing EV/revenue.")
    price_to_earnings: float | None = strawberry.field(description="Trailing P/E.")
    levered_beta: float | None = strawberry.field(description="Equity beta as published.")
    debt_to_equity: float = strawberry.field(
        description="Net debt / market capitalisation (0 for net cash), used to unlever the beta."
    )
    revenue_cagr: float | None = strawberry.field(description="Historical revenue CAGR.")

    @classmethod
    def from_peer(cls, peer: Peer) -> ValuationPeer:
        multiples = peer.multiples
        return cls(
            ticker=peer.ticker,
            ev_to_ebitda=multiples.ev_to_ebitda,
            ev_to_ebit=multiples.ev_to_ebit,
            ev_to_revenue=multiples.ev_to_revenue,
            price_to_earnings=multiples.price_to_earnings,
            levered_beta=peer.levered_beta,
            debt_to_equity=peer.debt_to_equity,
            revenue_cagr=peer.revenue_cagr,
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
