from __future__ import annotations

from providers.cache.stale import mark_stale
from providers.models import PeerCandidate
from tests.fixtures.cache_samples import ENTITY, FILING, SERIES, market


def test_marks_provenance_stale_without_touching_the_original() -> None:
    fresh = market("BHP")
    stale = mark_stale(fresh)
    assert stale.provenance.stale and not fresh.provenance.stale
    assert stale.price == fresh.price and stale.provenance.source == fresh.provenance.source


def test_rate_series_has_its_own_flag() -> None:
    assert mark_stale(SERIES).stale and not SERIES.stale


def test_maps_over_containers() -> None:
    assert all(filing.provenance.stale for filing in mark_stale((FILING, FILING)))
    assert all(filing.provenance.stale for filing in mark_stale([FILING]))
    assert mark_stale({"x": ENTITY})["x"].provenance.stale
    assert isinstance(mark_stale((FILING,)), tuple)


def test_values_without_provenance_are_unchanged() -> None:
    peers = (PeerCandidate("RIO", 0.9),)
    assert mark_stale(peers) == peers
    assert mark_stale(None) is None
    assert mark_stale("BHP") == "BHP"
