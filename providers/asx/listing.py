"""Parser for the ASX listed-companies file, in both layouts the ASX has published.

- `ASXListedCompanies.csv`: a banner line `ASX listed companies as at <date>`, a blank line, then
  `Company name,ASX code,GICS industry group`, every value quoted.
- The markitdigital directory file:
  `ASX code,Company name,GICs industry group,Listing date,Market Cap`.

Columns are found by header name, case-insensitively, so a reordered layout still parses.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

# The ASX marks companies outside GICS (funds, trusts, new classes) with these placeholders.
NOT_CLASSIFIED = frozenset({"not applic", "class pend", ""})

_BANNER = re.compile(r"as at \w{3} (\w{3}) (\d{1,2}) [\d:]+ \w+ (\d{4})", re.IGNORECASE)
_HEADER_NAMES = {
    "ticker": ("asx code",),
    "name": ("company name",),
    "gics": ("gics industry group",),
    "market_cap": ("market cap",),
}


class ListingParseError(ValueError):
    """The file is not a listed-companies file we can read."""


@dataclass(frozen=True, slots=True)
class ListedCompany:
    ticker: str
    name: str
    gics_industry_group: str | None
    market_cap: float | None = None


def parse_asx_listing(raw: bytes) -> tuple[date | None, list[ListedCompany]]:
    """Return the file's as-at date (when it has a banner) and its companies in file order."""
    text = raw.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    as_of = _banner_date(lines[0]) if lines else None
    header_index = next((i for i, line in enumerate(lines) if "asx code" in line.lower()), None)
    if header_index is None:
        raise ListingParseError("no header row naming an 'ASX code' column")
    rows = csv.reader(io.StringIO("\n".join(lines[header_index:])))
    try:
        columns = _locate_columns(next(rows))
        companies = [
            _company(row, columns, rows.line_num)
            for row in rows
            if any(cell.strip() for cell in row)
        ]
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        raise ListingParseError(f"unreadable CSV: {exc}") from None
    return as_of, companies


def _banner_date(line: str) -> date | None:
    match = _BANNER.search(line)
    if not match:
        return None
    month, day, year = match.groups()
    try:
        return datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
    except ValueError:
        raise ListingParseError(f"unreadable as-at date in banner {line.strip()!r}") from None


def _locate_columns(header: list[str]) -> dict[str, int]:
    normalised = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    for key, names in _HEADER_NAMES.items():
        for name in names:
            if name in normalised:
                columns[key] = normalised.index(name)
    missing = {"ticker", "name"} - columns.keys()
    if missing:
        raise ListingParseError(f"header lacks column(s): {', '.join(sorted(missing))}")
    return columns


def _company(row: list[str], columns: dict[str, int], line: int) -> ListedCompany:
    def cell(key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    ticker = cell("ticker").upper()
    if not ticker:  # also what a file cut off inside a quoted name leaves behind
        raise ListingParseError(f"line {line} from the header has no ASX code")
    gics = cell("gics")
    return ListedCompany(
        ticker=ticker,
        name=cell("name"),
        gics_industry_group=None if gics.lower() in NOT_CLASSIFIED else gics,
        market_cap=_market_cap(cell("market_cap"), ticker),
    )


def _market_cap(text: str, ticker: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ListingParseError(f"unreadable market cap {text!r} for {ticker}")
    return value
