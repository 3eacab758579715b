"""Building blocks shared by the synthetic filing generators: categories, window and timing.

An `Announcement` is a planned release on a Sydney business day; `providers.sample.filings` turns
the ones inside the filing window into `Filing`s.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, NamedTuple

from providers.sample.asx_calendar import on_or_before
from providers.sample.draws import SeededDraws
from providers.sample.synthetic import SAMPLE_AS_OF

# The ~18 months of announcements the sample shows, up to the day before the list's date.
FILINGS_FROM: Final = SAMPLE_AS_OF - timedelta(days=545)
FILINGS_TO: Final = SAMPLE_AS_OF - timedelta(days=1)

# document_type values: the ASX announcement categories used by the generator.
ANNUAL_REPORT: Final = "Annual Report"
PRELIMINARY_FINAL_REPORT: Final = "Preliminary Final Report"
HALF_YEARLY_REPORT: Final = "Half Yearly Report"
QUARTERLY_ACTIVITIES_REPORT: Final = "Quarterly Activities Report"
QUARTERLY_CASH_FLOW_REPORT: Final = "Quarterly Cash Flow Report"
NOTICE_OF_MEETING: Final = "Notice of Meeting"
RESULTS_OF_MEETING: Final = "Results of Meeting"
CHAIRMANS_ADDRESS: Final = "Chairman's Address"
DIVIDEND_ANNOUNCEMENT: Final = "Dividend Announcement"
INVESTOR_PRESENTATION: Final = "Investor Presentation"
NET_TANGIBLE_ASSET_BACKING: Final = "Net Tangible Asset Backing"
TRADING_HALT: Final = "Trading Halt"
CAPITAL_RAISING: Final = "Capital Raising"
ISSUED_CAPITAL: Final = "Issued Capital"
PROGRESS_REPORT: Final = "Progress Report"
COMPANY_ADMINISTRATION: Final = "Company Administration"
ASSET_ACQUISITION_DISPOSAL: Final = "Asset Acquisition & Disposal"
SECURITY_HOLDER_DETAILS: Final = "Security Holder Details"
DIRECTORS_INTEREST: Final = "Director's Interest"
ASX_QUERY: Final = "Response to ASX Query"

# Explicit, not `calendar.month_name`, which follows the process locale.
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class Announcement(NamedTuple):
    """Field order is the sort order of a day's releases: time, then title breaks ties."""

    day: date
    minutes: int  # Sydney wall clock, minutes after midnight
    title: str
    document_type: str
    price_sensitive: bool


def month_and_year(day: date) -> str:
    """'June 2025', as ASX titles name a reporting month or quarter."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def pre_open(d: SeededDraws) -> int:
    """A release time before the 10:00 open, when results and price-sensitive news go out."""
    return d.integer(7 * 60 + 30, 8 * 60 + 45)


def any_time(d: SeededDraws) -> int:
    """A release time anywhere in the announcements platform's day (07:30-18:00)."""
    return d.integer(7 * 60 + 30, 18 * 60)


def day_between(d: SeededDraws, first: date, last: date) -> date:
    """A day in [first, last], moved back to a business day so it never passes a deadline."""
    return on_or_before(first + timedelta(days=d.integer(0, (last - first).days)))
