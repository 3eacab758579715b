"""Amounts in words for messages: A$ with a scale a reader takes in at a glance."""

from __future__ import annotations


def aud(amount: float) -> str:
    """`A$12.3m`, `-A$1.20bn`, `A$950`: three significant figures or so, the sign in front."""
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= scale:
            return f"{sign}A${size / scale:.3g}{suffix}"
    return f"{sign}A${size:.3g}"
