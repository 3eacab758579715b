"""A warning the engine attaches to a result: a stable code for programs, a sentence for people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    code: str
    message: str


def notices(codes: Iterable[str], messages: Iterable[str]) -> list[Notice]:
    """Pair a module's parallel `warning_codes` and `warnings`."""
    return [Notice(c, m) for c, m in zip(codes, messages, strict=True)]
