"""A statement's units and currency, read from its header.

Units: "$'000", "$000", "'000", "$k", "in thousands" multiply by 1,000; "$m", "$mn", "$ million",
"in millions" by 1,000,000; "$bn", "in billions" by 1,000,000,000. A bare "$" column heading is
whole dollars. When the header states none, figures are whole currency units and the units are
reported as unclear (validation.py), because a statement in thousands whose header was cut off
would otherwise be read 1,000 times too small without a word.

US filings state exceptions in one sentence: "(In millions, except number of shares, which are
reflected in thousands, and per-share amounts)" (Apple Inc., Form 10-K 2024, Item 8). Markers after
"except" are exceptions, not the statement's units; one that follows "shares" gives the share
counts' multiplier.

Currency, in this order:
1. a stated code or sign: "A$"/"AUD"/"Australian dollars" -> AUD, "US$"/"USD"/"U.S. dollars" ->
   USD, "NZ$"/"NZD" -> NZD, "£"/"GBP"/"sterling" -> GBP, "€"/"EUR" -> EUR;
2. a bare "$", or no sign at all, in a document with Australian cues (AASB, the Corporations Act,
   an ABN, "profit or loss and other comprehensive income") -> AUD;
3. a bare "$" or no sign in a document with US cues (Form 10-K, the SEC, US GAAP, "statements of
   operations") and no Australian ones -> USD;
4. a bare "$" with neither -> AUD: the platform values ASX candidates, whose own documents are in
   Australian dollars unless they say otherwise;
5. no sign and no cues -> None: the document does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from documents.table import Units

_THOUSAND = Decimal(1000)
_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)
_SIGN = r"(?:A\$|AU\$|AUD\s?|US\$|USD\s?|NZ\$|NZD\s?|\$|£|€|GBP\s?|EUR\s?)"
_MARKERS: tuple[tuple[re.Pattern[str], Decimal], ...] = (
    (re.compile(rf"{_SIGN}?\s?['’]000s?|{_SIGN}000s?\b|\b000s\b|{_SIGN}k\b"), _THOUSAND),
    (re.compile(r"\bin thousands\b|\bthousands of\b|\(thousands\)", re.I), _THOUSAND),
    (re.compile(rf"{_SIGN}\s?(?:m|mn|million|millions)\b"), _MILLION),
    (re.compile(r"\bin millions\b|\bmillions of\b|\(millions\)", re.I), _MILLION),
    (re.compile(rf"{_SIGN}\s?(?:bn|b|billion)\b|\bin billions\b", re.I), _BILLION),
)
_SIGN_ALONE = _SIGN.replace(r"\s?", "")
_WHOLE = re.compile(rf"(?:^|\s){_SIGN_ALONE}(?:\s|$)")
_EXCEPT = re.compile(r"\bexcept\b", re.I)
_SHARES = re.compile(r"\bshares?\b|\bunits\b", re.I)

_CODES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"A\$|AU\$|\bAUD\b|australian dollars?", re.I), "AUD"),
    (re.compile(r"US\$|\bUSD\b|U\.S\. dollars?|\bUS dollars?", re.I), "USD"),
    (re.compile(r"NZ\$|\bNZD\b|new zealand dollars?", re.I), "NZD"),
    (re.compile(r"£|\bGBP\b|pounds? sterling|\bsterling\b", re.I), "GBP"),
    (re.compile(r"€|\bEUR\b|\beuros?\b", re.I), "EUR"),
)
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z])\$")
_AUSTRALIAN = re.compile(
    r"\baasb\b|corporations act|australian accounting standards|\babn\b|\bacn\b|"
    r"profit or loss and other comprehensive income|\basx\b",
    re.I,
)
_AMERICAN = re.compile(
    r"form 10-k|\b10-k\b|securities and exchange commission|u\.s\. gaap|\bus gaap\b|"
    r"statements? of operations|stockholders",
    re.I,
)


def read_units(header: str) -> Units:
    """The units a statement's header states (module docstring)."""
    found: list[tuple[int, str, Decimal]] = []
    for pattern, multiplier in _MARKERS:
        found.extend((m.start(), m.group(0).strip(), multiplier) for m in pattern.finditer(header))
    found.sort()
    exception = _EXCEPT.search(header)
    cut = exception.start() if exception else len(header)
    money = [item for item in found if item[0] < cut]
    excepted = [item for item in found if item[0] >= cut]
    share_multiplier = Decimal(1)
    if exception is not None:
        shares = _SHARES.search(header, cut)
        after_shares = [item for item in excepted if shares and item[0] > shares.start()]
        if after_shares:
            share_multiplier = after_shares[0][2]
    if not money:
        if _WHOLE.search(header):
            sign = _WHOLE.search(header)
            printed = sign.group(0).strip() if sign else "$"
            return Units(printed, Decimal(1), share_multiplier)
        return Units(None, Decimal(1), share_multiplier, "the header states no units")
    multipliers = {multiplier for _, _, multiplier in money}
    printed = money[0][1]
    if len(multipliers) > 1:
        stated = ", ".join(dict.fromkeys(text for _, text, _ in money))
        return Units(printed, money[0][2], share_multiplier, f"the header states {stated}")
    return Units(printed, money[0][2], share_multiplier)


def stated_currency(text: str) -> str | None:
    """The currency a code or sign in `text` names (rule 1), or None."""
    for pattern, code in _CODES:
        if pattern.search(text):
            return code
    return None


@dataclass(frozen=True, slots=True)
class Cues:
    """What the whole document says about its currency, read once."""

    australian: bool
    american: bool
    stated: str | None


def document_cues(document: str) -> Cues:
    return Cues(
        bool(_AUSTRALIAN.search(document)),
        bool(_AMERICAN.search(document)),
        stated_currency(document),
    )


def document_currency(header: str, cues: Cues) -> str | None:
    """A statement's currency from its header and the document's cues (module docstring)."""
    stated = stated_currency(header)
    if stated is not None:
        return stated
    if cues.australian:
        return "AUD"
    if cues.american:
        return "USD"
    if _BARE_DOLLAR.search(header):
        return "AUD"
    return cues.stated
