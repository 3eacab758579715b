"""Gather the provider data one valuation needs, and keep it with the job.

Peers with their multiples and betas, their M&A transactions and the RBA series are read once, with
the provenance of each, and stored on the job row before the engine runs. A re-run (a takeover after
a dead worker, or an operator re-valuing a stored job) values from the stored data, so it reproduces
the same numbers even after the upstreams have moved on.

Precedent transactions carry weight 0 in the IPO synthesis by default, so an upstream that cannot
supply them degrades that method (with a note) rather than failing the valuation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select

from core.errors import ProviderError, ProviderUnavailable
from models.company import CompanyRecord
from providers.models import (
    FinancialStatements,
    MarketData,
    Provenance,
    RateSeries,
    Transaction,
)
from runtime.services import Services
from valuation import engine
from valuation.growth import cagr
from valuation.multiples import trading_multiples

PEER_COUNT = 12
RATE_SERIES = ("FIRMMCRT", "FCMYGBAG10D", "GCPIAGYP", "GCPIOCPMTMYP")
# The economic context compares the latest value with one 20 observations back (daily yields);
# keeping twice that is enough to reproduce it and keeps the row small.
KEPT_OBSERVATIONS = 40


@dataclass(frozen=True, slots=True)
class SourceUse:
    """Where one piece of the data came from."""

    subject: str  # "BHP market data", "FCMYGBAG10D", ...
    source: str
    as_of: date
    synthetic: bool
    stale: bool


@dataclass(frozen=True, slots=True)
class GatheredData:
    peers: tuple[engine.Peer, ...]
    transactions: tuple[Transaction, ...]
    rate_series: dict[str, RateSeries]
    sources: tuple[SourceUse, ...]
    notes: tuple[str, ...]
    gathered_at: datetime

    def engine_transactions(self) -> list[engine.Transaction]:
        return [
            engine.Transaction(t.target, t.ev_to_ebitda, t.control_premium)
            for t in self.transactions
        ]


_ADAPTER = TypeAdapter(GatheredData)


def gathered_to_json(data: GatheredData) -> dict[str, Any]:
    return _ADAPTER.dump_python(data, mode="json")  # type: ignore[no-any-return]


def gathered_from_json(data: dict[str, Any]) -> GatheredData:
    return _ADAPTER.validate_python(data)


def _use(subject: str, provenance: Provenance) -> SourceUse:
    return SourceUse(
        subject, provenance.source.value, provenance.as_of, provenance.synthetic, provenance.stale
    )


async def gather(
    services: Services, stored: dict[str, Any], subject_revenue: float
) -> GatheredData:
    named = [t.upper() for t in stored.get("peers", [])]
    tickers = await candidate_tickers(
        services, stored["gics_industry_group"], named, stored.get("exclude_peers", [])
    )
    market = await services.providers.market.market_data(tickers)
    statements = await services.providers.financials.financials(tickers)
    chosen = choose_peers(tickers, market, statements, subject_revenue, bool(named))
    peers = [peer for peer, _ in chosen]
    sources = [use for _, uses in chosen for use in uses]
    notes = [
        f"Named peer {ticker} has no market data or financial statements: left out."
        for ticker in sorted(set(named) - {p.ticker for p in peers})
    ]
    try:
        transactions, deal_sources = await _transactions(services, [p.ticker for p in peers])
    except (ProviderUnavailable, ProviderError) as error:
        transactions, deal_sources = (), []
        notes.append(f"Precedent transactions unavailable: {error.message}")
    rates, rate_sources = await _rates(services)
    return GatheredData(
        peers=tuple(peers),
        transactions=transactions,
        rate_series=rates,
        sources=tuple(sources + deal_sources + rate_sources),
        notes=tuple(notes),
        gathered_at=datetime.now(UTC),
    )


async def candidate_tickers(
    services: Services, industry_group: str, named: Sequence[str], excluded: Sequence[str]
) -> list[str]:
    """The caller's named peers, or every company of the industry group but the excluded ones."""
    if named:
        return [t.upper() for t in named]
    async with services.sessions() as session:
        column = CompanyRecord.__table__.c  # type: ignore[attr-defined]
        rows = await session.scalars(
            select(column.ticker)
            .where(column.gics_industry_group == industry_group)
            .order_by(column.ticker)
        )
        left_out = {e.upper() for e in excluded}
        return [t for t in rows if t not in left_out]


def choose_peers(
    tickers: Sequence[str],
    market: Mapping[str, MarketData | None],
    statements: Mapping[str, FinancialStatements | None],
    subject_revenue: float,
    named: bool,
) -> list[tuple[engine.Peer, list[SourceUse]]]:
    """The peers among `tickers`, each with where its data came from. Named peers are all kept that
    have market data and statements; otherwise the profitable companies closest to the subject in
    revenue (log distance), at most PEER_COUNT. Pure, so that createValuation can check before
    queueing what the job will find."""
    candidates: list[tuple[float, engine.Peer, list[SourceUse]]] = []
    for ticker in tickers:
        quote, financials = market.get(ticker), statements.get(ticker)
        latest = financials.latest if financials else None
        if quote is None or financials is None or latest is None:
            continue
        if not named and (latest.ebitda <= 0 or latest.revenue <= 0 or subject_revenue <= 0):
            continue
        revenues = [p.revenue for p in financials.periods]
        peer = engine.Peer(
            ticker=ticker,
            multiples=trading_multiples(quote, financials),
            levered_beta=quote.beta,
            debt_to_equity=max(latest.net_debt, 0.0) / quote.market_cap,
            revenue_cagr=cagr(revenues[0], revenues[-1], len(revenues) - 1),
        )
        distance = abs(math.log(latest.revenue / subject_revenue)) if not named else 0.0
        uses = [
            _use(f"{ticker} market data", quote.provenance),
            _use(f"{ticker} financial statements", financials.provenance),
        ]
        candidates.append((distance, peer, uses))
    candidates.sort(key=lambda item: (item[0], item[1].ticker))
    chosen = candidates if named else candidates[:PEER_COUNT]
    return [(peer, uses) for _, peer, uses in chosen]


async def _transactions(
    services: Services, tickers: Sequence[str]
) -> tuple[tuple[Transaction, ...], list[SourceUse]]:
    """The peers' transactions, each once (two peers may be parties to the same deal)."""
    found = await services.providers.transactions.transactions(tickers)
    unique: dict[str, Transaction] = {}
    sources: list[SourceUse] = []
    for ticker in tickers:
        deals = found.get(ticker, ())
        if deals:
            sources.append(_use(f"{ticker} transactions", deals[0].provenance))
        for deal in deals:
            unique.setdefault(deal.id, deal)
    ordered = sorted(unique.values(), key=lambda d: (d.announced_on, d.id), reverse=True)
    return tuple(ordered), sources


async def _rates(services: Services) -> tuple[dict[str, RateSeries], list[SourceUse]]:
    found = await services.providers.economic.rate_series(RATE_SERIES)
    kept: dict[str, RateSeries] = {}
    sources: list[SourceUse] = []
    for series_id, series in found.items():
        trimmed = RateSeries(
            series_id=series.series_id,
            title=series.title,
            units=series.units,
            frequency=series.frequency,
            source=series.source,
            published_on=series.published_on,
            observations=series.observations[-KEPT_OBSERVATIONS:],
            stale=series.stale,
        )
        kept[series_id] = trimmed
        if trimmed.latest is not None:
            as_of = series.published_on or trimmed.latest.as_of
            sources.append(SourceUse(series_id, "RBA", as_of, False, series.stale))
    return kept, sources
