"""What a valuation result rests on: its peers, the precedent transactions and the data sources,
read from the stored result so that every figure can be traced."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry


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
    def from_json(cls, data: dict[str, Any]) -> ValuationPeer:
        multiples = data["multiples"]
        return cls(
            ticker=data["ticker"],
            ev_to_ebitda=multiples["ev_to_ebitda"],
            ev_to_ebit=multiples["ev_to_ebit"],
            ev_to_revenue=multiples["ev_to_revenue"],
            price_to_earnings=multiples["price_to_earnings"],
            levered_beta=data["levered_beta"],
            debt_to_equity=data["debt_to_equity"],
            revenue_cagr=data["revenue_cagr"],
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
    def from_json(cls, data: dict[str, Any]) -> PrecedentTransaction:
        return cls(
            id=data["id"],
            target=data["target"],
            acquirer=data["acquirer"],
            announced_on=date.fromisoformat(data["announced_on"]),
            enterprise_value=data["enterprise_value"],
            ev_to_ebitda=data["ev_to_ebitda"],
            ev_to_revenue=data["ev_to_revenue"],
            control_premium=data["control_premium"],
            status=data["status"],
            synthetic=data["provenance"]["synthetic"],
        )


@strawberry.type(description="One piece of provider data a valuation used, and where it came from.")
class DataSourceUse:
    subject: str = strawberry.field(
        description='What the data is, e.g. "BHP market data" or an RBA series id.'
    )
    source: str = strawberry.field(description="The upstream: ASX, RBA, ABR, CAPIQ or SAMPLE.")
    as_of: date = strawberry.field(description="The date the data describes or was published.")
    synthetic: bool = strawberry.field(description="True for generated sample-dataset figures.")
    stale: bool = strawberry.field(
        description="True when a cached value was used past its freshness window."
    )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DataSourceUse:
        return cls(
            subject=data["subject"],
            source=data["source"],
            as_of=date.fromisoformat(data["as_of"]),
            synthetic=data["synthetic"],
            stale=data["stale"],
        )
