"""What is cached, for how long, and under which Redis key.

Time-to-live per kind of data follows how fast it changes upstream: prices move by the minute,
company data by the filing, economic series by the release. A value past its TTL is kept for
`STALE_RETENTION` more, to be served (marked stale) when its upstream is down.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

KEY_PREFIX = "ipoval:cache"

# Long enough to ride out an upstream outage over a weekend and a public holiday; short enough
# that Redis does not fill with values nobody asks for any more.
STALE_RETENTION = timedelta(days=7)


class DataKind(StrEnum):
    MARKET = "market"
    COMPANY = "company"
    ECONOMIC = "economic"
    PEERS = "peers"
    TRANSACTIONS = "transactions"
    FILINGS = "filings"

    @property
    def ttl(self) -> timedelta:
        return _TTL[self]


_TTL: dict[DataKind, timedelta] = {
    DataKind.MARKET: timedelta(minutes=5),  # delayed quotes; a valuation tolerates minutes
    DataKind.COMPANY: timedelta(hours=1),  # profiles, financials, registry entities
    DataKind.ECONOMIC: timedelta(hours=2),  # RBA tables change on release days only
    DataKind.PEERS: timedelta(minutes=30),  # derived from market capitalisations
    DataKind.TRANSACTIONS: timedelta(hours=24),  # M&A history changes rarely
    DataKind.FILINGS: timedelta(hours=1),  # company data: announcements arrive during the day
}


def cache_key(upstream: str, kind: DataKind, key: str) -> str:
    """`ipoval:cache:<upstream>:<kind>:<key>`, e.g. `ipoval:cache:ASX:market:BHP`."""
    return f"{KEY_PREFIX}:{upstream}:{kind.value}:{key}"
