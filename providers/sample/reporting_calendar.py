"""The periodic announcements of a listed company with a 30 June year end.

Quarterly reports (Appendix 5B for explorers, 4C for other small loss makers), full-year results
in August, half-year results in February and an AGM by the end of November, timed as ASX
companies typically lodge them. Ad hoc news is in `providers.sample.ad_hoc_announcements`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from providers.sample.announcements import (
    ANNUAL_REPORT,
    CHAIRMANS_ADDRESS,
    COMPANY_ADMINISTRATION,
    DIVIDEND_ANNOUNCEMENT,
    HALF_YEARLY_REPORT,
    INVESTOR_PRESENTATION,
    NOTICE_OF_MEETING,
    PRELIMINARY_FINAL_REPORT,
    QUARTERLY_ACTIVITIES_REPORT,
    QUARTERLY_CASH_FLOW_REPORT,
    RESULTS_OF_MEETING,
    Announcement,
    any_time,
    day_between,
    month_and_year,
    pre_open,
)
from providers.sample.asx_calendar import on_or_before
from providers.sample.company import SyntheticCompany
from providers.sample.draws import SeededDraws
from providers.sample.statements import Stage

__all__ = ["QUARTER_ENDS", "agm_announcements", "company_reporting_calendar"]

QUARTER_ENDS: Final = (
    date(2024, 6, 30),
    date(2024, 9, 30),
    date(2024, 12, 31),
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
)
_LARGE_CAP: Final = 1.0e9


@dataclass(frozen=True, slots=True)
class _Habits:
    ticker: str
    stage: Stage
    large: bool
    explorer: bool  # a miner without profits: Appendix 5B quarterlies, annual report in September
    results_day: bool  # results released with a presentation, rather than lodged quietly
    pays_dividends: bool


def company_reporting_calendar(
    ticker: str, company: SyntheticCompany, d: SeededDraws
) -> list[Announcement]:
    """Every periodic announcement from mid 2024 to late 2025; the caller trims to the window.

    The draws are consumed in a fixed order (habits, quarterlies, full years, half year, AGMs):
    changing that order changes every company's filings.
    """
    stage, cal = company.stage, company.calibration
    large = company.market_cap >= _LARGE_CAP
    habits = _Habits(
        ticker=ticker,
        stage=stage,
        large=large,
        explorer=cal.mining and stage is not Stage.PROFITABLE,
        results_day=stage is Stage.PROFITABLE and (large or d.chance(0.5)),
        pays_dividends=stage is Stage.PROFITABLE and d.chance(0.65),
    )
    events = _quarterly_reports(habits, cal.mining, d)
    for year in (2024, 2025):
        events.extend(_full_year_results(habits, year, d))
    events.extend(_half_year_results(habits, d))
    for year in (2024, 2025):
        events.extend(agm_announcements(year, large, d))
    return events


def _quarterly_reports(habits: _Habits, mining: bool, d: SeededDraws) -> list[Announcement]:
    """Lodged in the second half of the month after each quarter end (the deadline is its end)."""
    if habits.explorer:
        title = "Quarterly Activities/Appendix 5B Cash Flow Report"
        doc_type = QUARTERLY_ACTIVITIES_REPORT
    elif mining:
        title, doc_type = "Quarterly Activities Report", QUARTERLY_ACTIVITIES_REPORT
    elif habits.stage is not Stage.PROFITABLE and not habits.large and d.chance(0.8):
        # Most small loss makers must lodge 4Cs; the rest have been excused by the ASX.
        title = "Quarterly Activities/Appendix 4C Cash Flow Report"
        doc_type = QUARTERLY_CASH_FLOW_REPORT
    else:
        return []
    events: list[Announcement] = []
    for quarter_end in QUARTER_ENDS:
        month_after = (quarter_end + timedelta(days=1)).replace(day=1)
        month_end = (month_after + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        day = day_between(d, month_after.replace(day=16), month_end)
        events.append(
            Announcement(
                day, pre_open(d), f"{title} - {month_and_year(quarter_end)}", doc_type, True
            )
        )
    return events


def _full_year_results(habits: _Habits, year: int, d: SeededDraws) -> list[Announcement]:
    """Results for the year to 30 June `year`, due by the end of August (explorers: September)."""
    fy = f"FY{year % 100:02d}"
    if habits.explorer:
        # Explorers lodge the full annual report with its Appendix 4G instead of a 4E.
        day = day_between(d, date(year, 9, 18), date(year, 9, 30))
        return [
            Announcement(
                day, any_time(d), f"Annual Report to Shareholders {year}", ANNUAL_REPORT, False
            ),
            Announcement(
                day,
                any_time(d),
                "Appendix 4G and Corporate Governance Statement",
                COMPANY_ADMINISTRATION,
                False,
            ),
        ]
    if habits.results_day:
        day = day_between(d, date(year, 8, 12), date(year, 8, 28))
        morning = pre_open(d)
        events = [
            Announcement(
                day, morning, f"Appendix 4E and {fy} Results", PRELIMINARY_FINAL_REPORT, True
            ),
            Announcement(
                day, morning + 1, f"{fy} Results Presentation", INVESTOR_PRESENTATION, True
            ),
        ]
        if habits.pays_dividends:
            events.append(_dividend(habits.ticker, day, morning + 2))
        report_day = day if d.chance(0.4) else day_between(d, date(year, 9, 8), date(year, 9, 26))
        events.append(
            Announcement(report_day, morning + 3, f"{year} Annual Report", ANNUAL_REPORT, False)
        )
        return events
    day = day_between(d, date(year, 8, 22), date(year, 8, 29))
    return [
        Announcement(
            day,
            any_time(d),
            "Appendix 4E and Annual Report",
            PRELIMINARY_FINAL_REPORT,
            habits.stage is not Stage.PRE_REVENUE,
        )
    ]


def _half_year_results(habits: _Habits, d: SeededDraws) -> list[Announcement]:
    """Results for the half year to 31 December 2024, due by the end of February 2025."""
    if habits.results_day:
        day = day_between(d, date(2025, 2, 10), date(2025, 2, 26))
        morning = pre_open(d)
        events = [
            Announcement(
                day, morning, "Appendix 4D and Half Year Results", HALF_YEARLY_REPORT, True
            ),
            Announcement(
                day, morning + 1, "HY25 Results Presentation", INVESTOR_PRESENTATION, True
            ),
        ]
        if habits.pays_dividends:
            events.append(_dividend(habits.ticker, day, morning + 2))
        return events
    day = day_between(d, date(2025, 2, 20), date(2025, 2, 28))
    return [
        Announcement(
            day,
            any_time(d),
            "Half Year Report and Appendix 4D",
            HALF_YEARLY_REPORT,
            habits.stage is not Stage.PRE_REVENUE,
        )
    ]


def _dividend(ticker: str, day: date, minutes: int) -> Announcement:
    return Announcement(
        day, minutes, f"Dividend/Distribution - {ticker}", DIVIDEND_ANNOUNCEMENT, False
    )


def agm_announcements(year: int, large: bool, d: SeededDraws) -> list[Announcement]:
    """Notice (28+ days ahead, as the Corporations Act requires), results, and the addresses."""
    agm = day_between(d, date(year, 10, 20), date(year, 11, 28))
    notice = on_or_before(agm - timedelta(days=d.integer(29, 36)))
    events = [
        Announcement(
            notice,
            any_time(d),
            "Notice of Annual General Meeting/Proxy Form",
            NOTICE_OF_MEETING,
            False,
        ),
        Announcement(
            agm, d.integer(14 * 60, 17 * 60 + 30), "Results of Meeting", RESULTS_OF_MEETING, False
        ),
    ]
    if large or d.chance(0.3):
        events.append(
            Announcement(
                agm,
                d.integer(9 * 60, 11 * 60),
                "Chair's Address and CEO Presentation to AGM",
                CHAIRMANS_ADDRESS,
                d.chance(0.3),
            )
        )
    return events
