"""ASX business days and Sydney release times, for dating synthetic announcements.

Covers only what the sample window (mid 2024 to late 2025) needs: the ASX trading holidays of
that span and New South Wales daylight saving, computed by rule rather than from tzdata so the
output does not depend on the machine's time-zone database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Final

__all__ = [
    "add_business_days",
    "is_business_day",
    "on_or_after",
    "on_or_before",
    "sydney_to_utc",
]

# Days the ASX Market Announcements Platform does not release (ASX trading holidays).
_ASX_HOLIDAYS: Final = frozenset(
    {
        date(2024, 6, 10),
        date(2024, 12, 25),
        date(2024, 12, 26),
        date(2025, 1, 1),
        date(2025, 1, 27),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 4, 25),
        date(2025, 6, 9),
    }
)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _ASX_HOLIDAYS


def on_or_after(day: date) -> date:
    """The first business day from `day` onwards."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def on_or_before(day: date) -> date:
    """The last business day up to and including `day`."""
    while not is_business_day(day):
        day -= timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    for _ in range(count):
        day = on_or_after(day + timedelta(days=1))
    return day


def _first_sunday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7)


# New South Wales daylight saving: from the first Sunday of October to the first Sunday of April.
_DAYLIGHT_ENDS_STARTS: Final = {
    year: (_first_sunday(year, 4), _first_sunday(year, 10)) for year in range(2020, 2031)
}
_AEST: Final = timedelta(hours=10)
_AEDT: Final = timedelta(hours=11)


def sydney_to_utc(day: date, minutes: int) -> datetime:
    """Sydney wall-clock time (AEST +10, AEDT +11) to UTC; no release falls in a switch hour."""
    ends, starts = _DAYLIGHT_ENDS_STARTS[day.year]
    local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=UTC)
    return local - (_AEDT if day < ends or day >= starts else _AEST)
