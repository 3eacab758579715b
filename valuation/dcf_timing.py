"""When a DCF's cash flows fall: a valuation date, a stub period and the mid-year convention.

The forecast is one cash flow per fiscal year (Australian companies mostly close on 30 June). A
valuation is rarely made on a fiscal year end, so:

- a year that ends on or before the valuation date is over and is dropped (with a warning);
- the first remaining year is a stub: only the part after the valuation date is still to come,
  so only `fraction` = (its end - valuation date) / (its end - its start) of its cash flow counts,
  its start being the previous fiscal year end (or its end less one year, for the first given);
- times are in years from the valuation date.

Day count: time is counted in fiscal years, as in a practitioner's spreadsheet, where the
discount periods run stub, stub + 1, stub + 2, ... (mid-year: stub / 2, stub + 0.5, ...). A fiscal
year counts its whole months / 12 (the days times 12 / 365.25, rounded), so a calendar year of 365
or 366 days and a 52- or 53-week year each count exactly 1, and a transition year after a change
of balance date counts, say, 0.5. The stub counts `fraction` of its year. Counting whole years
keeps Koller's mid-year adjustment exact: every discount time moves by exactly half a year.

Conventions (Koller, Goedhart and Wessels, Valuation, 7th ed., 2020, ch. 10 "Frameworks for
Valuation", the mid-year adjustment, and ch. 14 "Estimating Continuing Value"):

- year-end: a year's cash flow arrives at its end;
- mid-year: it arrives at the midpoint of the part of the year after the valuation date, since
  cash comes in through the year, not on its last day;
- the exit-multiple terminal value is a price paid at the end of the last year (`exit_time`);
- the perpetuity (Gordon or value-driver) terminal value is one period before its first cash
  flow. With the mid-year convention that flow arrives half-way through year N + 1, so the value
  sits at the end of year N less half a year (`terminal_time`); year-end: at the end of year N.
  Discounting both the explicit flows and the perpetuity half a year less is Koller's mid-year
  adjustment, a factor (1 + WACC)^0.5 on the whole value when there is no stub.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from valuation.errors import ValuationInputError

DAYS_PER_YEAR = 365.25
MONTHS_PER_YEAR = 12
# Undated cash flows (one per year from the valuation date) are placed on this day's anniversaries:
# any day serves, since every whole year counts exactly one.
UNDATED_VALUATION_DATE = date(2001, 1, 1)
YEARS_BEFORE_VALUATION_DATE = "YEARS_BEFORE_VALUATION_DATE"
IRREGULAR_FISCAL_YEAR = "IRREGULAR_FISCAL_YEAR"


@dataclass(frozen=True, slots=True)
class DcfSchedule:
    """The fiscal years still to come at the valuation date and when their cash flows fall.

    `fractions` and `times` have one entry per kept year in `fiscal_year_ends`: the share of the
    year's cash flow still to come (below 1 only for a stub first year) and its discount time in
    years from the valuation date. `warning_codes` are stable codes in the order of `warnings`.
    """

    valuation_date: date
    mid_year: bool
    fiscal_year_ends: tuple[date, ...]  # kept: the years ending after the valuation date
    fractions: tuple[float, ...]
    times: tuple[float, ...]
    terminal_time: float  # of the perpetuity (Gordon / value-driver) terminal value
    exit_time: float  # of the exit-multiple terminal value: the end of the last year
    dropped: tuple[date, ...]  # years ending on or before the valuation date
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]


def dcf_schedule(
    fiscal_year_ends: Sequence[date], valuation_date: date, mid_year: bool = True
) -> DcfSchedule:
    """The discount schedule of fiscal years ending on `fiscal_year_ends` (oldest first), valued
    at `valuation_date`; see the module docstring for the conventions."""
    ends = tuple(fiscal_year_ends)
    if not ends:
        raise ValuationInputError("A DCF schedule needs at least one fiscal year end.")
    if any(later <= earlier for earlier, later in pairwise(ends)):
        raise ValuationInputError("Fiscal year ends must be strictly increasing, oldest first.")
    dropped = tuple(end for end in ends if end <= valuation_date)
    kept = ends[len(dropped) :]
    if not kept:
        raise ValuationInputError(
            f"Every fiscal year ends on or before the valuation date {valuation_date.isoformat()}:"
            " no cash flow is left to value."
        )
    first_start = dropped[-1] if dropped else add_years(kept[0], -1)
    if valuation_date < first_start:
        raise ValuationInputError(
            f"The valuation date {valuation_date.isoformat()} is before the first fiscal year "
            f"begins ({first_start.isoformat()}): the cash flows in between are not forecast. "
            "Add the fiscal year that contains the valuation date."
        )
    starts = (first_start, *kept[:-1])
    lengths = [_length_in_years(start, end) for start, end in zip(starts, kept, strict=True)]
    fraction = (kept[0] - valuation_date).days / (kept[0] - first_start).days
    fractions = (fraction, *([1.0] * (len(kept) - 1)))

    ends_in_years: list[float] = []
    times: list[float] = []
    elapsed = 0.0
    for share, length in zip(fractions, lengths, strict=True):
        span = share * length  # the part of the year after the valuation date
        times.append(elapsed + span / 2 if mid_year else elapsed + span)
        elapsed += span
        ends_in_years.append(elapsed)
    exit_time = ends_in_years[-1]

    warnings: list[tuple[str, str]] = []
    if dropped:
        listed = ", ".join(end.isoformat() for end in dropped)
        warnings.append(
            (
                YEARS_BEFORE_VALUATION_DATE,
                f"Fiscal years ending on or before the valuation date "
                f"{valuation_date.isoformat()} are over and not valued: {listed}.",
            )
        )
    irregular = [end for end, length in zip(kept, lengths, strict=True) if length != 1.0]
    if irregular:
        listed = ", ".join(end.isoformat() for end in irregular)
        warnings.append(
            (
                IRREGULAR_FISCAL_YEAR,
                f"The fiscal years ending {listed} are not twelve months long: their cash flows "
                "are taken as given for the period, and a short or long final year misstates "
                "the terminal value's base.",
            )
        )
    return DcfSchedule(
        valuation_date=valuation_date,
        mid_year=mid_year,
        fiscal_year_ends=kept,
        fractions=fractions,
        times=tuple(times),
        terminal_time=exit_time - 0.5 if mid_year else exit_time,
        exit_time=exit_time,
        dropped=dropped,
        warnings=tuple(message for _, message in warnings),
        warning_codes=tuple(code for code, _ in warnings),
    )


def undated_schedule(years: int, mid_year: bool) -> DcfSchedule:
    """The schedule of `years` whole years from the valuation date, for cash flows given without
    dates (the what-if scenario's): `dcf_schedule` over fiscal years ending on the anniversaries
    of a nominal valuation date, so that its conventions hold here too. No stub; year-end times
    1..N with the perpetuity at N; mid-year 0.5..N - 0.5 with the perpetuity at N - 0.5."""
    if years < 1:
        raise ValuationInputError("A DCF schedule needs at least one year.")
    ends = [add_years(UNDATED_VALUATION_DATE, k) for k in range(1, years + 1)]
    return dcf_schedule(ends, UNDATED_VALUATION_DATE, mid_year)


def add_years(day: date, years: int) -> date:
    """The same month and day `years` later (or earlier); a month end stays a month end, so
    29 February 2024 gives 28 February 2025 and 28 February 2027 gives 29 February 2028."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, day.month, last)
    return date(year, day.month, min(day.day, last))


def _length_in_years(start: date, end: date) -> float:
    months = round((end - start).days * MONTHS_PER_YEAR / DAYS_PER_YEAR)
    if months < 1:
        raise ValuationInputError(
            f"The fiscal year ending {end.isoformat()} is shorter than a month: fiscal year ends "
            "should be about a year apart."
        )
    return months / MONTHS_PER_YEAR
