"""The periodic announcements of a listed fund, trust, LIC or ETF-like product.

Funds report differently from companies: a monthly net tangible asset (NTA) backing, quarterly
estimated distributions, and annual and interim reports without results presentations.
"""

from __future__ import annotations

from datetime import date, timedelta

from providers.sample.announcements import (
    ANNUAL_REPORT,
    DIVIDEND_ANNOUNCEMENT,
    HALF_YEARLY_REPORT,
    NET_TANGIBLE_ASSET_BACKING,
    Announcement,
    any_time,
    day_between,
    month_and_year,
    pre_open,
)
from providers.sample.asx_calendar import add_business_days, on_or_before
from providers.sample.draws import SeededDraws
from providers.sample.reporting_calendar import QUARTER_ENDS, agm_announcements

__all__ = ["fund_reporting_calendar"]


def fund_reporting_calendar(ticker: str, d: SeededDraws) -> list[Announcement]:
    """Every periodic announcement of a fund from late 2024 to late 2025 (draws in fixed order)."""
    events: list[Announcement] = []
    # NTA backing for December 2024 to November 2025, a week or two after each month end.
    month_start = date(2024, 12, 1)
    while month_start <= date(2025, 11, 1):
        month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        day = add_business_days(month_end, d.integer(4, 10))
        events.append(
            Announcement(
                day,
                pre_open(d),
                f"Net Tangible Asset Backing - {month_and_year(month_start)}",
                NET_TANGIBLE_ASSET_BACKING,
                False,
            )
        )
        month_start = month_end + timedelta(days=1)
    # Estimated distributions shortly before each quarter end, ahead of the ex-date.
    for quarter_end in QUARTER_ENDS:
        day = on_or_before(quarter_end - timedelta(days=d.integer(5, 12)))
        events.append(
            Announcement(
                day,
                pre_open(d),
                f"Estimated Distribution - {ticker}",
                DIVIDEND_ANNOUNCEMENT,
                False,
            )
        )
    for year in (2024, 2025):
        day = day_between(d, date(year, 8, 20), date(year, 9, 26))
        events.append(Announcement(day, any_time(d), f"{year} Annual Report", ANNUAL_REPORT, False))
    day = day_between(d, date(2025, 2, 18), date(2025, 2, 28))
    events.append(
        Announcement(day, any_time(d), "Interim Financial Report", HALF_YEARLY_REPORT, False)
    )
    if d.chance(0.4):  # listed investment companies hold AGMs; unit trusts and ETFs mostly do not
        events.extend(agm_announcements(2025, False, d))
    return events
