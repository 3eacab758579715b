"""Unscheduled company announcements: capital raisings, news, director and holder notices.

The mix follows the company: explorers announce drilling results, clinical-stage biotechs trial
news, and only companies without profits go through the small-cap placement cycle.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from providers.sample.announcements import (
    ASSET_ACQUISITION_DISPOSAL,
    ASX_QUERY,
    CAPITAL_RAISING,
    COMPANY_ADMINISTRATION,
    DIRECTORS_INTEREST,
    FILINGS_FROM,
    FILINGS_TO,
    INVESTOR_PRESENTATION,
    ISSUED_CAPITAL,
    PROGRESS_REPORT,
    SECURITY_HOLDER_DETAILS,
    TRADING_HALT,
    Announcement,
    any_time,
    pre_open,
)
from providers.sample.asx_calendar import add_business_days, on_or_after
from providers.sample.company import SyntheticCompany
from providers.sample.draws import SeededDraws
from providers.sample.statements import Stage

__all__ = ["ad_hoc_announcements"]

_EXPLORATION_NEWS: Final[tuple[str, ...]] = (
    "Drilling Results",
    "High-Grade Assays Returned",
    "Exploration Update",
    "Mineral Resource Estimate Update",
    "Field Program Commenced",
)
_BIOTECH_NEWS: Final[tuple[str, ...]] = (
    "Clinical Trial Update",
    "First Patient Dosed",
    "Positive Interim Trial Results",
    "Patent Granted",
    "Regulatory Update",
)
_FINANCIAL_NEWS: Final[tuple[str, ...]] = (
    "Business Update",
    "Trading Update",
    "Capital Management Update",
    "Strategic Partnership",
)
_FINANCIAL_GROUPS: Final = frozenset({"Banks", "Insurance", "Financial Services"})
_OPERATING_NEWS: Final[tuple[str, ...]] = (
    "Contract Award",
    "Trading Update",
    "Business Update",
    "Strategic Partnership",
    "Major Customer Contract Extension",
)
_BOARD_CHANGES: Final = (
    "Appointment of Non-Executive Director",
    "Resignation of Director",
    "Change of Company Secretary",
    "Change of Registered Office Address",
)
_SUBSTANTIAL_HOLDER_NOTICES: Final = (
    "Becoming a substantial holder",
    "Change in substantial holding",
)
# `kind` is a uniform draw in [0, 1); below this it is a placement.
_PLACEMENT_SHARE: Final = 0.22


def ad_hoc_announcements(
    ticker: str, company: SyntheticCompany, d: SeededDraws
) -> list[Announcement]:
    """Two to seven unscheduled events on random business days of the filing window.

    A placement counts as one event but yields four announcements (halt, raise, Appendix 3B,
    quotation). Draws are consumed in a fixed order: reordering them changes every output.
    """
    news = _news_titles(company)
    # Profitable companies do not do the small-cap placement cycle: their `kind` starts above it.
    first_kind = 0.0 if company.stage is not Stage.PROFITABLE else _PLACEMENT_SHARE

    events: list[Announcement] = []
    span = (FILINGS_TO - FILINGS_FROM).days
    for _ in range(d.integer(2, 7)):
        day = on_or_after(FILINGS_FROM + timedelta(days=d.integer(0, span)))
        kind = d.uniform(first_kind, 1.0)
        if kind < _PLACEMENT_SHARE:
            events.extend(_placement(ticker, company.market_cap, day, d))
        else:
            events.append(_single_announcement(ticker, company, news, day, kind, d))
    return events


def _news_titles(company: SyntheticCompany) -> tuple[str, ...]:
    stage, cal = company.stage, company.calibration
    if cal.mining and stage is not Stage.PROFITABLE:
        return _EXPLORATION_NEWS
    if cal.name.startswith("Pharmaceuticals") and stage is not Stage.PROFITABLE:
        return _BIOTECH_NEWS
    if cal.name in _FINANCIAL_GROUPS:
        return _FINANCIAL_NEWS
    return _OPERATING_NEWS


def _placement(ticker: str, market_cap: float, day: date, d: SeededDraws) -> list[Announcement]:
    """Trading halt, placement a business day or two later, then the new shares' quotation."""
    amount = max(market_cap * d.uniform(0.05, 0.25) / 1e6, 0.3)
    raise_day = add_business_days(day, d.integer(1, 2))
    halt = Announcement(day, d.integer(7 * 60 + 30, 10 * 60), "Trading Halt", TRADING_HALT, True)
    placement = Announcement(
        raise_day, pre_open(d), f"Placement to Raise A${amount:.1f}m", CAPITAL_RAISING, True
    )
    proposed_issue = Announcement(
        raise_day,
        pre_open(d) + 60,
        f"Proposed issue of securities - {ticker}",
        ISSUED_CAPITAL,
        False,
    )
    quotation = Announcement(
        add_business_days(raise_day, d.integer(5, 9)),
        any_time(d),
        f"Application for quotation of securities - {ticker}",
        ISSUED_CAPITAL,
        False,
    )
    return [halt, placement, proposed_issue, quotation]


def _single_announcement(
    ticker: str,
    company: SyntheticCompany,
    news: tuple[str, ...],
    day: date,
    kind: float,
    d: SeededDraws,
) -> Announcement:
    """One announcement whose category is picked by `kind` in [0.22, 1)."""
    if kind < 0.45:
        return Announcement(day, pre_open(d), d.choice(news), PROGRESS_REPORT, True)
    if kind < 0.60:
        return Announcement(
            day, any_time(d), "Change of Director's Interest Notice", DIRECTORS_INTEREST, False
        )
    if kind < 0.72:
        title = d.choice(_SUBSTANTIAL_HOLDER_NOTICES)
        return Announcement(day, any_time(d), title, SECURITY_HOLDER_DETAILS, False)
    if kind < 0.82:
        return Announcement(
            day, pre_open(d), "Investor Presentation", INVESTOR_PRESENTATION, d.chance(0.3)
        )
    if kind < 0.90:
        title = d.choice(_BOARD_CHANGES)
        return Announcement(day, any_time(d), title, COMPANY_ADMINISTRATION, False)
    profitable = company.stage is Stage.PROFITABLE
    if profitable and kind < 0.96:
        # Larger companies buy back shares; smaller ones grow by acquisition (price sensitive).
        if company.market_cap >= 500.0e6:
            return Announcement(day, pre_open(d), "Notification of buy-back", ISSUED_CAPITAL, False)
        title = "Acquisition of Complementary Business"
        return Announcement(day, pre_open(d), title, ASSET_ACQUISITION_DISPOSAL, True)
    if not profitable and company.market_cap < 300.0e6:
        return Announcement(day, any_time(d), "Response to ASX Price Query", ASX_QUERY, False)
    return Announcement(
        day,
        any_time(d),
        f"Notification regarding unquoted securities - {ticker}",
        ISSUED_CAPITAL,
        False,
    )
