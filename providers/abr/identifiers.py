"""Australian Business Numbers (11 digits) and Australian Company Numbers (9 digits).

Both carry check digits (the ATO's modulus-89 rule for an ABN, ASIC's modulus-10 rule for an ACN),
so a mistyped number is refused here, without a round trip to the register. The checks themselves
come from python-stdnum.
"""

from __future__ import annotations

from enum import StrEnum

from stdnum.au import abn as _abn
from stdnum.au import acn as _acn


class IdentifierKind(StrEnum):
    ABN = "ABN"
    ACN = "ACN"


def normalise(identifier: str) -> str:
    """The identifier without spaces: "51 824 753 556" -> "51824753556"."""
    return "".join(identifier.split())


def is_valid_abn(identifier: str) -> bool:
    digits = normalise(identifier)
    return _ascii_digits(digits, 11) and _abn.is_valid(digits)


def is_valid_acn(identifier: str) -> bool:
    digits = normalise(identifier)
    return _ascii_digits(digits, 9) and _acn.is_valid(digits)


def classify(identifier: str) -> IdentifierKind | None:
    """ABN or ACN when the identifier is one with correct check digits; None otherwise."""
    if is_valid_abn(identifier):
        return IdentifierKind.ABN
    if is_valid_acn(identifier):
        return IdentifierKind.ACN
    return None


def _ascii_digits(text: str, length: int) -> bool:
    # str.isdigit alone would accept other scripts' digits and superscripts.
    return len(text) == length and text.isascii() and text.isdigit()
