from __future__ import annotations

from datetime import UTC, datetime

import pytest

from providers.http.retry import RetryAfter, backoff_delay, parse_retry_after

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def test_full_jitter_draws_below_the_exponential_ceiling() -> None:
    assert backoff_delay(1, base=0.5, cap=8, random=lambda: 0.999) == pytest.approx(0.4995)
    assert backoff_delay(3, base=0.5, cap=8, random=lambda: 0.5) == 1.0
    assert backoff_delay(1, base=0.5, cap=8, random=lambda: 0.0) == 0.0


def test_backoff_is_capped_even_after_many_attempts() -> None:
    assert backoff_delay(10, base=0.5, cap=8, random=lambda: 0.5) == 4.0
    assert backoff_delay(10_000, base=0.5, cap=8, random=lambda: 0.5) == 4.0


def test_backoff_with_the_default_random_stays_in_range() -> None:
    delays = [backoff_delay(2, base=1, cap=8) for _ in range(200)]
    assert all(0 <= delay < 2 for delay in delays)
    assert len(set(delays)) > 1


def test_attempts_count_from_one() -> None:
    with pytest.raises(ValueError):
        backoff_delay(0, base=1, cap=8)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("0", 0.0),
        ("7", 7.0),
        (" 120 ", 120.0),
        ("1.5", 1.5),
        ("Mon, 02 Mar 2026 01:00:30 GMT", 30.0),
        ("Monday, 02-Mar-26 01:01:00 GMT", 60.0),  # the obsolete RFC 850 form
        ("Mon, 02 Mar 2026 00:59:00 GMT", 0.0),  # in the past: retry now
    ],
)
def test_parses_seconds_and_http_dates(header: str, seconds: float) -> None:
    assert parse_retry_after(header, cap=30, now=NOW) == RetryAfter(seconds=seconds, cap=30)


@pytest.mark.parametrize(
    "header", [None, "", "soon", "-5", "inf", "nan", "1e3", "12abc", "Mon, 99 Foo 2026", "٣"]
)
def test_ignores_garbage(header: str | None) -> None:
    assert parse_retry_after(header, cap=30, now=NOW) is None


def test_cap() -> None:
    within = parse_retry_after("30", cap=30, now=NOW)
    beyond = parse_retry_after("3600", cap=30, now=NOW)
    assert within is not None and not within.exceeds_cap and within.delay == 30
    assert beyond is not None and beyond.exceeds_cap and beyond.delay == 30
    assert beyond.seconds == 3600
