"""Which statement a title, a worksheet's name or a worksheet's lines belong to.

Titles are AASB 101.10's (the statement of profit or loss and other comprehensive income, of
financial position, of cash flows) and their UK ("Income statement", "Balance sheet", "Profit and
loss account") and US ("Consolidated statements of operations", "balance sheets", "statements of
cash flows") forms, after a leading "Consolidated", "Condensed" or "Group". A line ending in a page
number ("... position 45") is a contents entry, not a title.

A title followed by "(continued)" ("cont'd") names its statement carried over from the page before
(statements.py joins the two). The note reconciling profit to the operating cash flows (AASB
107.20, "Reconciliation of profit after income tax to net cash from operating activities") is
found by its title too: a direct-method statement's change in working capital is in it.

A worksheet without a title is recognised by its name ("P&L", "Balance sheet", "CF") or, failing
that, by its labels: the statement whose lines it has most of, with at least four distinct ones.
"""

from __future__ import annotations

import re
from collections import Counter

from documents.concepts import HOME, Concept
from documents.labels import match_label, normalise
from documents.table import StatementKind, Table

_K = StatementKind
# fmt: off
_TITLES: tuple[tuple[str, StatementKind], ...] = (
    *((phrase, kind)
    for kind, phrases_ in (
        (_K.INCOME, ("profit or loss and other comprehensive income", "profit or loss",
                     "profit and loss", "comprehensive income", "income", "operations",
                     "operations and comprehensive income", "earnings", "financial performance")),
        (_K.BALANCE, ("financial position", "financial condition")),
        (_K.CASH_FLOW, ("cash flows", "cashflows")),
    )
    for stem in phrases_
    for phrase in (f"statement of {stem}", f"statements of {stem}")),
    ("income statement", _K.INCOME), ("income statements", _K.INCOME),
    ("profit and loss account", _K.INCOME), ("profit and loss statement", _K.INCOME),
    ("balance sheet", _K.BALANCE), ("balance sheets", _K.BALANCE),
    ("cash flow statement", _K.CASH_FLOW), ("cash flow statements", _K.CASH_FLOW),
)
# fmt: on
_QUALIFIERS = re.compile(
    r"^(?:(?:consolidated|condensed|group|company|parent|entity|interim|separate|the|and|"
    r"abridged|summarised|summarized|combined)\s+)+"
)
_CONTENTS_ENTRY = re.compile(r"\b\d{1,3}$")
_SHEET_NAMES: dict[str, StatementKind] = {
    "p and l": _K.INCOME,
    "pl": _K.INCOME,
    "pnl": _K.INCOME,
    "is": _K.INCOME,
    "bs": _K.BALANCE,
    "sofp": _K.BALANCE,
    "sfp": _K.BALANCE,
    "cf": _K.CASH_FLOW,
    "cfs": _K.CASH_FLOW,
}
_SHEET_WORDS: tuple[tuple[str, StatementKind], ...] = (
    ("profit and loss", _K.INCOME),
    ("income statement", _K.INCOME),
    ("balance sheet", _K.BALANCE),
    ("financial position", _K.BALANCE),
    ("cash flow", _K.CASH_FLOW),
    ("cashflow", _K.CASH_FLOW),
)
_CONTINUED = re.compile(r"\b(?:continued|cont'?d)\b", re.I)
_RECONCILIATION = re.compile(
    r"^(?:(?:note )?[a-z0-9]{1,3} )?reconciliation of "
    r"(?:(?:net )?(?:profit|loss|result|earnings|income)\b.*\bto (?:the )?net cash\b.*\boperati"
    r"|(?:net )?cash flows? (?:from|used in) operati)"
)
_LONGEST_FIRST = sorted(_TITLES, key=lambda item: -len(item[0]))
_VOTES_NEEDED = 4


def title_kind(text: str) -> StatementKind | None:
    """The statement a title line names, or None."""
    if _CONTENTS_ENTRY.search(text.strip()):
        return None
    stripped = _QUALIFIERS.sub("", normalise(text))
    for phrase, kind in _LONGEST_FIRST:
        if stripped.startswith(phrase):
            return kind
    return None


def is_continued(text: str) -> bool:
    """ "... (continued)": a title or heading carried over from the page before."""
    return bool(_CONTINUED.search(text))


def is_operating_reconciliation(text: str) -> bool:
    """The title of the reconciliation of profit to net cash from operating activities."""
    if _CONTENTS_ENTRY.search(text.strip()):
        return False
    return bool(_RECONCILIATION.match(normalise(text)))


def sheet_kind(name: str) -> StatementKind | None:
    text = normalise(name)
    if text in _SHEET_NAMES:
        return _SHEET_NAMES[text]
    if (kind := title_kind(name)) is not None:
        return kind
    return next((kind for words, kind in _SHEET_WORDS if words in text), None)


def vote(table: Table) -> StatementKind:
    votes: Counter[StatementKind] = Counter()
    seen: set[Concept] = set()
    for line in table.lines:
        found = match_label(line.label, line.section) if line.has_figures else None
        if found is None or found.score < 1.0 or found.concept in seen:
            continue
        seen.add(found.concept)
        if (home := HOME.get(found.concept)) is not None:
            votes[home] += 1
    if not votes:
        return _K.OTHER
    (best, count), *rest = votes.most_common()
    if count >= _VOTES_NEEDED and (not rest or rest[0][1] < count):
        return best
    return _K.OTHER
