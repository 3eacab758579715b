"""Parsers for the research API behind the ASX website (`asx.api.markitdigital.com`).

The API is undocumented: the shapes here are the ones the ASX site's own pages read. ASX's terms
of use forbid commercial redistribution of this data; the live ASX adapter is opt-in.

Endpoints, all `GET /asx-research/1.0/companies/{code}/...` with the code in lower case:

- `header`: `displayName`, `sector`, `industryGroup`, `priceLast`, `priceAsk`, `priceBid`,
  `priceChange`, `priceChangePercent` (per cent, as published), `marketCap`.
- `key-statistics`: `numOfShares`, `priceAsk`, `isin`, and `incomeStatement`, a list of fiscal
  periods with `period` ("2026A"), `fPeriodEndDate`, `revenue` and `netIncome`.
- `about`: `displayName`, `description`, `websiteUrl`, and `directors` and `secretaries`, each a
  list of `{"name", "title"}`.
- `announcements?count=N`: `items`, each with `documentKey`, `headline`, `date`,
  `announcementType`, `isPriceSensitive`, `url` (often empty) and `fileSize`. The endpoint
  answers only the most recent few items whatever `count` asks for.

Every body is a `{"data": {...}}` envelope. Dates come either as ISO 8601 strings or as Excel
serial day numbers (days since 1899-12-30, `fPeriodEndDate: 46203` is 30 June 2026); a time
without a zone is Sydney time, where the ASX publishes. An unknown code is answered with HTTP 400;
the adapter, not these parsers, deals with status codes.

Every field is optional except those a standard model cannot do without (an announcement's key,
headline, date and price-sensitivity flag), but a field that is present must have its documented
type: anything else raises `ProviderError` naming the code and the endpoint.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import orjson

from core.errors import ProviderError
from providers.models import Director

__all__ = [
    "Announcement",
    "CompanyAbout",
    "CompanyHeader",
    "IncomePeriod",
    "KeyStatistics",
    "company_path",
    "excel_serial_date",
    "parse_about",
    "parse_announcements",
    "parse_header",
    "parse_key_statistics",
]

UPSTREAM: Final = "ASX"
SYDNEY: Final = ZoneInfo("Australia/Sydney")
# Excel's day 0 (its day 60 is the fictitious 29 February 1900, so serials from 61 on count days
# since 30 December 1899).
EXCEL_EPOCH: Final = date(1899, 12, 30)
_MAX_EXCEL_SERIAL: Final = (date(9999, 12, 31) - EXCEL_EPOCH).days
_API_PREFIX: Final = "/asx-research/1.0/companies"


@dataclass(frozen=True, slots=True)
class CompanyHeader:
    """The quote header of a company page."""

    code: str
    display_name: str | None
    sector: str | None
    industry_group: str | None
    price_last: float | None
    price_ask: float | None
    price_bid: float | None
    price_change: float | None
    price_change_percent: float | None  # per cent, as published (1.5 = 1.5 %)
    market_cap: float | None


@dataclass(frozen=True, slots=True)
class IncomePeriod:
    """One fiscal period of the key-statistics income summary."""

    period: str | None  # "2026A"
    period_end: date | None
    revenue: float | None
    net_income: float | None


@dataclass(frozen=True, slots=True)
class KeyStatistics:
    code: str
    shares_outstanding: float | None
    price_ask: float | None
    isin: str | None
    income_statement: tuple[IncomePeriod, ...]


@dataclass(frozen=True, slots=True)
class CompanyAbout:
    code: str
    display_name: str | None
    description: str | None
    website_url: str | None
    directors: tuple[Director, ...]
    secretaries: tuple[Director, ...]


@dataclass(frozen=True, slots=True)
class Announcement:
    """One market announcement; `released_at` is timezone-aware, in UTC."""

    document_key: str
    headline: str
    announcement_type: str | None
    released_at: datetime
    price_sensitive: bool
    url: str | None
    file_size: str | None


def company_path(code: str, endpoint: str) -> str:
    """The request path of one company endpoint: `company_path("BHP", "header")`."""
    return f"{_API_PREFIX}/{code.lower()}/{endpoint}"


def excel_serial_date(serial: float) -> date:
    """The calendar date of an Excel serial day number (any fraction of a day is dropped)."""
    if not 61 <= serial <= _MAX_EXCEL_SERIAL:
        raise ValueError(f"Excel serial day {serial!r} is out of range")
    return EXCEL_EPOCH + timedelta(days=math.floor(serial))


def parse_header(raw: bytes, code: str) -> CompanyHeader:
    data = _Fields(_envelope(raw, code, "header"), f"{code.upper()} header")
    return CompanyHeader(
        code=code.upper(),
        display_name=data.text("displayName"),
        sector=data.text("sector"),
        industry_group=data.text("industryGroup"),
        price_last=data.number("priceLast"),
        price_ask=data.number("priceAsk"),
        price_bid=data.number("priceBid"),
        price_change=data.number("priceChange"),
        price_change_percent=data.number("priceChangePercent"),
        market_cap=data.number("marketCap"),
    )


def parse_key_statistics(raw: bytes, code: str) -> KeyStatistics:
    where = f"{code.upper()} key-statistics"
    data = _Fields(_envelope(raw, code, "key-statistics"), where)
    periods = tuple(
        IncomePeriod(
            period=row.text("period"),
            period_end=row.date("fPeriodEndDate"),
            revenue=row.number("revenue"),
            net_income=row.number("netIncome"),
        )
        for row in data.objects("incomeStatement")
    )
    return KeyStatistics(
        code=code.upper(),
        shares_outstanding=data.number("numOfShares"),
        price_ask=data.number("priceAsk"),
        isin=data.text("isin"),
        income_statement=periods,
    )


def parse_about(raw: bytes, code: str) -> CompanyAbout:
    data = _Fields(_envelope(raw, code, "about"), f"{code.upper()} about")
    return CompanyAbout(
        code=code.upper(),
        display_name=data.text("displayName"),
        description=data.text("description"),
        website_url=data.text("websiteUrl"),
        directors=_people(data, "directors"),
        secretaries=_people(data, "secretaries"),
    )


def parse_announcements(raw: bytes, code: str) -> tuple[Announcement, ...]:
    """The announcements in the body, newest first."""
    data = _Fields(_envelope(raw, code, "announcements"), f"{code.upper()} announcements")
    items = [
        Announcement(
            document_key=item.required_text("documentKey"),
            headline=item.required_text("headline"),
            announcement_type=item.text("announcementType"),
            released_at=item.required_datetime("date"),
            price_sensitive=item.required_boolean("isPriceSensitive"),
            url=item.text("url"),
            file_size=item.text("fileSize"),
        )
        for item in data.objects("items")
    ]
    items.sort(key=lambda item: item.released_at, reverse=True)
    return tuple(items)


def _people(data: _Fields, key: str) -> tuple[Director, ...]:
    people = ((row.text("name"), row.text("title")) for row in data.objects(key))
    return tuple(Director(name, title) for name, title in people if name)


def _envelope(raw: bytes, code: str, endpoint: str) -> Mapping[str, Any]:
    where = f"{code.upper()} {endpoint}"
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _error(where, f"body is not JSON ({exc})") from None
    if not isinstance(body, dict) or "data" not in body:
        raise _error(where, 'body is not a {"data": ...} envelope')
    data = body["data"]
    if not isinstance(data, dict):
        raise _error(where, f"'data' is {_kind(data)}, not an object")
    return data


class _Fields:
    """Typed access to the members of one JSON object; a present member of the wrong type is an
    error, an absent or null one is None."""

    def __init__(self, obj: Mapping[str, Any], where: str) -> None:
        self._obj = obj
        self._where = where

    def _get(self, key: str) -> Any:
        return self._obj.get(key)

    def _wrong(self, key: str, expected: str) -> ProviderError:
        value = self._obj[key]
        return _error(self._where, f"'{key}' is {_kind(value)}, not {expected}")

    def number(self, key: str) -> float | None:
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a number")
        return float(value)

    def text(self, key: str) -> str | None:
        """A string member, stripped; empty strings are None."""
        value = self._get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._wrong(key, "a string")
        return value.strip() or None

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if value is None:
            raise _error(self._where, f"an item has no '{key}'")
        return value

    def required_boolean(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            if value is None:
                raise _error(self._where, f"an item has no '{key}'")
            raise self._wrong(key, "true or false")
        return value

    def date(self, key: str) -> date | None:
        value = self._get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return self._iso(key, value).date()
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a date")
        try:
            return excel_serial_date(value)
        except ValueError as exc:
            raise _error(self._where, f"'{key}': {exc}") from None

    def required_datetime(self, key: str) -> datetime:
        """A moment in UTC, from an ISO 8601 string or an Excel serial (fraction = time of day);
        without a zone it is Sydney time."""
        value = self._get(key)
        if value is None or value == "":
            raise _error(self._where, f"an item has no '{key}'")
        if isinstance(value, str):
            moment = self._iso(key, value)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise self._wrong(key, "a date")
        else:
            try:
                day = excel_serial_date(value)
            except ValueError as exc:
                raise _error(self._where, f"'{key}': {exc}") from None
            seconds = round((value - math.floor(value)) * 86_400)
            moment = datetime.combine(day, datetime.min.time()) + timedelta(seconds=seconds)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=SYDNEY)
        return moment.astimezone(UTC)

    def _iso(self, key: str, text: str) -> datetime:
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            raise _error(self._where, f"'{key}' {text!r} is not an ISO 8601 date") from None

    def objects(self, key: str) -> list[_Fields]:
        """A list of objects; absent or null is an empty list."""
        value = self._get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._wrong(key, "a list")
        rows: list[_Fields] = []
        for index, row in enumerate(value):
            if not isinstance(row, dict):
                raise _error(self._where, f"'{key}[{index}]' is {_kind(row)}, not an object")
            rows.append(_Fields(row, self._where))
        return rows


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _error(where: str, problem: str) -> ProviderError:
    return ProviderError(f"{UPSTREAM} {where}: {problem}", upstream=UPSTREAM)
