"""Revenue growth: CAGR and the growth profile against peers."""

from __future__ import annotations

import pytest

from valuation.growth import cagr, growth_profile


def test_cagr_worked_example() -> None:
    # 100 to 121 over 2 years: (121 / 100) ** (1 / 2) − 1 = 1.1 − 1 = 0.10.
    assert cagr(100.0, 121.0, 2) == pytest.approx(0.10)


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [(0.0, 121.0, 2), (-100.0, 121.0, 2), (100.0, 0.0, 2), (100.0, -5.0, 2), (100.0, 121.0, 0)],
)
def test_cagr_none_when_an_input_is_not_positive(first: float, last: float, years: float) -> None:
    assert cagr(first, last, years) is None


def test_growth_profile_historical_and_forecast_cagrs() -> None:
    profile = growth_profile([100.0, 110.0, 121.0], [133.1, 146.41], [])
    # Historical: 100 to 121 over 2 years = 10 %. Forecast: from the last actual 121 to 146.41
    # over the 2 forecast years: (146.41 / 121) ** 0.5 − 1 = 1.21 ** 0.5 − 1 = 10 %.
    assert profile.historical_cagr == pytest.approx(0.10)
    assert profile.forecast_cagr == pytest.approx(0.10)


def test_growth_percentile_against_peers() -> None:
    peers = [0.02, 0.05, 0.08, 0.12, 0.20]
    profile = growth_profile([100.0, 110.0, 121.0], None, peers)
    # Historical CAGR 100 to 121 over 2 years = 10 %; it beats 0.02, 0.05 and 0.08 (3 of 5) with
    # no ties: 100 × 3 / 5 = 60.
    assert profile.percentile_vs_peers == pytest.approx(60.0)
    # Median of 0.02 0.05 0.08 0.12 0.20 is the third: 0.08.
    assert profile.peer_median_cagr == pytest.approx(0.08)


def test_growth_percentile_counts_ties_as_half() -> None:
    # CAGR of 100 to 150 over 1 year is 50 % (exact in binary, so the tie is exact); peers 0.25
    # below, 0.50 tied, 0.75 above: 100 × (1 + 0.5) / 3 = 50.
    profile = growth_profile([100.0, 150.0], None, [0.25, 0.50, 0.75])
    assert profile.percentile_vs_peers == pytest.approx(50.0)


def test_growth_profile_without_peers_has_no_comparison() -> None:
    profile = growth_profile([100.0, 110.0], None, [])
    assert profile.peer_median_cagr is None
    assert profile.percentile_vs_peers is None
    assert "no peer CAGRs: no peer comparison" in profile.notes


def test_growth_profile_notes_too_little_history() -> None:
    profile = growth_profile([100.0], [120.0, 140.0], [0.1])
    assert profile.historical_cagr is None
    assert profile.percentile_vs_peers is None
    assert "fewer than two historical years: no historical CAGR" in profile.notes
    # The forecast runs from the last actual: 100 to 140 over 2 years.
    assert profile.forecast_cagr == pytest.approx(1.4**0.5 - 1)


def test_growth_profile_flags_a_forecast_far_above_history() -> None:
    # History 5 % a year (100 to 105); forecast 105 to 126 in 1 year = 20 %: 15 points above.
    profile = growth_profile([100.0, 105.0], [126.0], [])
    assert profile.forecast_cagr == pytest.approx(0.20)
    assert any("the forecast needs support" in note for note in profile.notes)
