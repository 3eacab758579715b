"""Deterministic synthetic market data, financial statements and filings for the sample dataset.

The ASX company list is real; the figures of listed companies are not open data, so we generate
them. Every figure is marked `synthetic=True` by its provenance, and is:

* Deterministic: each draw comes from `random.Random(seed).random()`, with the seed taken from
  sha256 of f"{ticker}:{purpose}" (never `hash()`, numpy or `random.gauss`, whose streams are not
  guaranteed across versions or processes). Normals come from `statistics.NormalDist().inv_cdf`.
  Money is rounded to A$1,000 and prices to ASX ticks, so last-ulp differences in libm cannot show.
* Calibrated per GICS industry group (see `providers.sample.calibration`): a profitable company's
  EBITDA is sized from its market capitalisation so that EV/EBITDA lands near the group's multiple.
* Coherent: EV = market cap + net debt of the latest fiscal year; EBITDA >= EBIT; net income is
  after interest and 30 % tax; the beta is the group's asset beta relevered (Hamada) at the
  company's debt / equity.

Net debt is borrowings less cash and excludes AASB 16 lease liabilities (reported separately), so
enterprise value, like the brief asks, is market cap + net debt; a consumer wanting lease-adjusted
EV should add `lease_liabilities`.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from functools import lru_cache
from hashlib import sha256
from pathlib import Path
from statistics import NormalDist
from typing import Final, NamedTuple, TypeVar

from providers.models import (
    DataSource,
    Filing,
    FinancialPeriod,
    FinancialStatements,
    MarketData,
    Provenance,
)
from providers.sample.calibration import IndustryCalibration, calibration_for

__all__ = [
    "SAMPLE_AS_OF",
    "synthetic_filings",
    "synthetic_financials",
    "synthetic_market_data",
]

SAMPLE_AS_OF: Final[date] = date(2025, 12, 5)
"""Date of the ASX company list; synthetic market data is "as of" this date."""

_PROVENANCE: Final = Provenance(DataSource.SAMPLE, SAMPLE_AS_OF, synthetic=True)
_ASX_LIST: Final = Path(__file__).parent / "data" / "ASXListedCompanies_2025-12-05.csv"

_TAX_RATE: Final = 0.30
_FISCAL_YEAR_ENDS: Final = tuple(date(year, 6, 30) for year in range(2021, 2026))
_COST_OF_DEBT: Final = 0.065
_INTEREST_ON_CASH: Final = 0.035
_LEASE_RATE: Final = 0.055

# Market cap: log-normal around the group's median, tilted by stage, with a fatter right tail
# (split normal). Calibrated so the whole ASX list has a median near A$80m and ~2 % above A$10bn.
_SIGMA_BELOW: Final = 1.35
_SIGMA_ABOVE: Final = 1.85
_MIN_MARKET_CAP: Final = 1.0e6
_MAX_MARKET_CAP: Final = 350.0e9
# Price: penny stocks for micro caps, tens of dollars for large caps (log10 regression on size).
_PRICE_AT_80M_LOG10: Final = -0.55
_PRICE_SLOPE: Final = 0.72
_PRICE_NOISE_LOG10: Final = 0.35
_MIN_PRICE: Final = 0.005
_MAX_PRICE: Final = 150.0
_MIN_BETA: Final = 0.3
_MAX_BETA: Final = 2.5

_STD_NORMAL: Final = NormalDist()
_EPS: Final = 1e-12


class _Stage(Enum):
    PROFITABLE = "profitable"
    LOSS_MAKING = "loss-making"
    PRE_REVENUE = "pre-revenue"


_STAGE_TILT: Final = {
    _Stage.PROFITABLE: 0.75,
    _Stage.LOSS_MAKING: -0.25,
    _Stage.PRE_REVENUE: -0.35,
}

_T = TypeVar("_T")


class _Draws:
    """Uniform draws from `random.Random(seed).random()` and inverse transforms built on them."""

    __slots__ = ("_next",)

    def __init__(self, ticker: str, purpose: str) -> None:
        digest = sha256(f"{ticker}:{purpose}".encode()).digest()
        self._next = random.Random(int.from_bytes(digest[:8], "big")).random

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        return low + (high - low) * self._next()

    def normal(self, mean: float = 0.0, sd: float = 1.0, clip: float = 3.5) -> float:
        u = min(max(self._next(), _EPS), 1.0 - _EPS)
        z = min(max(_STD_NORMAL.inv_cdf(u), -clip), clip)
        return mean + sd * z

    def lognormal(self, median: float, sigma: float, clip: float = 3.0) -> float:
        return median * math.exp(self.normal(0.0, sigma, clip))

    def chance(self, probability: float) -> bool:
        return self._next() < probability

    def integer(self, low: int, high: int) -> int:
        """Uniform integer in [low, high]."""
        return min(low + int(self._next() * (high - low + 1)), high)

    def choice(self, options: tuple[_T, ...]) -> _T:
        return options[self.integer(0, len(options) - 1)]


def _clip(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _thousands(value: float) -> float:
    """Round AUD to the nearest thousand, as annual reports present them ($'000)."""
    return float(round(value / 1000.0) * 1000)


def _tick(price: float) -> float:
    """Round to the ASX price step: 0.1c below 10c, 0.5c below A$2, 1c above."""
    if price < 0.10:
        step, places = 0.001, 3
    elif price < 2.0:
        step, places = 0.005, 3
    else:
        step, places = 0.01, 2
    return round(round(price / step) * step, places)


@dataclass(frozen=True, slots=True)
class _Company:
    stage: _Stage
    calibration: IndustryCalibration
    price: float
    shares: float
    market_cap: float
    beta: float
    periods: tuple[FinancialPeriod, ...]


@lru_cache(maxsize=8192)
def _company(ticker: str, gics_industry_group: str | None) -> _Company:
    cal = calibration_for(gics_industry_group)

    stage_draw = _Draws(ticker, "stage").uniform()
    if stage_draw < cal.pre_revenue_share:
        stage = _Stage.PRE_REVENUE
    elif stage_draw < cal.pre_revenue_share + cal.loss_making_share:
        stage = _Stage.LOSS_MAKING
    else:
        stage = _Stage.PROFITABLE

    size = _Draws(ticker, "size")
    z = size.normal(clip=4.0)
    log_cap = (
        math.log(cal.market_cap_median)
        + _STAGE_TILT[stage]
        + z * (_SIGMA_ABOVE if z > 0 else _SIGMA_BELOW)
    )
    target_cap = _clip(math.exp(log_cap), _MIN_MARKET_CAP, _MAX_MARKET_CAP)
    log10_price = (
        _PRICE_AT_80M_LOG10
        + _PRICE_SLOPE * math.log10(target_cap / 80.0e6)
        + size.normal(0.0, _PRICE_NOISE_LOG10)
    )
    price = _tick(_clip(10.0**log10_price, _MIN_PRICE, _MAX_PRICE))
    shares = float(max(round(target_cap / price), 1))
    market_cap = shares * price

    periods = _periods(ticker, cal, stage, market_cap)
    latest = periods[-1]

    # Hamada: beta_L = beta_U * (1 + (1 - t) * D / E), debt including lease liabilities.
    debt = max(latest.net_debt, 0.0) + latest.lease_liabilities
    asset_beta = _Draws(ticker, "beta").lognormal(cal.unlevered_beta, 0.22, clip=2.5)
    levered = asset_beta * (1.0 + (1.0 - _TAX_RATE) * debt / market_cap)
    beta = round(_clip(levered, _MIN_BETA, _MAX_BETA), 2)

    return _Company(stage, cal, price, shares, market_cap, beta, periods)


def _periods(
    ticker: str, cal: IndustryCalibration, stage: _Stage, market_cap: float
) -> tuple[FinancialPeriod, ...]:
    """Five fiscal years, oldest first, built backwards from the latest (FY2025)."""
    d = _Draws(ticker, "financials")
    n = len(_FISCAL_YEAR_ENDS)
    latest = n - 1

    revenue = [0.0] * (n + 1)  # index 0 is FY2020, only used for the FY2021 working capital
    ebitda = [0.0] * n
    net_debt = [0.0] * n
    nd_ratios = [0.0] * n  # profitable companies: net debt / EBITDA of each year

    if stage is _Stage.PROFITABLE:
        nd_ratio = d.uniform(cal.net_debt_to_ebitda_low, cal.net_debt_to_ebitda_high)
        multiple = d.lognormal(cal.ev_ebitda_median, cal.ev_ebitda_sigma, clip=2.5)
        multiple = max(multiple, nd_ratio + 2.0, 2.5)  # keeps EBITDA positive and sane
        # EV = market cap + nd_ratio * EBITDA = multiple * EBITDA
        ebitda[latest] = market_cap / (multiple - nd_ratio)
        net_debt[latest] = nd_ratio * ebitda[latest]
        margin = d.uniform(cal.ebitda_margin_low, cal.ebitda_margin_high)
        revenue[n] = ebitda[latest] / margin
        growth_mean = cal.revenue_growth_mean
        nd_noise = 0.3 * (cal.net_debt_to_ebitda_high - cal.net_debt_to_ebitda_low)
        for t in range(latest):
            nd_ratios[t] = nd_ratio + d.normal(0.0, nd_noise, clip=2.0)
    elif stage is _Stage.LOSS_MAKING:
        revenue[n] = market_cap / d.lognormal(cal.loss_maker_price_to_sales, 0.6)
        margin = d.uniform(-0.60, -0.03)
        ebitda[latest] = revenue[n] * margin
        if d.chance(0.2):  # debt-funded loss maker
            net_debt[latest] = revenue[n] * d.uniform(0.1, 0.6)
        else:  # cash from the last raise
            net_debt[latest] = -market_cap * d.uniform(0.05, 0.35)
        growth_mean = cal.revenue_growth_mean + 0.10
    else:
        # Explorers and clinical-stage biotechs: zero or tiny (interest, grants, other) revenue.
        revenue[n] = 0.0 if d.chance(0.45) else min(market_cap * d.uniform(0.0, 0.01), 0.5e6)
        margin = 0.0
        ebitda[latest] = -(d.uniform(0.3e6, 1.0e6) + market_cap * d.uniform(0.03, 0.15))
        net_debt[latest] = -market_cap * d.uniform(0.05, 0.40)
        growth_mean = 0.0

    # Revenue history, backwards (revenue[t + 1] is fiscal year t; revenue[0] is FY2020).
    for t in range(n, 0, -1):
        if stage is _Stage.PRE_REVENUE:
            revenue[t - 1] = revenue[t] * d.uniform(0.0, 1.5)
        else:
            growth = _clip(d.normal(growth_mean, cal.revenue_growth_vol), -0.5, 1.5)
            revenue[t - 1] = revenue[t] / (1.0 + growth)

    da_ratio = cal.da_to_revenue * d.lognormal(1.0, 0.25, clip=2.0)
    capex_ratio = cal.capex_to_revenue * d.lognormal(1.0, 0.35, clip=2.0)
    lease_ratio = cal.lease_liabilities_to_revenue * d.lognormal(1.0, 0.3, clip=2.0)
    pre_revenue_da = market_cap * d.uniform(0.001, 0.01)
    pre_revenue_capex = market_cap * (d.uniform(0.02, 0.15) if cal.mining else d.uniform(0.0, 0.02))
    pre_revenue_lease = d.uniform(0.0, 0.3e6) if d.chance(0.5) else 0.0

    periods: list[FinancialPeriod] = []
    for t, year_end in enumerate(_FISCAL_YEAR_ENDS):
        rev = revenue[t + 1]
        if stage is _Stage.PROFITABLE:
            if t != latest:
                ebitda[t] = rev * margin * d.lognormal(1.0, 0.12, clip=2.5)
                net_debt[t] = nd_ratios[t] * ebitda[t]
        elif stage is _Stage.LOSS_MAKING:
            if t != latest:
                ebitda[t] = rev * margin * d.lognormal(1.0, 0.3, clip=2.5)
                net_debt[t] = net_debt[latest] * d.lognormal(1.0, 0.4, clip=2.5)
        elif t != latest:
            ebitda[t] = ebitda[latest] * d.lognormal(1.0, 0.3, clip=2.5)
            net_debt[t] = net_debt[latest] * d.lognormal(1.0, 0.5, clip=2.5)

        if stage is _Stage.PRE_REVENUE:
            da = pre_revenue_da * d.lognormal(1.0, 0.2)
            capex = pre_revenue_capex * d.lognormal(1.0, 0.4)
            leases = pre_revenue_lease * d.uniform(0.6, 1.2)
            delta_wc = d.normal(0.0, 0.02) * abs(ebitda[t])
        else:
            da = rev * da_ratio * d.lognormal(1.0, 0.1)
            capex = rev * capex_ratio * d.lognormal(1.0, 0.25)
            leases = rev * lease_ratio * d.lognormal(1.0, 0.1)
            delta_wc = cal.working_capital_to_revenue * (rev - revenue[t]) + rev * d.normal(
                0.0, 0.01
            )

        rev_k = _thousands(rev)
        ebitda_k = _thousands(ebitda[t])
        da_k = _thousands(max(da, 0.0))
        net_debt_k = _thousands(net_debt[t])
        leases_k = _thousands(max(leases, 0.0))
        ebit_k = ebitda_k - da_k
        interest = (
            _COST_OF_DEBT * max(net_debt_k, 0.0)
            - _INTEREST_ON_CASH * max(-net_debt_k, 0.0)
            + _LEASE_RATE * leases_k
        )
        pre_tax = ebit_k - interest
        # Tax losses are not recognised as deferred tax assets: no tax credit on a loss.
        net_income = pre_tax * (1.0 - _TAX_RATE) if pre_tax > 0 else pre_tax
        periods.append(
            FinancialPeriod(
                fiscal_year_end=year_end,
                revenue=rev_k,
                ebitda=ebitda_k,
                ebit=ebit_k,
                net_income=_thousands(net_income),
                depreciation_and_amortisation=da_k,
                capital_expenditure=_thousands(max(capex, 0.0)),
                change_in_working_capital=_thousands(delta_wc),
                net_debt=net_debt_k,
                lease_liabilities=leases_k,
            )
        )
    return tuple(periods)


def synthetic_market_data(ticker: str, gics_industry_group: str | None) -> MarketData:
    """Synthetic market figures as of `SAMPLE_AS_OF`, consistent with `synthetic_financials`.

    Market cap is price x shares; EV is market cap + net debt of the latest fiscal year (FY2025).
    """
    company = _company(ticker, gics_industry_group)
    return MarketData(
        ticker=ticker,
        price=company.price,
        shares_outstanding=company.shares,
        market_cap=company.market_cap,
        enterprise_value=company.market_cap + company.periods[-1].net_debt,
        beta=company.beta,
        as_of=SAMPLE_AS_OF,
        provenance=_PROVENANCE,
    )


def synthetic_financials(ticker: str, gics_industry_group: str | None) -> FinancialStatements:
    """Synthetic annual statements for the fiscal years ending 30 June 2021..2025, oldest first."""
    company = _company(ticker, gics_industry_group)
    return FinancialStatements(
        ticker=ticker, currency="AUD", periods=company.periods, provenance=_PROVENANCE
    )


# --------------------------------------------------------------------------------------------
# Filings
# --------------------------------------------------------------------------------------------

_FILINGS_FROM: Final = SAMPLE_AS_OF - timedelta(days=545)
_FILINGS_TO: Final = SAMPLE_AS_OF - timedelta(days=1)
_MIN_FILINGS: Final = 10
_MAX_FILINGS: Final = 25

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
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

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


def _is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _ASX_HOLIDAYS


def _on_or_after(day: date) -> date:
    while not _is_business_day(day):
        day += timedelta(days=1)
    return day


def _on_or_before(day: date) -> date:
    while not _is_business_day(day):
        day -= timedelta(days=1)
    return day


def _add_business_days(day: date, count: int) -> date:
    for _ in range(count):
        day = _on_or_after(day + timedelta(days=1))
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


def _sydney_to_utc(day: date, minutes: int) -> datetime:
    """Sydney wall-clock time (AEST +10, AEDT +11) to UTC; no release falls in a switch hour."""
    ends, starts = _DAYLIGHT_ENDS_STARTS[day.year]
    local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=UTC)
    return local - (_AEDT if day < ends or day >= starts else _AEST)


class _Event(NamedTuple):
    day: date
    minutes: int  # Sydney wall clock, minutes after midnight
    title: str
    document_type: str
    price_sensitive: bool


@lru_cache(maxsize=1)
def _listed_groups() -> dict[str, str]:
    """Ticker -> GICS industry group from the bundled ASX list (empty if the file is missing)."""
    try:
        with _ASX_LIST.open(newline="", encoding="utf-8") as handle:
            next(handle)  # banner: "ASX listed companies as at ..."
            next(handle)  # blank line
            return {
                row["ASX code"].strip(): row["GICS industry group"].strip()
                for row in csv.DictReader(handle)
                if row.get("ASX code")
            }
    except OSError:
        return {}


def synthetic_filings(ticker: str) -> tuple[Filing, ...]:
    """About 10-25 synthetic ASX announcements of the ~18 months to `SAMPLE_AS_OF`, newest first.

    The reporting rhythm follows the company's GICS group (looked up in the bundled ASX list) and
    its synthetic stage: explorers lodge Appendix 5B quarterlies, other loss-making small caps
    Appendix 4C, funds and trusts ("Not Applic") monthly NTA backing, everyone June-year results
    (Appendix 4E in August, Appendix 4D in February) and an AGM in October/November.
    `released_at` is UTC, converted from Sydney wall-clock release times.
    """
    return _filings(ticker)


@lru_cache(maxsize=8192)
def _filings(ticker: str) -> tuple[Filing, ...]:
    group = _listed_groups().get(ticker)
    company = _company(ticker, group)
    d = _Draws(ticker, "filings")
    if group is not None and group.casefold() == "not applic":
        events = _fund_events(ticker, d)
    else:
        events = _company_events(ticker, company, d)
    events = [e for e in events if _FILINGS_FROM <= e.day <= _FILINGS_TO]
    while len(events) < _MIN_FILINGS:
        events.extend(_ad_hoc_events(ticker, company, d))
        events = [e for e in events if _FILINGS_FROM <= e.day <= _FILINGS_TO]

    events.sort()  # by day, then time of day (then title: a total, deterministic order)
    events = events[-_MAX_FILINGS:]
    per_day: dict[date, int] = {}
    filings: list[Filing] = []
    for event in events:
        number = per_day.get(event.day, 0) + 1
        per_day[event.day] = number
        filings.append(
            Filing(
                id=f"{ticker}-{event.day.year}{event.day.month:02d}{event.day.day:02d}-{number}",
                ticker=ticker,
                title=event.title,
                document_type=event.document_type,
                released_at=_sydney_to_utc(event.day, event.minutes),
                price_sensitive=event.price_sensitive,
                url=None,
                provenance=_PROVENANCE,
            )
        )
    filings.reverse()
    return tuple(filings)


def _pre_open(d: _Draws) -> int:
    return d.integer(7 * 60 + 30, 8 * 60 + 45)


def _any_time(d: _Draws) -> int:
    return d.integer(7 * 60 + 30, 18 * 60)


def _day_between(d: _Draws, first: date, last: date) -> date:
    return _on_or_before(first + timedelta(days=d.integer(0, (last - first).days)))


def _quarter_name(quarter_end: date) -> str:
    return f"{_MONTHS[quarter_end.month - 1]} {quarter_end.year}"


_QUARTER_ENDS: Final = (
    date(2024, 6, 30),
    date(2024, 9, 30),
    date(2024, 12, 31),
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
)


def _company_events(ticker: str, company: _Company, d: _Draws) -> list[_Event]:
    stage, cal = company.stage, company.calibration
    large = company.market_cap >= 1.0e9
    explorer = cal.mining and stage is not _Stage.PROFITABLE
    results_day_firms = stage is _Stage.PROFITABLE and (large or d.chance(0.5))
    pays_dividends = stage is _Stage.PROFITABLE and d.chance(0.65)
    events: list[_Event] = []

    # Quarterly reports, lodged in the month after each quarter end.
    if explorer:
        quarterly: tuple[str, str, bool] | None = (
            "Quarterly Activities/Appendix 5B Cash Flow Report",
            QUARTERLY_ACTIVITIES_REPORT,
            True,
        )
    elif cal.mining:
        quarterly = ("Quarterly Activities Report", QUARTERLY_ACTIVITIES_REPORT, True)
    elif stage is not _Stage.PROFITABLE and company.market_cap < 1.0e9 and d.chance(0.8):
        quarterly = (
            "Quarterly Activities/Appendix 4C Cash Flow Report",
            QUARTERLY_CASH_FLOW_REPORT,
            True,
        )
    else:
        quarterly = None
    if quarterly is not None:
        title, doc_type, sensitive = quarterly
        for quarter_end in _QUARTER_ENDS:
            month_after = (quarter_end + timedelta(days=1)).replace(day=1)
            month_end = (month_after + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            day = _day_between(d, month_after.replace(day=16), month_end)
            events.append(
                _Event(
                    day,
                    _pre_open(d),
                    f"{title} - {_quarter_name(quarter_end)}",
                    doc_type,
                    sensitive,
                )
            )

    # Full-year results for FY2024 and FY2025 (30 June year end).
    for year in (2024, 2025):
        fy = f"FY{year % 100:02d}"
        if explorer:
            day = _day_between(d, date(year, 9, 18), date(year, 9, 30))
            events.append(
                _Event(
                    day, _any_time(d), f"Annual Report to Shareholders {year}", ANNUAL_REPORT, False
                )
            )
            events.append(
                _Event(
                    day,
                    _any_time(d),
                    "Appendix 4G and Corporate Governance Statement",
                    COMPANY_ADMINISTRATION,
                    False,
                )
            )
        elif results_day_firms:
            day = _day_between(d, date(year, 8, 12), date(year, 8, 28))
            morning = _pre_open(d)
            events.append(
                _Event(
                    day, morning, f"Appendix 4E and {fy} Results", PRELIMINARY_FINAL_REPORT, True
                )
            )
            events.append(
                _Event(day, morning + 1, f"{fy} Results Presentation", INVESTOR_PRESENTATION, True)
            )
            if pays_dividends:
                events.append(
                    _Event(
                        day,
                        morning + 2,
                        f"Dividend/Distribution - {ticker}",
                        DIVIDEND_ANNOUNCEMENT,
                        False,
                    )
                )
            report_day = (
                day if d.chance(0.4) else _day_between(d, date(year, 9, 8), date(year, 9, 26))
            )
            events.append(
                _Event(report_day, morning + 3, f"{year} Annual Report", ANNUAL_REPORT, False)
            )
        else:
            day = _day_between(d, date(year, 8, 22), date(year, 8, 29))
            events.append(
                _Event(
                    day,
                    _any_time(d),
                    "Appendix 4E and Annual Report",
                    PRELIMINARY_FINAL_REPORT,
                    stage is not _Stage.PRE_REVENUE,
                )
            )

    # Half-year to 31 December 2024.
    if results_day_firms:
        day = _day_between(d, date(2025, 2, 10), date(2025, 2, 26))
        morning = _pre_open(d)
        events.append(
            _Event(day, morning, "Appendix 4D and Half Year Results", HALF_YEARLY_REPORT, True)
        )
        events.append(
            _Event(day, morning + 1, "HY25 Results Presentation", INVESTOR_PRESENTATION, True)
        )
        if pays_dividends:
            events.append(
                _Event(
                    day,
                    morning + 2,
                    f"Dividend/Distribution - {ticker}",
                    DIVIDEND_ANNOUNCEMENT,
                    False,
                )
            )
    else:
        day = _day_between(d, date(2025, 2, 20), date(2025, 2, 28))
        events.append(
            _Event(
                day,
                _any_time(d),
                "Half Year Report and Appendix 4D",
                HALF_YEARLY_REPORT,
                stage is not _Stage.PRE_REVENUE,
            )
        )

    # Annual general meetings (within five months of the year end: by 30 November).
    for year in (2024, 2025):
        events.extend(_agm_events(year, large, d))

    events.extend(_ad_hoc_events(ticker, company, d))
    return events


def _agm_events(year: int, large: bool, d: _Draws) -> list[_Event]:
    agm = _day_between(d, date(year, 10, 20), date(year, 11, 28))
    notice = _on_or_before(agm - timedelta(days=d.integer(29, 36)))
    events = [
        _Event(
            notice,
            _any_time(d),
            "Notice of Annual General Meeting/Proxy Form",
            NOTICE_OF_MEETING,
            False,
        ),
        _Event(
            agm, d.integer(14 * 60, 17 * 60 + 30), "Results of Meeting", RESULTS_OF_MEETING, False
        ),
    ]
    if large or d.chance(0.3):
        events.append(
            _Event(
                agm,
                d.integer(9 * 60, 11 * 60),
                "Chair's Address and CEO Presentation to AGM",
                CHAIRMANS_ADDRESS,
                d.chance(0.3),
            )
        )
    return events


def _fund_events(ticker: str, d: _Draws) -> list[_Event]:
    """Funds, trusts, LICs and ETF-like products: NTA backing, distributions, periodic reports."""
    events: list[_Event] = []
    month_start = date(2024, 12, 1)
    while month_start <= date(2025, 11, 1):
        month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        day = _add_business_days(month_end, d.integer(4, 10))
        events.append(
            _Event(
                day,
                _pre_open(d),
                f"Net Tangible Asset Backing - {_MONTHS[month_start.month - 1]} {month_start.year}",
                NET_TANGIBLE_ASSET_BACKING,
                False,
            )
        )
        month_start = month_end + timedelta(days=1)
    for quarter_end in _QUARTER_ENDS:
        day = _on_or_before(quarter_end - timedelta(days=d.integer(5, 12)))
        events.append(
            _Event(
                day,
                _pre_open(d),
                f"Estimated Distribution - {ticker}",
                DIVIDEND_ANNOUNCEMENT,
                False,
            )
        )
    for year in (2024, 2025):
        day = _day_between(d, date(year, 8, 20), date(year, 9, 26))
        events.append(_Event(day, _any_time(d), f"{year} Annual Report", ANNUAL_REPORT, False))
    day = _day_between(d, date(2025, 2, 18), date(2025, 2, 28))
    events.append(_Event(day, _any_time(d), "Interim Financial Report", HALF_YEARLY_REPORT, False))
    if d.chance(0.4):  # listed investment companies hold AGMs; unit trusts and ETFs mostly do not
        events.extend(_agm_events(2025, False, d))
    return events


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


def _ad_hoc_events(ticker: str, company: _Company, d: _Draws) -> list[_Event]:
    stage, cal = company.stage, company.calibration
    if cal.mining and stage is not _Stage.PROFITABLE:
        news = _EXPLORATION_NEWS
    elif cal.name.startswith("Pharmaceuticals") and stage is not _Stage.PROFITABLE:
        news = _BIOTECH_NEWS
    elif cal.name in _FINANCIAL_GROUPS:
        news = _FINANCIAL_NEWS
    else:
        news = _OPERATING_NEWS
    # Profitable companies do not do the small-cap placement cycle (the first 22 % of draws).
    raises_capital = stage is not _Stage.PROFITABLE
    first_kind = 0.0 if raises_capital else 0.22

    events: list[_Event] = []
    span = (_FILINGS_TO - _FILINGS_FROM).days
    for _ in range(d.integer(2, 7)):
        day = _on_or_after(_FILINGS_FROM + timedelta(days=d.integer(0, span)))
        kind = d.uniform(first_kind, 1.0)
        if kind < 0.22:
            amount = max(company.market_cap * d.uniform(0.05, 0.25) / 1e6, 0.3)
            raise_day = _add_business_days(day, d.integer(1, 2))
            events.append(
                _Event(day, d.integer(7 * 60 + 30, 10 * 60), "Trading Halt", TRADING_HALT, True)
            )
            events.append(
                _Event(
                    raise_day,
                    _pre_open(d),
                    f"Placement to Raise A${amount:.1f}m",
                    CAPITAL_RAISING,
                    True,
                )
            )
            events.append(
                _Event(
                    raise_day,
                    _pre_open(d) + 60,
                    f"Proposed issue of securities - {ticker}",
                    ISSUED_CAPITAL,
                    False,
                )
            )
            events.append(
                _Event(
                    _add_business_days(raise_day, d.integer(5, 9)),
                    _any_time(d),
                    f"Application for quotation of securities - {ticker}",
                    ISSUED_CAPITAL,
                    False,
                )
            )
        elif kind < 0.45:
            events.append(_Event(day, _pre_open(d), d.choice(news), PROGRESS_REPORT, True))
        elif kind < 0.60:
            events.append(
                _Event(
                    day,
                    _any_time(d),
                    "Change of Director's Interest Notice",
                    DIRECTORS_INTEREST,
                    False,
                )
            )
        elif kind < 0.72:
            title = d.choice(("Becoming a substantial holder", "Change in substantial holding"))
            events.append(_Event(day, _any_time(d), title, SECURITY_HOLDER_DETAILS, False))
        elif kind < 0.82:
            events.append(
                _Event(
                    day, _pre_open(d), "Investor Presentation", INVESTOR_PRESENTATION, d.chance(0.3)
                )
            )
        elif kind < 0.90:
            title = d.choice(
                (
                    "Appointment of Non-Executive Director",
                    "Resignation of Director",
                    "Change of Company Secretary",
                    "Change of Registered Office Address",
                )
            )
            events.append(_Event(day, _any_time(d), title, COMPANY_ADMINISTRATION, False))
        elif stage is _Stage.PROFITABLE and kind < 0.96:
            if company.market_cap >= 500.0e6:
                title, doc_type = "Notification of buy-back", ISSUED_CAPITAL
            else:
                title, doc_type = (
                    "Acquisition of Complementary Business",
                    ASSET_ACQUISITION_DISPOSAL,
                )
            events.append(_Event(day, _pre_open(d), title, doc_type, doc_type != ISSUED_CAPITAL))
        elif stage is not _Stage.PROFITABLE and company.market_cap < 300.0e6:
            events.append(
                _Event(day, _any_time(d), "Response to ASX Price Query", ASX_QUERY, False)
            )
        else:
            events.append(
                _Event(
                    day,
                    _any_time(d),
                    f"Notification regarding unquoted securities - {ticker}",
                    ISSUED_CAPITAL,
                    False,
                )
            )
    return events
