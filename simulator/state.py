"""Everything one simulator instance holds: settings, counters, credentials and the dataset."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from starlette.requests import Request

from simulator.faults import FaultDice, Faults
from simulator.source import Directory, SimulatorSource
from simulator.stats import CallStats


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a client must present: the ABR GUID and the Capital IQ username and password."""

    abr_guid: str = "5a1e0f00-0000-4000-8000-00000000a6b1"
    capiq_username: str = "simulator@ipoval.invalid"
    capiq_password: str = "simulator-password"


@dataclass
class CapiqSession:
    """Issued Capital IQ tokens (token -> expiry, event-loop time) and today's request count."""

    tokens: dict[str, float] = field(default_factory=dict)
    requests_today: int = 0


class SimulatorState:
    def __init__(self, faults: Faults, source: SimulatorSource, credentials: Credentials) -> None:
        self.faults = faults
        self.dice = FaultDice(faults.seed)
        self.stats = CallStats()
        self.directory = Directory(source)
        self.credentials = credentials
        self.capiq = CapiqSession()
        # Set when the server stops, so that hanging calls end instead of holding the shutdown.
        self.closing = asyncio.Event()

    def reset_counters(self) -> None:
        self.stats.reset()
        self.capiq.requests_today = 0

    async def hang(self, request: Request, seconds: float) -> None:
        """Wait `seconds`, or less if the client goes away or the simulator stops."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not self.closing.is_set() and (remaining := deadline - loop.time()) > 0:
            if await request.is_disconnected():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.closing.wait(), timeout=min(0.2, remaining))
