"""Which companies a valuation uses as peers, from their market data and statements.

Pure, so that createValuation can check before queueing what the job will find, on the data the
API's loaders read, and the worker then choose the same peers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from providers.models import FinancialStatements, MarketData, Provenance
from valuation import inputs as engine
from valuation.growth import cagr
from valuation.multiples import trading_multiples

PEER_COUNT = 12

# What a peer's figures rest on: ("BHP market data", its provenance), ...
PeerSources = list[tuple[str, Provenance]]


def choose_peers(
    tickers: Sequence[str],
    market: Mapping[str, MarketData | None],
    statements: Mapping[str, FinancialStatements | None],
    subject_revenue: float,
    named: bool,
) -> list[tuple[engine.Peer, PeerSources]]:
    """The peers among `tickers`, each with where its data came from. Named peers are all kept that
    have market data and statements; otherwise the profitable companies closest to the subject in
    revenue (log distance), at most PEER_COUNT."""
    candidates: list[tuple[float, engine.Peer, PeerSources]] = []
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
            # The debt its published beta was levered with: net debt and leases (lease_basis.py).
            debt_to_equity=(max(latest.net_debt, 0.0) + max(latest.lease_liabilities, 0.0))
            / quote.market_cap,
            revenue_cagr=cagr(revenues[0], revenues[-1], len(revenues) - 1),
        )
        distance = abs(math.log(latest.revenue / subject_revenue)) if not named else 0.0
        sources = [
            (f"{ticker} market data", quote.provenance),
            (f"{ticker} financial statements", financials.provenance),
        ]
        candidates.append((distance, peer, sources))
    candidates.sort(key=lambda item: (item[0], item[1].ticker))
    chosen = candidates if named else candidates[:PEER_COUNT]
    return [(peer, sources) for _, peer, sources in chosen]
