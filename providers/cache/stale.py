"""Marking a cached value stale: served past its TTL because the upstream could not answer."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from providers.models import Provenance, RateSeries

T = TypeVar("T")


def mark_stale(value: T) -> T:
    """A copy of `value` with `provenance.stale` (or `RateSeries.stale`) set, through tuples,
    lists and mappings. Values that carry no provenance (a `PeerCandidate`) come back unchanged."""
    return cast(T, _mark(value))


def _mark(value: Any) -> Any:
    if value is None or isinstance(value, str | bytes):
        return value
    if isinstance(value, RateSeries):
        return dataclasses.replace(value, stale=True)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        provenance = getattr(value, "provenance", None)
        if isinstance(provenance, Provenance):
            return dataclasses.replace(
                value, provenance=dataclasses.replace(provenance, stale=True)
            )
        return value
    if isinstance(value, tuple):
        return tuple(_mark(item) for item in value)
    if isinstance(value, list):
        return [_mark(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _mark(item) for key, item in value.items()}
    return value
