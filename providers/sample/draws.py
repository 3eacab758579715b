"""Reproducible random draws for the synthetic sample dataset.

Each stream is seeded from sha256 of f"{ticker}:{purpose}" and read through
`random.Random(seed).random()`. Those two are stable across Python versions, processes and
`PYTHONHASHSEED`, unlike `hash()`, numpy's generators or `random.gauss`. Normals are built from
the uniform draws with `statistics.NormalDist().inv_cdf`, which is exact Python arithmetic.
"""

from __future__ import annotations

import math
import random
from hashlib import sha256
from statistics import NormalDist
from typing import Final, TypeVar

__all__ = ["SeededDraws", "clip"]

_STD_NORMAL: Final = NormalDist()
# inv_cdf is undefined at 0 and 1; random() can return exactly 0.0.
_EPS: Final = 1e-12

_T = TypeVar("_T")


def clip(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


class SeededDraws:
    """Uniform draws for one (ticker, purpose) stream and inverse transforms built on them.

    Every method consumes exactly one uniform draw, so adding a call changes only the draws after
    it; callers give each independent quantity its own `purpose` to keep the others stable.
    """

    __slots__ = ("_next",)

    def __init__(self, ticker: str, purpose: str) -> None:
        digest = sha256(f"{ticker}:{purpose}".encode()).digest()
        self._next = random.Random(int.from_bytes(digest[:8], "big")).random

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        return low + (high - low) * self._next()

    def normal(self, mean: float = 0.0, sd: float = 1.0, clip: float = 3.5) -> float:
        """Normal draw truncated at `clip` standard deviations, so no figure is absurd."""
        u = min(max(self._next(), _EPS), 1.0 - _EPS)
        z = min(max(_STD_NORMAL.inv_cdf(u), -clip), clip)
        return mean + sd * z

    def lognormal(self, median: float, sigma: float, clip: float = 3.0) -> float:
        return median * math.exp(self.normal(0.0, sigma, clip))

    def chance(self, probability: float) -> bool:
        return self._next() < probability

    def integer(self, low: int, high: int) -> int:
        """Uniform integer in [low, high]."""
        return min(low + int(self._next() * (high - low + 1)), high)

    def choice(self, options: tuple[_T, ...]) -> _T:
        return options[self.integer(0, len(options) - 1)]
