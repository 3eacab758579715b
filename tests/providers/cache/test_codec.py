from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

import providers.models
from providers.cache.codec import Stored, decode, decode_stored, encode, encode_stored
from providers.models import (
    Filing,
    FinancialStatements,
    MarketData,
    PeerCandidate,
    RateSeries,
    Transaction,
)
from tests.fixtures.cache_samples import (
    EVERY_MODEL,
    FILING,
    PERIOD,
    PROVENANCE,
    SERIES,
    TRANSACTION,
    market,
)


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


# A FinancialStatements entry as the cache wrote it before periods had equity, intangibles and
# dividends: the bytes `encode_stored` produced then, with no key for any of the three.
_STORED_BEFORE_BALANCE_SHEET_LINES = (
    b'{"fetched_at":"2026-03-02T01:00:00Z","absent":false,"value":{"ticker":"BHP",'
    b'"currency":"AUD","periods":[{"fiscal_year_end":"2025-06-30","revenue":100.0,'
    b'"ebitda":30.0,"ebit":20.0,"net_income":12.5,"depreciation_and_amortisation":10.0,'
    b'"capital_expenditure":8.0,"change_in_working_capital":-1.5,"net_debt":Infinity,'
    b'"lease_liabilities":0.0}],"provenance":{"source":"ASX","as_of":"2026-02-27",'
    b'"synthetic":false,"stale":false}}}'
)


def test_a_period_cached_before_the_balance_sheet_lines_decodes_with_them_none() -> None:
    stored = decode_stored(_STORED_BEFORE_BALANCE_SHEET_LINES, FinancialStatements)
    assert stored.fetched_at == datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert isinstance(stored.value, FinancialStatements)
    [period] = stored.value.periods
    assert (period.total_equity, period.intangible_assets, period.dividends) == (None, None, None)
    assert period == dataclasses.replace(
        PERIOD, total_equity=None, intangible_assets=None, dividends=None
    )


def test_a_period_cached_before_the_balance_sheet_lines_matches_what_encode_wrote() -> None:
    # The fixture above is what the encoder writes for such a period, less the three new keys:
    # so the test reads the real format, not a hand-written approximation of it.
    old = dataclasses.replace(PERIOD, total_equity=None, intangible_assets=None, dividends=None)
    statements = FinancialStatements("BHP", "AUD", (old,), PROVENANCE)
    at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    written = json.loads(
        encode_stored(Stored(at, False, statements), FinancialStatements).replace(
            b"Infinity", b'"inf"'
        )
    )
    for period in written["value"]["periods"]:
        for key in ("total_equity", "intangible_assets", "dividends"):
            del period[key]
    expected = json.loads(_STORED_BEFORE_BALANCE_SHEET_LINES.replace(b"Infinity", b'"inf"'))
    assert written == expected
