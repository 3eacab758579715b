"""Fault settings of the simulator, global or per upstream, and the decision for each call.

Every decision draws from one `random.Random(seed)`, so the same settings and the same sequence of
calls give the same faults on every run.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import Any, Final

UPSTREAMS: Final = ("asx", "abr", "rba", "capiq")
# Fields a per-upstream override may set; the rest apply to the whole simulator.
OVERRIDABLE: Final = (
    "latency_ms",
    "error_rate",
    "rate_429",
    "retry_after",
    "timeout_rate",
    "malformed_rate",
    "down",
)
_RATES: Final = ("error_rate", "rate_429", "timeout_rate", "malformed_rate")


class FaultError(ValueError):
    """A fault setting that cannot be applied (unknown name, wrong type, out of range)."""


class Fault(StrEnum):
    NONE = "none"
    DOWN = "down"
    TIMEOUT = "timeout"
    RATE_LIMITED = "rate_limited"
    ERROR = "error"
    MALFORMED = "malformed"


@dataclass
class Faults:
    """What the simulator does to each call. Rates are probabilities per call, in [0, 1].

    `timeout_rate` calls hang for `hang_seconds` (longer than any client timeout) or until the
    client goes away; `down` answers every call with 503. `upstreams` holds per-upstream overrides
    of the `OVERRIDABLE` fields, e.g. {"rba": {"down": True}}. `capiq_daily_limit` is the Capital
    IQ daily request limit (None: no limit).
    """

    latency_ms: float = 0.0
    error_rate: float = 0.0
    rate_429: float = 0.0
    retry_after: int = 1
    timeout_rate: float = 0.0
    malformed_rate: float = 0.0
    down: bool = False
    hang_seconds: float = 30.0
    seed: int = 0
    capiq_daily_limit: int | None = None
    upstreams: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in _settable(upstream=None):
            setattr(self, name, _checked(name, getattr(self, name)))
        for upstream, override in list(self.upstreams.items()):
            self.upstreams[upstream] = {}
            self.apply({"upstream": upstream, **override})

    def effective(self, upstream: str) -> Faults:
        """The settings for one upstream: its overrides over the global ones."""
        return replace(self, **self.upstreams.get(upstream, {}), upstreams={})

    def apply(self, changes: dict[str, Any]) -> None:
        """Apply a `/_sim/faults` body: {"upstream": "rba", "down": true}, {"error_rate": 0.2},
        {"clear": true} (back to the defaults, or drop one upstream's overrides)."""
        changes = dict(changes)
        upstream = changes.pop("upstream", None)
        if upstream is not None and upstream not in UPSTREAMS:
            raise FaultError(f"unknown upstream {upstream!r}; expected one of {UPSTREAMS}")
        if changes.pop("clear", False):
            if upstream is None:
                defaults = Faults()
                for f in fields(self):
                    setattr(self, f.name, getattr(defaults, f.name))
            else:
                self.upstreams.pop(upstream, None)
        allowed = _settable(upstream)
        unknown = sorted(set(changes) - set(allowed))
        if unknown:
            raise FaultError(f"unknown fault setting(s) {unknown}; allowed: {sorted(allowed)}")
        checked = {name: _checked(name, value) for name, value in changes.items()}
        if upstream is None:
            for name, value in checked.items():
                setattr(self, name, value)
        elif checked:
            self.upstreams.setdefault(upstream, {}).update(checked)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class FaultDice:
    """Draws the fault for each call from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.reseed(seed)

    def reseed(self, seed: int) -> None:
        self._random = random.Random(seed)

    def draw(self, faults: Faults) -> Fault:
        """One uniform draw per call, read against the rates stacked in a fixed order."""
        if faults.down:
            return Fault.DOWN
        u = self._random.random()
        edge = 0.0
        for rate, fault in (
            (faults.timeout_rate, Fault.TIMEOUT),
            (faults.rate_429, Fault.RATE_LIMITED),
            (faults.error_rate, Fault.ERROR),
            (faults.malformed_rate, Fault.MALFORMED),
        ):
            edge += rate
            if u < edge:
                return fault
        return Fault.NONE

    def error_status(self) -> int:
        return self._random.choice((500, 502, 503))

    def fraction(self) -> float:
        return self._random.random()


def _settable(upstream: str | None) -> tuple[str, ...]:
    if upstream is not None:
        return OVERRIDABLE
    return tuple(f.name for f in fields(Faults) if f.name != "upstreams")


def _checked(name: str, value: Any) -> Any:
    if name == "down":
        if not isinstance(value, bool):
            raise FaultError("down must be true or false")
        return value
    if name == "capiq_daily_limit" and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultError(f"{name} must be a number")
    if name in ("retry_after", "seed", "capiq_daily_limit"):
        if value != int(value) or value < 0:
            raise FaultError(f"{name} must be a whole number >= 0")
        return int(value)
    if value < 0 or (name in _RATES and value > 1):
        raise FaultError(f"{name} must be in [0, 1]" if name in _RATES else f"{name} must be >= 0")
    return float(value)
