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

from pydantic import BaseModel, ConfigDict

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


def result_payload(result: engine.ValuationResult, gathered: GatheredData) -> dict[str, Any]:
    """The stored result."""
    payload: dict[str, Any] = to_json(result)
    payload["peers"] = to_json(list(gathered.peers))
    payload["precedent_transactions"] = to_json(list(gathered.transactions))
    payload["sources"] = to_json(list(gathered.sources))
    payload["warnings"] = [*payload["warnings"], *gathered.notes]
    return payload


class StoredRange(BaseModel):
    low: float
    mid: float
    high: float


class StoredMethod(BaseModel):
    method: str
    weight: float
    value: StoredRange


class StoredPricing(BaseModel):
    model_config = ConfigDict(extra="allow")

    price_per_share: StoredRange
    enterprise_value: StoredRange
    equity_value: StoredRange
    implied_ev_to_ebitda: float | None
    peer_median_ev_to_ebitda: float | None
    methods: list[StoredMethod]


class StoredWacc(BaseModel):
    model_config = ConfigDict(extra="allow")

    wacc: float


class StoredResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    pricing: StoredPricing
    wacc: StoredWacc
    peers: list[engine.Peer] = []
    precedent_transactions: list[Transaction] = []
    sources: list[SourceUse] = []
    warnings: list[str]
