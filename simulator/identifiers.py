"""Check digits of Australian Business Numbers (ABN) and Australian Company Numbers (ACN)."""

from __future__ import annotations

from typing import Final

_ABN_WEIGHTS: Final = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
_ACN_WEIGHTS: Final = (8, 7, 6, 5, 4, 3, 2, 1)


def abn_is_valid(abn: str) -> bool:
    """Subtract 1 from the first digit; the weighted sum of the 11 digits is a multiple of 89."""
    if len(abn) != 11 or not abn.isdigit() or abn[0] == "0":
        return False
    digits = [int(d) for d in abn]
    digits[0] -= 1
    return sum(d * w for d, w in zip(digits, _ABN_WEIGHTS, strict=True)) % 89 == 0


def acn_is_valid(acn: str) -> bool:
    """The ninth digit is the complement to 10 of the weighted sum of the first eight, mod 10."""
    if len(acn) != 9 or not acn.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(acn[:8], _ACN_WEIGHTS, strict=True))
    return (10 - total % 10) % 10 == int(acn[8])


def abn_for_acn(acn: str) -> str:
    """A company's ABN is its ACN behind the two digits that make the ABN check pass."""
    for prefix in range(10, 100):
        if abn_is_valid(f"{prefix}{acn}"):
            return f"{prefix}{acn}"
    raise ValueError(f"no ABN prefix fits ACN {acn}")
