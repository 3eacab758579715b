"""Sample valuation inputs: a software company with history and forecast, twelve sample-provider
peers of its GICS group, and the real RBA series. Shared by the engine's tests and benchmark."""

from __future__ import annotations

import asyncio
import csv
from datetime import date
from functools import cache

from providers.models import FinancialPeriod, RateSeries
from providers.sample import SampleProvider
from providers.sample.provider import DATA_DIR, LISTING_FILE
from providers.sample.synthetic import synthetic_financials, synthetic_market_data
from valuation.engine import Assumptions, Peer, ValuationInputs
from valuation.growth import cagr
from valuation.multiples import trading_multiples

GROUP = "Software & Services"


def period(year: int, revenue: float, margin: float = 0.25) -> FinancialPeriod:
    ebitda = revenue * margin
    return FinancialPeriod(
        fiscal_year_end=date(year, 6, 30),
        revenue=revenue,
        ebitda=ebitda,
        ebit=ebitda - revenue * 0.05,
        net_income=(ebitda - revenue * 0.05) * 0.7,
        depreciation_and_amortisation=revenue * 0.05,
        capital_expenditure=revenue * 0.04,
        change_in_working_capital=revenue * 0.01,
        net_debt=5e6,
        lease_liabilities=2e6,
    )


HISTORY = [period(2022, 40e6), period(2023, 46e6), period(2024, 53e6), period(2025, 60e6)]
FORECAST = [period(2026 + n, 60e6 * 1.12 ** (n + 1)) for n in range(5)]


@cache
def peers() -> tuple[Peer, ...]:
    with (DATA_DIR / LISTING_FILE).open() as listing:
        rows = list(csv.reader(listing.readlines()[3:]))
    chosen = []
    for _, ticker, group in rows:
        if group != GROUP:
            continue
        market = synthetic_market_data(ticker, group)
        statements = synthetic_financials(ticker, group)
        revenue = [p.revenue for p in statements.periods]
        growth = cagr(revenue[0], revenue[-1], len(revenue) - 1)
        chosen.append(
            Peer(
                ticker=ticker,
                multiples=trading_multiples(market, statements),
                levered_beta=market.beta,
                debt_to_equity=(
                    max(statements.periods[-1].net_debt, 0)
                    + statements.periods[-1].lease_liabilities
                )
                / market.market_cap,
                revenue_cagr=growth,
            )
        )
    return tuple(chosen[:12])


@cache
def rates() -> dict[str, RateSeries]:
    ids = ["FIRMMCRT", "FCMYGBAG10D", "GCPIAGYP", "GCPIOCPMTMYP"]
    return dict(asyncio.run(SampleProvider().rate_series(ids)))


def inputs(**assumptions: object) -> ValuationInputs:
    return ValuationInputs(
        gics_industry_group=GROUP,
        company_name="Example Software Pty Ltd",
        history=HISTORY,
        forecast=FORECAST,
        net_debt=5e6,
        lease_liabilities=2e6,
        ebitda_post_aasb16=True,
        pre_offer_shares=200e6,
        primary_raise=50e6,
        assumptions=Assumptions(**assumptions),  # type: ignore[arg-type]
    )
