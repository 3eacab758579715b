"""What a valuation rests on, as the worker stores it on the job's row before the engine runs.

Peers with their multiples and betas, their M&A transactions and the RBA series, with where each
came from. A re-run values from this, never from newer upstream data, so it reproduces the same
numbers.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from providers.models import DataSource, Provenance, RateSeries, Transaction
from valuation import engine


class SourceUse(BaseModel):
    """Where one piece of the data came from."""

    model_config = ConfigDict(frozen=True)

    subject: str  # "BHP market data", "FCMYGBAG10D", ...
    source: DataSource
    as_of: date
    synthetic: bool
    stale: bool

    @classmethod
    def of(cls, subject: str, provenance: Provenance) -> SourceUse:
        return cls(
            subject=subject,
            source=provenance.source,
            as_of=provenance.as_of,
            synthetic=provenance.synthetic,
            stale=provenance.stale,
        )


class GatheredData(BaseModel):
    model_config = ConfigDict(frozen=True)

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

    def stored(self) -> dict[str, Any]:
        """The JSON stored on the job's row."""
        return self.model_dump(mode="json")
