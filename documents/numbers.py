"""Figures as statements print them.

Conventions (AASB 101 and its IFRS and US counterparts leave presentation to the preparer; these
are the forms annual reports use):

- brackets are negatives: "(1,234)" is -1,234; a leading minus is accepted too;
- a dash alone ("-", "–", "—") or "nil" is nil, read as zero: the line exists, the amount is none;
- commas (and thin or non-breaking spaces) separate thousands; a full stop is the decimal point;
- a currency sign may stand before the figure or inside the brackets: "$ 391,035", "($1,200)";
- a trailing footnote mark ("*", "†", "^") is ignored.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DASHES = "-‐‑‒–—−"
_CURRENCY = r"(?:A\$|AU\$|US\$|NZ\$|S\$|HK\$|C\$|\$|£|€)"
_NUMBER = re.compile(
    rf"""^
    (?P<open>\()?\s*
    (?P<minus>[{_DASHES}])?\s*
    (?:{_CURRENCY})?\s*
    (?P<open2>\()?\s*
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)
    (?P<fraction>\.\d+)?
    \s*(?P<close>\))?
    $""",
    re.VERBOSE,
)
_NIL = re.compile(rf"^\(?\s*(?:{_CURRENCY}\s*)?(?:[{_DASHES}]+|nil)\s*\)?$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"[*†‡^]+$")
_SEPARATORS = str.maketrans("", "", "\u2009\u202f\u00a0 ")

# What may stand on a figure's own: a currency sign or a bracket printed as a separate word.
AMOUNT_PART = re.compile(rf"^(?:{_CURRENCY}|\(|\)|\(\s*{_CURRENCY})$")
_AMOUNT_LIKE = re.compile(rf"^[\s(]*[{_DASHES}]?\s*(?:{_CURRENCY})?\s*\(?[\d,.]*\d[\d,.]*\)?[*†]?$")
# A note reference beside a label: "5", "12(a)", "3.2", "4, 5".
_NOTE = re.compile(r"^\d{1,2}(?:\.\d{1,2})?(?:\(?[a-z]\)?)?(?:[,;&]\s*\d{1,2}(?:\.\d{1,2})?)*$")


def parse_amount(text: str) -> tuple[Decimal, int] | None:
    """The figure and its number of decimals, or None when `text` is not a figure."""
    cleaned = _FOOTNOTE.sub("", text.strip()).strip()
    if not cleaned:
        return None
    if _NIL.match(cleaned):
        return Decimal(0), 0
    squeezed = cleaned.translate(_SEPARATORS)
    found = _NUMBER.match(squeezed)
    if found is None:
        return None
    opened = found["open"] is not None or found["open2"] is not None
    if opened != (found["close"] is not None):
        return None  # "(1,234" alone is a broken cell, not a figure
    digits = found["digits"].replace(",", "")
    fraction = found["fraction"] or ""
    try:
        value = Decimal(digits + fraction)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if opened or found["minus"] is not None:
        value = -value
    return value, max(len(fraction) - 1, 0)


def is_amount_like(text: str) -> bool:
    """A word that is (part of) a figure rather than of a label: digits, separators, brackets, a
    currency sign or a nil dash."""
    stripped = text.strip()
    if not stripped:
        return False
    return bool(AMOUNT_PART.match(stripped) or _NIL.match(stripped) or _AMOUNT_LIKE.match(stripped))


_UNITS_WORD = re.compile(
    r"^\(?(?:[A-Z]{1,3})?[$£€]?\s?['’]?000s?\)?$|^\(?[A-Z]{0,3}[$£€]\s?(?:m|bn|k)\)?$", re.I
)
_YEAR_WORD = re.compile(r"^(?:fy\s?'?\d{2,4}|(?:19|20)\d{2}(?:\s?[/-]\s?\d{2})?)$", re.I)


def is_garbled_figure(text: str) -> bool:
    """A word under a period heading that has digits but is not a figure ("1,2O0", "12.3.4"),
    as OCR misreads them; units ("$'000") and years are not."""
    stripped = text.strip()
    return (
        any(ch.isdigit() for ch in stripped)
        and not is_amount_like(stripped)
        and not _UNITS_WORD.match(stripped)
        and not _YEAR_WORD.match(stripped)
    )


def is_note_reference(text: str) -> bool:
    return bool(_NOTE.match(text.strip().lower()))


def format_amount(value: Decimal | float, decimals: int = 0) -> str:
    """A figure as a statement would print it: thousands separators, brackets for negatives."""
    number = Decimal(str(value)) if isinstance(value, float) else value
    text = f"{abs(number):,.{decimals}f}"
    return f"({text})" if number < 0 else text
