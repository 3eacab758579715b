"""Trading comparables: peer multiple statistics and the AASB 16 basis check."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuation.comparables import (
    MISSING,
    NOT_FINITE,
    NOT_POSITIVE,
    PERCENTILE_METHOD,
    MultipleStatistics,
    ltm_summary,
    multiple_statistics,
    peer_statistics,
)
from valuation.inputs import Peer
from valuation.lease_basis import PRE_AASB16
from valuation.multiples import TradingMultiples

# Eight values, one negative and one outlier, plus one missing.
PEERS: list[tuple[str, float | None]] = [
    ("AAA", 6.0),
    ("BBB", 7.0),
    ("CCC", -4.0),
    ("DDD", 8.0),
    ("EEE", 9.0),
    ("FFF", 40.0),
    ("GGG", 10.0),
    ("HHH", 11.0),
    ("III", None),
]


def test_statistics_on_a_known_set_exclude_missing_negative_and_outlier() -> None:
    stats = multiple_statistics("ev_to_ebitda", PEERS)
    # Positive values sorted: 6 7 8 9 10 11 40 (n = 7, so the outlier rule applies).
    # Q1 at position 0.25 × 6 = 1.5: 7 + 0.5 × (8 − 7) = 7.5; Q3 at 4.5: 10 + 0.5 × 1 = 10.5.
    # IQR = 3; fences 7.5 − 4.5 = 3.0 and 10.5 + 4.5 = 15.0; 40 is out.
    # Kept: 6 7 8 9 10 11 (n = 6). p25 at 0.25 × 5 = 1.25: 7 + 0.25 = 7.25; median at 2.5:
    # 8 + 0.5 = 8.5; p75 at 3.75: 9 + 0.75 = 9.75.
    assert stats == MultipleStatistics(
        name="ev_to_ebitda",
        min=6.0,
        p25=7.25,
        median=8.5,
        p75=9.75,
        max=11.0,
        n=6,
        excluded=(
            ("CCC", NOT_POSITIVE),
            ("FFF", "outlier: outside [Q1 − 1.5 IQR, Q3 + 1.5 IQR] = [3.00, 15.00]"),
            ("III", MISSING),
        ),
    )


def test_no_usable_values_gives_all_none_and_lists_every_exclusion() -> None:
    stats = multiple_statistics("price_to_earnings", [("AAA", None), ("BBB", 0.0), ("CCC", -2.0)])
    assert (stats.min, stats.p25, stats.median, stats.p75, stats.max) == (None,) * 5
    assert stats.n == 0
    assert stats.excluded == (("AAA", MISSING), ("BBB", NOT_POSITIVE), ("CCC", NOT_POSITIVE))


def test_non_finite_values_are_excluded() -> None:
    stats = multiple_statistics("ev_to_ebit", [("AAA", float("nan")), ("BBB", 5.0)])
    assert stats.excluded == (("AAA", NOT_FINITE),)
    assert stats.n == 1


def test_no_outlier_rule_below_five_positive_values() -> None:
    # With 4 values the quartiles are too unstable to call 100 an outlier, so it stays.
    stats = multiple_statistics("ev_to_revenue", [("A", 1.0), ("B", 2.0), ("C", 3.0), ("D", 100.0)])
    assert stats.excluded == ()
    assert stats.n == 4
    assert stats.max == 100.0


def test_percentiles_use_numpy_linear_method() -> None:
    values = [6.0, 7.0, 8.0, 9.0, 10.0, 11.0]
    stats = multiple_statistics("x", [(str(i), v) for i, v in enumerate(values)])
    assert PERCENTILE_METHOD == "linear"
    assert stats.p25 == pytest.approx(float(np.percentile(values, 25, method="linear")))
    # p25 at position 0.25 × 5 = 1.25: 7 + 0.25 × (8 − 7) = 7.25; "lower" would give 7.
    assert stats.p25 == pytest.approx(7.25)
    assert float(np.percentile(values, 25, method="lower")) == 7.0


@given(st.lists(st.floats(min_value=1e-3, max_value=1e6), min_size=1, max_size=30))
def test_statistics_are_ordered_for_any_positive_inputs(values: list[float]) -> None:
    stats = multiple_statistics("x", [(str(i), v) for i, v in enumerate(values)])
    assert stats.min is not None and stats.p25 is not None and stats.median is not None
    assert stats.p75 is not None and stats.max is not None
    assert stats.min <= stats.p25 <= stats.median <= stats.p75 <= stats.max
    assert stats.n + len(stats.excluded) == len(values)


def test_peer_summary_computes_each_multiple_from_its_field() -> None:
    fy = date(2025, 6, 30)
    peers = [
        ("AAA", TradingMultiples(8.0, 2.0, 10.0, 15.0, fy)),
        ("BBB", TradingMultiples(10.0, 3.0, None, 20.0, fy)),
    ]
    summary = ltm_summary([Peer(t, m, None, 0.0, None) for t, m in peers])
    # Medians of two values: (8 + 10) / 2 = 9; (2 + 3) / 2 = 2.5; (15 + 20) / 2 = 17.5.
    assert summary.ev_to_ebitda.median == 9.0
    assert summary.ev_to_revenue.median == 2.5
    assert summary.price_to_earnings.median == 17.5
    assert summary.ev_to_ebit.median == 10.0
    assert summary.ev_to_ebit.excluded == (("BBB", MISSING),)
    assert summary.ev_to_ebitda.name == "ev_to_ebitda"


def test_an_ev_multiple_leaves_out_peers_whose_accounts_predate_aasb16() -> None:
    old = TradingMultiples(9.0, 2.0, 11.0, 14.0, date(2019, 6, 30), post_aasb16=False)
    new = TradingMultiples(8.0, 2.0, 10.0, 15.0, date(2025, 6, 30))
    peers = [Peer("OLD", old, None, 0.0, None), Peer("NEW", new, None, 0.0, None)]
    ev = peer_statistics("ev_to_ebitda", peers, "LTM", enterprise_multiple=True)
    assert ev.excluded == (("OLD", PRE_AASB16),)
    assert ev.median == 8.0
    pe = peer_statistics("price_to_earnings", peers, "LTM", enterprise_multiple=False)
    assert pe.excluded == () and pe.median == 14.5


def test_statistics_read_only_the_peers_on_the_period_asked_for() -> None:
    fy = date(2025, 6, 30)
    peers = [
        Peer("LTM", TradingMultiples(10.0, None, None, None, fy), None, 0.0, None),
        Peer("FWD", TradingMultiples(8.0, None, None, None, fy), None, 0.0, None, period="FY1"),
    ]
    assert peer_statistics("ev_to_ebitda", peers, "FY1", enterprise_multiple=True).median == 8.0
    assert peer_statistics("ev_to_ebitda", peers, "LTM", enterprise_multiple=True).median == 10.0
