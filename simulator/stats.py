"""Call counters of the simulator: per upstream, per route and per fault injected."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from simulator.faults import UPSTREAMS, Fault


class CallStats:
    def __init__(self) -> None:
        self._routes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._faults: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def record(self, upstream: str, route: str, fault: Fault) -> None:
        self._routes[upstream][route] += 1
        if fault is not Fault.NONE:
            self._faults[upstream][fault.value] += 1

    def calls(self, upstream: str, route: str | None = None) -> int:
        routes = self._routes[upstream]
        return routes[route] if route is not None else sum(routes.values())

    def reset(self) -> None:
        self._routes.clear()
        self._faults.clear()

    def as_dict(self) -> dict[str, Any]:
        upstreams = {
            name: {
                "calls": self.calls(name),
                "routes": dict(sorted(self._routes[name].items())),
                "faults": dict(sorted(self._faults[name].items())),
            }
            for name in UPSTREAMS
        }
        return {"calls": sum(u["calls"] for u in upstreams.values()), "upstreams": upstreams}
