"""Gather what one valuation needs from the providers: peers with their multiples and betas, and
the RBA series. The job stores its inputs and the peers' tickers with its result; the peers'
figures themselves are read again on a re-run."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select

from core.services import Services
from models.company import CompanyRecord
from providers.models import FinancialPeriod, RateSeries
from valuation.engine import Assumptions, Peer, ValuationInputs
from valuation.growth import cagr
from valuation.multiples import TradingMultiples, trading_multiples

PEER_COUNT = 12
RATE_SERIES = ("FIRMMCRT", "FCMYGBAG10D", "GCPIAGYP", "GCPIOCPMTMYP")


def period_from_json(data: dict[str, Any]) -> FinancialPeriod:
    return FinancialPeriod(
        fiscal_year_end=date.fromisoformat(data["fiscal_year_end"]),
        revenue=data["revenue"],
        ebitda=data["ebitda"],
        ebit=data["ebit"],
        net_income=data["net_income"],
        depreciation_and_amortisation=data["depreciation_and_amortisation"],
        capital_expenditure=data["capital_expenditure"],
        change_in_working_capital=data["change_in_working_capital"],
        net_debt=data.get("net_debt", 0.0),
        lease_liabilities=data.get("lease_liabilities", 0.0),
    )


def valuation_inputs_from_json(data: dict[str, Any]) -> ValuationInputs:
    assumptions = {k: v for k, v in data.get("assumptions", {}).items() if v is not None}
    return ValuationInputs(
        company_name=data["company_name"],
        history=[period_from_json(p) for p in data["history"]],
        forecast=[period_from_json(p) for p in data.get("forecast", [])],
        net_debt=data["net_debt"],
        lease_liabilities=data.get("lease_liabilities", 0.0),
        ebitda_post_aasb16=data.get("ebitda_post_aasb16", True),
        pre_offer_shares=data["pre_offer_shares"],
        primary_raise=data["primary_raise"],
        assumptions=Assumptions(**assumptions),
    )


async def gather_peers(
    services: Services,
    industry_group: str,
    subject_revenue: float,
    named: Sequence[str] = (),
    excluded: Sequence[str] = (),
) -> list[Peer]:
    """The caller's named peers, or the profitable companies of the industry group closest to the
    subject in revenue (log distance), the excluded ones left out."""
    if named:
        tickers = [t.upper() for t in named]
    else:
        async with services.sessions() as session:
            rows = await session.scalars(
                select(CompanyRecord.__table__.c.ticker).where(  # type: ignore[attr-defined]
                    CompanyRecord.__table__.c.gics_industry_group == industry_group  # type: ignore[attr-defined]
                )
            )
            tickers = [t for t in rows if t not in {e.upper() for e in excluded}]
    market = await services.providers.market.market_data(tickers)
    statements = await services.providers.financials.financials(tickers)
    candidates: list[tuple[float, Peer]] = []
    for ticker in tickers:
        quote, financials = market.get(ticker), statements.get(ticker)
        latest = financials.latest if financials else None
        if quote is None or financials is None or latest is None:
            continue
        multiples: TradingMultiples = trading_multiples(quote, financials)
        if not named and (latest.ebitda <= 0 or latest.revenue <= 0 or subject_revenue <= 0):
            continue
        revenues = [p.revenue for p in financials.periods]
        peer = Peer(
            ticker=ticker,
            multiples=multiples,
            levered_beta=quote.beta,
            debt_to_equity=max(latest.net_debt, 0.0) / quote.market_cap,
            revenue_cagr=cagr(revenues[0], revenues[-1], len(revenues) - 1),
        )
        distance = abs(math.log(latest.revenue / subject_revenue)) if not named else 0.0
        candidates.append((distance, peer))
    candidates.sort(key=lambda pair: (pair[0], pair[1].ticker))
    return [peer for _, peer in candidates[: len(named) or PEER_COUNT]]


async def gather_rate_series(services: Services) -> dict[str, RateSeries]:
    return dict(await services.providers.economic.rate_series(RATE_SERIES))
