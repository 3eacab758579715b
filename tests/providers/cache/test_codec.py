from __future__ import annotations

import dataclasses
import inspect
import pickle
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

import providers.models
from providers.cache.codec import Stored, decode, decode_stored, encode, encode_stored
from providers.models import Filing, MarketData, PeerCandidate, RateSeries, Transaction
from tests.fixtures.cache_samples import EVERY_MODEL, FILING, SERIES, TRANSACTION, market


def test_samples_cover_every_model() -> None:
    models = {
        cls
        for _, cls in inspect.getmembers(providers.models, inspect.isclass)
        if dataclasses.is_dataclass(cls) and cls.__module__ == providers.models.__name__
    }
    assert {type(sample) for sample in EVERY_MODEL} == models


@pytest.mark.parametrize("value", EVERY_MODEL, ids=lambda value: type(value).__name__)
def test_every_model_round_trips(value: Any) -> None:
    data = encode(value, type(value))
    assert isinstance(data, bytes)
    again = decode(data, type(value))
    assert again == value
    assert type(again) is type(value)


def test_nested_values_keep_their_types() -> None:
    again = decode(encode(SERIES, RateSeries), RateSeries)
    assert again.latest == SERIES.latest
    assert isinstance(again.observations, tuple)
    filing = decode(encode(FILING, Filing), Filing)
    assert filing.released_at == FILING.released_at and filing.released_at.utcoffset() is not None


@pytest.mark.parametrize(
    ("value", "type_"),
    [
        ((FILING, FILING), tuple[Filing, ...]),
        ((), tuple[Transaction, ...]),
        ([PeerCandidate("RIO", 0.9), PeerCandidate("FMG", 0.5)], Sequence[PeerCandidate]),
        ({"BHP": market("BHP"), "RIO": market("RIO", 120.0)}, Mapping[str, MarketData]),
        (None, MarketData | None),
        (market("BHP"), MarketData | None),
        ((TRANSACTION,), tuple[Transaction, ...] | None),
    ],
)
def test_containers_and_none_round_trip(value: Any, type_: Any) -> None:
    assert decode(encode(value, type_), type_) == value


def test_stored_envelope_round_trips() -> None:
    at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    stored = Stored(fetched_at=at, absent=False, value=(FILING,))
    again = decode_stored(encode_stored(stored, tuple[Filing, ...]), tuple[Filing, ...])
    assert again == stored
    assert again.fetched_at.tzinfo is UTC
    absent: Stored[Any] = Stored(fetched_at=at, absent=True, value=None)
    assert decode_stored(encode_stored(absent, MarketData), MarketData) == absent


def test_foreign_bytes_are_rejected_not_executed() -> None:
    with pytest.raises(ValidationError):
        decode(pickle.dumps(market("BHP")), MarketData)
    with pytest.raises(ValidationError):
        decode(b'{"ticker": "BHP"}', MarketData)
