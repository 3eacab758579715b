"""A valuation job's result as stored on its row: the engine's figures, the peers and transactions
behind them, and where each piece of data came from.

The worker writes it with `result_payload`; the API reads it with `StoredResult`, which types the
parts the schema shows and keeps the rest (every figure, for `ValuationResult.details`).
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from contracts.document_figures import DocumentFigureUse
from contracts.valuation_evidence import GatheredData, SourceUse
from providers.models import Transaction
from valuation import engine


def to_json(value: Any) -> Any:
    """The engine's dataclasses as JSON-safe data: dates as ISO text, non-finite numbers null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return to_json(value.model_dump(mode="python"))
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def result_payload(
    result: engine.ValuationResult,
    gathered: GatheredData,
    documents: list[DocumentFigureUse] | None = None,
) -> dict[str, Any]:
    """The stored result; `documents`: the figures the input took from uploaded documents."""
    payload: dict[str, Any] = to_json(result)
    payload["document_sources"] = [use.model_dump(mode="json") for use in documents or ()]
    payload["peers"] = to_json(list(gathered.peers))
    payload["custom_peers"] = to_json(list(result.custom_peers))
    payload["precedent_transactions"] = to_json(list(gathered.transactions))
    payload["sources"] = to_json(list(gathered.sources))
    payload["warnings"] = [*payload["warnings"], *gathered.notes]
    payload["notices"] = [
        *payload["notices"],
        *({"code": "DATA_NOTE", "message": note} for note in gathered.notes),
    ]
    return payload


class StoredRange(BaseModel):
    low: float
    mid: float
    high: float


# Results stored before methods were a list named them in lower case.
_LEGACY_METHODS = {
    "dcf": "DCF",
    "trading_comparables": "EV_TO_EBITDA",
    "precedent_transactions": "PRECEDENT_TRANSACTIONS",
}


class StoredMethod(BaseModel):
    method: str
    weight: float
    value: StoredRange  # enterprise value
    equity_value: StoredRange | None = None
    per_share: StoredRange | None = None
    period: str | None = None
    gives: str = "enterprise"
    multiple_low: float | None = None
    multiple_mid: float | None = None
    multiple_high: float | None = None
    basis: str = ""

    @field_validator("method")
    @classmethod
    def _current_name(cls, value: str) -> str:
        return _LEGACY_METHODS.get(value, value)


class StoredPricing(BaseModel):
    model_config = ConfigDict(extra="allow")

    price_per_share: StoredRange
    enterprise_value: StoredRange
    equity_value: StoredRange
    implied_ev_to_ebitda: float | None
    peer_median_ev_to_ebitda: float | None
    methods: list[StoredMethod]
    valuation_range: StoredRange | None = None  # None in results stored before it existed
    ipo_discount: float | None = None
    effective_discount: float | None = None
    offer_range_width: float | None = None


class StoredWacc(BaseModel):
    model_config = ConfigDict(extra="allow")

    wacc: float


class StoredNotice(BaseModel):
    code: str
    message: str


class StoredExclusion(BaseModel):
    ticker: str
    method: str
    period: str
    reason: str
    supplied_by: str | None = None  # None in results stored before it: the ticker alone


class StoredResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    pricing: StoredPricing
    wacc: StoredWacc
    sector: str | None = None
    peers: list[engine.Peer] = []
    custom_peers: list[engine.Peer] = []
    peer_exclusions: list[StoredExclusion] = []
    precedent_transactions: list[Transaction] = []
    admission: list[dict[str, Any]] = []
    sources: list[SourceUse] = []
    document_sources: list[DocumentFigureUse] = []
    warnings: list[str]
    notices: list[StoredNotice] = []

    def exclusions_of(self, peer: engine.Peer) -> list[StoredExclusion]:
        """The exclusions made for this peer: by its name and who supplied it, since a caller's
        peer may bear an ASX code as its name."""
        return [
            e
            for e in self.peer_exclusions
            if e.ticker == peer.ticker and e.supplied_by in (None, peer.supplied_by)
        ]
