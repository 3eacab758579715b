"""Gather the provider data one valuation needs, and keep it with the job.

Peers with their multiples and betas, their M&A transactions and the RBA series are read once, with
the provenance of each, and stored on the job row before the engine runs. A re-run (a takeover after
a dead worker, or an operator re-valuing a stored job) values from the stored data, so it reproduces
the same numbers even after the upstreams have moved on. The stored shape is
contracts/valuation_evidence.py; which peers are chosen is valuation/peer_selection.py.

Precedent transactions carry weight 0 in the IPO synthesis by default, so an upstream that cannot
supply them degrades that method (with a note) rather than failing the valuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from contracts.valuation_evidence import GatheredData, SourceUse
from contracts.valuation_input import ValuationJobInput
from core.errors import ProviderError, ProviderUnavailable
from providers.models import DataSource, RateSeries, Transaction
from repositories.companies import candidate_tickers
from runtime.services import Services
from valuation.peer_selection import choose_peers

RATE_SERIES = ("FIRMMCRT", "FCMYGBAG10D", "GCPIAGYP", "GCPIOCPMTMYP")
# The economic context compares the latest value with one 20 observations back (daily yields);
# keeping twice that is enough to reproduce it and keeps the row small.
KEPT_OBSERVATIONS = 40


async def gather(
    services: Services, stored: ValuationJobInput, subject_revenue: float
) -> GatheredData:
    named = [t.upper() for t in stored.peers]
    async with services.sessions() as session:
        tickers = await candidate_tickers(
            session, stored.gics_industry_group, named, stored.exclude_peers
        )
    market = await services.providers.market.market_data(tickers)
    statements = await services.providers.financials.financials(tickers)
    chosen = choose_peers(tickers, market, statements, subject_revenue, bool(named))
    peers = [peer for peer, _ in chosen]
    sources = [SourceUse.of(subject, origin) for _, uses in chosen for subject, origin in uses]
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
            sources.append(SourceUse.of(f"{ticker} transactions", deals[0].provenance))
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
            sources.append(
                SourceUse(
                    subject=series_id,
                    source=DataSource.RBA,
                    as_of=as_of,
                    synthetic=False,
                    stale=series.stale,
                )
            )
    return kept, sources
