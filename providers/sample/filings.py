"""Deterministic synthetic ASX announcements (filings) for the sample dataset.

Each company's announcements are drawn from its own `SeededDraws(ticker, "filings")` stream, in a
fixed order: the periodic calendar first, then ad hoc news, then top-ups if too few fell inside
the window. The company behind them is the same one `synthetic_market_data` reports, so a
loss-making explorer raises capital and a large profitable company holds a results day.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Final

from providers.models import Filing
from providers.sample.ad_hoc_announcements import ad_hoc_announcements
from providers.sample.announcements import FILINGS_FROM, FILINGS_TO, Announcement
from providers.sample.asx_calendar import sydney_to_utc
from providers.sample.company import synthetic_company
from providers.sample.draws import SeededDraws
from providers.sample.fund_calendar import fund_reporting_calendar
from providers.sample.reporting_calendar import company_reporting_calendar
from providers.sample.synthetic import SAMPLE_PROVENANCE

__all__ = ["synthetic_filings"]

_MIN_FILINGS: Final = 10
_MAX_FILINGS: Final = 25
# The ASX's label for funds, trusts, LICs and ETF-like products, which sit outside GICS.
_FUND_LABEL: Final = "not applic"


def synthetic_filings(ticker: str, gics_industry_group: str | None) -> tuple[Filing, ...]:
    """About 10-25 synthetic ASX announcements of the ~18 months to `SAMPLE_AS_OF`, newest first.

    The reporting rhythm follows the company's GICS group and its synthetic stage: explorers
    lodge Appendix 5B quarterlies, other loss-making small caps Appendix 4C, everyone June-year
    results (Appendix 4E in August, Appendix 4D in February) and an AGM in October/November.
    `released_at` is UTC, converted from Sydney wall-clock release times.

    Funds get monthly NTA backing and distributions instead, but only when passed the ASX's raw
    "Not Applic" label. `None` also covers "Class Pend" (new listings awaiting a GICS group) and
    unknown tickers, so it cannot tell a fund from an unclassified company; it gets the general
    company calendar, as NTA backing for an operating company would be the worse mistake. The
    sample provider maps both placeholders to `None`, so the funds it serves get that calendar.
    """
    return _filings(ticker, gics_industry_group)


def _is_fund(gics_industry_group: str | None) -> bool:
    return gics_industry_group is not None and gics_industry_group.casefold() == _FUND_LABEL


@lru_cache(maxsize=8192)
def _filings(ticker: str, gics_industry_group: str | None) -> tuple[Filing, ...]:
    company = synthetic_company(ticker, gics_industry_group)
    d = SeededDraws(ticker, "filings")
    if _is_fund(gics_industry_group):
        events = fund_reporting_calendar(ticker, d)
    else:
        events = company_reporting_calendar(ticker, company, d)
        events.extend(ad_hoc_announcements(ticker, company, d))
    events = _in_window(events)
    while len(events) < _MIN_FILINGS:
        events.extend(ad_hoc_announcements(ticker, company, d))
        events = _in_window(events)

    events.sort()  # by day, then time of day (then title: a total, deterministic order)
    events = events[-_MAX_FILINGS:]  # the most recent, as a company's announcements page shows
    filings = [_filing(ticker, event, number) for event, number in _numbered_per_day(events)]
    filings.reverse()
    return tuple(filings)


def _in_window(events: list[Announcement]) -> list[Announcement]:
    return [e for e in events if FILINGS_FROM <= e.day <= FILINGS_TO]


def _numbered_per_day(events: list[Announcement]) -> list[tuple[Announcement, int]]:
    """Each event with its 1-based position among the same day's events, for a stable id."""
    per_day: dict[date, int] = {}
    numbered: list[tuple[Announcement, int]] = []
    for event in events:
        per_day[event.day] = per_day.get(event.day, 0) + 1
        numbered.append((event, per_day[event.day]))
    return numbered


def _filing(ticker: str, event: Announcement, number: int) -> Filing:
    return Filing(
        id=f"{ticker}-{event.day:%Y%m%d}-{number}",
        ticker=ticker,
        title=event.title,
        document_type=event.document_type,
        released_at=sydney_to_utc(event.day, event.minutes),
        price_sensitive=event.price_sensitive,
        url=None,
        provenance=SAMPLE_PROVENANCE,
    )
