"""Every figure of the PDF report as text, in one place so that a figure reads the same on every
page: A$ with thousands separators, A$ millions, prices per share, percentages, multiples, dates.

Prices per share have three decimals, a tenth of a cent, as the README and the command line show
the API's ranges (`A$0.610 / 0.678 / 0.746`): offer prices of small IPOs are often set to the half
cent (A$0.205), so rounding to the cent could move an end of the offer range. A missing figure is
an en dash, never zero.
"""

from __future__ import annotations

from datetime import date

from contracts.valuation_result import StoredRange

MISSING = "–"  # en dash
MINUS = "−"  # U+2212, the typographic minus sign
RANGE_DASH = " – "


def _signed(text: str, negative: bool) -> str:
    return f"{MINUS}{text}" if negative else text


def aud(amount: float | None) -> str:
    """`A$1,234,567`: whole dollars with thousands separators."""
    if amount is None:
        return MISSING
    return _signed(f"A${abs(amount):,.0f}", amount < 0)


def aud_millions(amount: float | None, decimals: int = 1) -> str:
    """`A$12.3m`; `A$1,234.5m` above a billion, so that a column of them lines up."""
    if amount is None:
        return MISSING
    return _signed(f"A${abs(amount) / 1e6:,.{decimals}f}m", amount < 0)


def millions(amount: float | None, decimals: int = 1) -> str:
    """`12.3` for a column headed "A$m"."""
    if amount is None:
        return MISSING
    return _signed(f"{abs(amount) / 1e6:,.{decimals}f}", amount < 0)


def per_share(price: float | None) -> str:
    """`A$0.638`: a price per share to a tenth of a cent."""
    if price is None:
        return MISSING
    return _signed(f"A${abs(price):,.3f}", price < 0)


def price_range(value: StoredRange) -> str:
    """`A$0.638 – A$0.779`: a range per share, low to high."""
    return f"{per_share(value.low)}{RANGE_DASH}{per_share(value.high)}"


def percent(fraction: float | None, decimals: int = 1) -> str:
    """`13.3%` from 0.133."""
    if fraction is None:
        return MISSING
    return _signed(f"{abs(fraction) * 100:.{decimals}f}%", fraction < 0)


def points(fraction: float | None, decimals: int = 2) -> str:
    """`1.33 pp` from 0.0133: a premium or a change in a rate, in percentage points."""
    if fraction is None:
        return MISSING
    return _signed(f"{abs(fraction) * 100:.{decimals}f} pp", fraction < 0)


def multiple(value: float | None, decimals: int = 1) -> str:
    """`8.4x`."""
    if value is None:
        return MISSING
    return _signed(f"{abs(value):.{decimals}f}x", value < 0)


def number(value: float | None, decimals: int = 2) -> str:
    """`1.17`: a beta, a ratio."""
    if value is None:
        return MISSING
    return _signed(f"{abs(value):,.{decimals}f}", value < 0)


def long_date(day: date | None) -> str:
    """`1 October 2025`, the Australian order."""
    if day is None:
        return MISSING
    return f"{day.day} {day:%B %Y}"


def short_date(day: date | None) -> str:
    """`1 Oct 2025`, for table cells."""
    if day is None:
        return MISSING
    return f"{day.day} {day:%b %Y}"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


METHOD_NAMES = {
    "DCF": "Discounted cash flow",
    "EV_TO_EBITDA": "EV/EBITDA",
    "EV_TO_EBIT": "EV/EBIT",
    "PRICE_TO_EARNINGS": "P/E",
    "DIVIDEND_YIELD": "Dividend yield",
    "PRICE_TO_BOOK": "P/B against ROE",
    "PRICE_TO_NTA": "Price to NTA",
    "PRICE_TO_EMBEDDED_VALUE": "Price to embedded value",
    "PRECEDENT_TRANSACTIONS": "Precedent transactions",
}

CHECK_NAMES = {
    "PROFIT_TEST": "Profit test",
    "ASSETS_TEST": "Assets test",
    "ENTRY_TEST": "Profit or assets test",
    "SPREAD": "Spread of holders",
    "FREE_FLOAT": "Free float",
    "MINIMUM_ISSUE_PRICE": "Minimum issue price",
}


def method_name(code: str) -> str:
    return METHOD_NAMES.get(code, code.replace("_", " ").capitalize())


def check_name(code: str) -> str:
    return CHECK_NAMES.get(code, code.replace("_", " ").capitalize())


def yield_or_multiple(code: str, value: float | None) -> str:
    """A method's multiple as written: a yield as a percentage, anything else as `8.4x`."""
    return percent(value, 2) if code == "DIVIDEND_YIELD" else multiple(value)
