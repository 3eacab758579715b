"""What every multiple and yield method returns, and the ranges of multiples they apply.

A method applies a low / mid / high multiple (or yield) to one figure of the subject's (NPAT,
EBIT, dividends, book equity) and gives an equity or an enterprise value range, with a one-line
basis a report can print as it stands and the figures behind it.

When a method cannot apply to the subject (a loss for P/E, no dividends for a yield, no book
equity for P/B) it raises `MethodNotApplicable`, whose `code` names the reason: a value of such a
subject by that method would be meaningless rather than low, and the exception carries the reason
where a bare `None` would lose it. `MethodNotApplicable` is a `ValuationInputError`, so a caller
that treats every refusal alike may catch that; one that values by the remaining methods catches
`MethodNotApplicable` alone. Inputs that are wrong rather than unsuitable (not finite, a negative
dividend, low above high) raise a plain `ValuationInputError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from valuation.comparables import MultipleStatistics
from valuation.errors import ValuationInputError
from valuation.money import aud
from valuation.synthesis import ValueRange

Gives = Literal["equity", "enterprise"]

# Beyond this high / low ratio the mid is an average of very different views, not a consensus.
WIDE_RANGE_RATIO: Final = 2.0
WIDE_MULTIPLE_RANGE: Final = "WIDE_MULTIPLE_RANGE"


class MethodNotApplicable(ValuationInputError):
    """The method cannot value this subject; `code` says why (e.g. `EARNINGS_NOT_POSITIVE`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class MultipleRange:
    """The multiple applied, low / mid / high; for yield methods, the yields. Positive, finite and
    ordered low <= mid <= high, else `ValuationInputError`."""

    low: float
    mid: float
    high: float

    def __post_init__(self) -> None:
        figures = (self.low, self.mid, self.high)
        if not all(math.isfinite(x) and x > 0 for x in figures):
            raise ValuationInputError(
                f"Multiples must be positive finite numbers; got {self.low!r} / {self.mid!r} / "
                f"{self.high!r}."
            )
        if not self.low <= self.mid <= self.high:
            raise ValuationInputError(
                f"Multiples must be ordered low <= mid <= high; got {self.low:g} / {self.mid:g} "
                f"/ {self.high:g}."
            )


@dataclass(frozen=True, slots=True)
class MethodValue:
    """One method's value of the subject. `value` is equity value when `gives` is "equity" and
    enterprise value when it is "enterprise", in the unit of `metric` (A$ for totals, A$ per share
    for per-share figures). `warning_codes[i]` is the code of `warnings[i]`."""

    value: ValueRange
    gives: Gives
    metric: float  # the subject's figure the multiple applied to
    multiples: MultipleRange  # as applied (for yields: the yields)
    basis: str  # one sentence: what was applied to what
    # Read-only; left out of the hash because a mapping has none.
    details: Mapping[str, float] = field(hash=False)
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]


def multiple_range_from(stats: MultipleStatistics) -> MultipleRange | None:
    """The peers' p25 / median / p75 as low / mid / high; `None` when no peer value was usable."""
    if stats.p25 is None or stats.median is None or stats.p75 is None:
        return None
    return MultipleRange(stats.p25, stats.median, stats.p75)


def multiple_range_from_caller(low: float, high: float) -> MultipleRange:
    """A range the caller chose: mid is the midpoint. Both positive and finite, low <= high."""
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 or high <= 0:
        raise ValuationInputError(
            f"A multiple range needs positive finite bounds; got {low!r} and {high!r}."
        )
    if low > high:
        raise ValuationInputError(f"The low multiple {low:g} is above the high {high:g}.")
    return MultipleRange(low, (low + high) / 2, high)


def require_finite(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise ValuationInputError(f"{name} is not a finite number: {value!r}.")


def require_label(period_label: str) -> str:
    label = period_label.strip()
    if not label:
        raise ValuationInputError("The period label is empty: name the period (e.g. FY1, LTM).")
    return label


def require_positive_metric(name: str, value: float, code: str, why: str) -> None:
    """`ValuationInputError` for a figure that is not a number; `MethodNotApplicable` with `code`
    when it is zero or negative, `why` saying what the method needs."""
    require_finite(name, value)
    if value <= 0:
        raise MethodNotApplicable(code, f"{name} is {aud(value)}: {why}")


def multiple_method_value(
    *,
    gives: Gives,
    metric: float,
    multiples: MultipleRange,
    basis: str,
    details: Mapping[str, float] | None = None,
    warnings: tuple[tuple[str, str], ...] = (),
) -> MethodValue:
    """Value = metric x multiple at each of low / mid / high; `warnings` are (code, message)."""
    value = ValueRange(metric * multiples.low, metric * multiples.mid, metric * multiples.high)
    return _method_value(value, gives, metric, multiples, basis, details, warnings)


def yield_method_value(
    *,
    metric: float,
    yields: MultipleRange,
    basis: str,
    details: Mapping[str, float] | None = None,
    warnings: tuple[tuple[str, str], ...] = (),
) -> MethodValue:
    """Value = metric / yield: a higher yield is a lower price, so the low value divides by the
    high yield and the high value by the low one. Equity, since a yield prices the shares."""
    value = ValueRange(metric / yields.high, metric / yields.mid, metric / yields.low)
    return _method_value(value, "equity", metric, yields, basis, details, warnings)


def range_text(multiples: MultipleRange, unit: str = "x", decimals: int = 1) -> str:
    """`14.2x / 16.0x / 18.1x`."""
    return " / ".join(
        f"{m:.{decimals}f}{unit}" for m in (multiples.low, multiples.mid, multiples.high)
    )


def _method_value(
    value: ValueRange,
    gives: Gives,
    metric: float,
    multiples: MultipleRange,
    basis: str,
    details: Mapping[str, float] | None,
    warnings: tuple[tuple[str, str], ...],
) -> MethodValue:
    if not all(math.isfinite(v) for v in (value.low, value.mid, value.high)):
        raise ValuationInputError(
            "The value overflows: check the magnitudes of the inputs (amounts in A$, multiples "
            "as ratios, yields as fractions)."
        )
    found = list(warnings)
    if multiples.high > WIDE_RANGE_RATIO * multiples.low:
        found.append(
            (
                WIDE_MULTIPLE_RANGE,
                f"The top of the range, {multiples.high:.3g}, is more than {WIDE_RANGE_RATIO:g} "
                f"times the bottom, {multiples.low:.3g}: the mid is an average of very different "
                "views, not a consensus.",
            )
        )
    return MethodValue(
        value=value,
        gives=gives,
        metric=metric,
        multiples=multiples,
        basis=basis,
        details=MappingProxyType(dict(details or {})),
        warnings=tuple(message for _, message in found),
        warning_codes=tuple(code for code, _ in found),
    )
