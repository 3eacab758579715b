"""Bytes for Redis from the models of providers/models.py, and back.

JSON through pydantic's `TypeAdapter`, which validates the frozen dataclasses (nested ones, dates,
enums, tuples) on the way back in. Never pickle: bytes read from a shared Redis must not be able to
run code. Infinity and NaN are written as JSON constants so that every float round-trips.

A cache entry is stored as a `Stored` envelope: the value (or a "known absent" marker) with the
time it was fetched, so freshness is judged by the reader and a value past its TTL can still be
served, marked stale, when the upstream is down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter
from pydantic_core import to_json

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Stored(Generic[T]):
    fetched_at: datetime  # timezone-aware UTC
    absent: bool  # the upstream answered that it does not know the key
    value: T | None  # None when absent


@lru_cache(maxsize=256)
def _value_adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_)


@lru_cache(maxsize=256)
def _stored_adapter(type_: Any) -> TypeAdapter[Any]:
    return TypeAdapter(Stored[type_])


def _to_json(adapter: TypeAdapter[Any], value: Any) -> bytes:
    # Two steps because a TypeAdapter of a dataclass cannot take a config: the adapter turns the
    # value into plain Python data (dates and enums kept), and `to_json` writes it with infinity
    # and NaN as the JSON constants the validator reads back.
    return to_json(adapter.dump_python(value), inf_nan_mode="constants")


def encode(value: Any, type_: Any) -> bytes:
    """`type_` is the declared type: `MarketData`, `tuple[Filing, ...]`, `MarketData | None`."""
    return _to_json(_value_adapter(type_), value)


def decode(data: bytes | str, type_: Any) -> Any:
    """Raises `pydantic.ValidationError` for bytes that are not a valid `type_`."""
    return _value_adapter(type_).validate_json(data)


def encode_stored(stored: Stored[Any], type_: Any) -> bytes:
    return _to_json(_stored_adapter(type_), stored)


def decode_stored(data: bytes | str, type_: Any) -> Stored[Any]:
    stored: Stored[Any] = _stored_adapter(type_).validate_json(data)
    fetched_at = stored.fetched_at
    # pydantic gives its own fixed-offset tzinfo; normalise so callers compare like with like.
    fetched_at = (
        fetched_at.replace(tzinfo=UTC) if fetched_at.tzinfo is None else fetched_at.astimezone(UTC)
    )
    return Stored(fetched_at=fetched_at, absent=stored.absent, value=stored.value)
