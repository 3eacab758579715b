"""How the PDF report writes figures, and the football field's scale."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.valuation_result import StoredRange
from reports.pdf.football_field import nice_ticks, tick_label
from reports.pdf.formatting import (
    aud,
    aud_millions,
    long_date,
    method_name,
    multiple,
    per_share,
    percent,
    points,
    price_range,
    yield_or_multiple,
)


def test_amounts_are_written_in_australian_dollars() -> None:
    assert aud(1_234_567.4) == "A$1,234,567"
    assert aud_millions(12_345_678) == "A$12.3m"
    assert aud_millions(1_234_500_000) == "A$1,234.5m"
    assert aud_millions(-5_000_000) == "−A$5.0m"  # the typographic minus
    assert aud(None) == aud_millions(None) == "–"  # missing, never zero


def test_prices_per_share_have_a_tenth_of_a_cent_as_the_readme_writes_the_api() -> None:
    assert per_share(0.63763388574334) == "A$0.638"
    assert per_share(0.2049) == "A$0.205"
    assert per_share(12.5) == "A$12.500"
    assert price_range(StoredRange(low=0.61, mid=0.678, high=0.7455)) == "A$0.610 – A$0.746"


def test_rates_multiples_and_yields() -> None:
    assert percent(0.1330750437839036, 2) == "13.31%"
    assert percent(-0.05) == "−5.0%"
    assert points(0.013324) == "1.33 pp"
    assert multiple(8.44) == "8.4x"
    assert yield_or_multiple("DIVIDEND_YIELD", 0.045) == "4.50%"
    assert yield_or_multiple("PRICE_TO_EARNINGS", 22.1009) == "22.1x"


def test_dates_in_the_australian_order() -> None:
    assert long_date(date(2025, 10, 1)) == "1 October 2025"


def test_methods_have_names_a_board_reads() -> None:
    assert method_name("PRICE_TO_EARNINGS") == "P/E"
    assert method_name("SOMETHING_NEW") == "Something new"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0.363, 1.862, [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]),
        (0.21, 0.29, [0.21, 0.22, 0.23, 0.24, 0.25, 0.26, 0.27, 0.28, 0.29]),
        (3.1, 9.7, [3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]),
        (3.1, 19.7, [2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 17.5, 20.0]),
    ],
)
def test_the_scale_covers_every_bar_in_round_steps(
    low: float, high: float, expected: list[float]
) -> None:
    ticks = nice_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= low and ticks[-1] >= high
    assert len(ticks) <= 9


def test_a_single_price_still_gets_a_scale() -> None:
    ticks = nice_ticks(0.5, 0.5)
    assert ticks[0] <= 0.5 <= ticks[-1] and len(ticks) >= 2


def test_tick_labels_have_the_decimals_their_step_needs() -> None:
    assert tick_label(0.25, 0.25) == "A$0.25"
    assert tick_label(1.0, 0.5) == "A$1.00"
    assert tick_label(0.225, 0.025) == "A$0.225"
