"""One fetch per key at a time, per process.

A batch registers all of its keys that are not already being fetched and fetches them in one call;
for keys another batch is already fetching, it waits on that batch's flight. Two overlapping
batches therefore fetch each key once, and a hundred identical concurrent requests make one call.

Each flight runs in its own task, so a caller that is cancelled does not cancel the fetch for the
others waiting on it; a flight nobody waits for any more is cancelled. A flight's keys are
unregistered as soon as it ends (answered, failed or cancelled; before any waiter resumes), so
nothing outlives it and the next request for those keys starts a new fetch, which the caller
normally avoids by reading the cache first.

A flight's exception reaches every caller waiting on one of its keys, as that key's error in the
`Settled` result: a batch whose keys were spread over several flights keeps the answers of the
flights that succeeded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")

Fetch = Callable[[Sequence[str]], Awaitable[Mapping[str, V]]]


@dataclass(slots=True)
class Settled(Generic[V]):
    values: dict[str, V] = field(default_factory=dict)  # keys the fetch answered
    absent: set[str] = field(default_factory=set)  # keys the fetch left out of its answer
    errors: dict[str, BaseException] = field(default_factory=dict)  # keys whose flight failed

    def raise_first_error(self) -> None:
        for error in self.errors.values():
            raise error


class _Flight(Generic[V]):
    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[Mapping[str, V]]) -> None:
        self.task = task
        self.waiters = 0


class SingleFlight(Generic[V]):
    def __init__(self) -> None:
        self._by_key: dict[str, _Flight[V]] = {}

    @property
    def in_flight(self) -> int:
        """Keys being fetched right now."""
        return len(self._by_key)

    async def run(self, keys: Iterable[str], fetch: Fetch[V]) -> Settled[V]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return Settled()
        flight_of: dict[str, _Flight[V]] = {}
        for key in wanted:
            flight = self._by_key.get(key)
            # A flight being cancelled (every caller left) is not joined: start a new one.
            if flight is not None and not flight.task.cancelling():
                flight_of[key] = flight
        new_keys = [key for key in wanted if key not in flight_of]
        if new_keys:
            started = self._start(new_keys, fetch)
            flight_of.update(dict.fromkeys(new_keys, started))
        flights = list({id(flight): flight for flight in flight_of.values()}.values())
        for flight in flights:
            flight.waiters += 1
        try:
            await asyncio.wait([flight.task for flight in flights])
        finally:
            for flight in flights:
                flight.waiters -= 1
                if flight.waiters == 0 and not flight.task.done():
                    flight.task.cancel()  # only reached when this caller was cancelled
        return _settle(wanted, flight_of)

    def _start(self, keys: list[str], fetch: Fetch[V]) -> _Flight[V]:
        flight: _Flight[V] = _Flight(asyncio.get_running_loop().create_task(_call(fetch, keys)))
        for key in keys:
            self._by_key[key] = flight

        def land(task: asyncio.Task[Mapping[str, V]]) -> None:
            # A done callback rather than a `finally` in the task: a task cancelled before its
            # first step never runs its body, and its keys must be released all the same.
            for key in keys:
                if self._by_key.get(key) is flight:
                    del self._by_key[key]
            # Mark a failed flight's exception as seen even when every waiter was cancelled, so
            # asyncio does not report "exception was never retrieved".
            if not task.cancelled():
                task.exception()

        flight.task.add_done_callback(land)
        return flight


async def _call(fetch: Fetch[V], keys: list[str]) -> Mapping[str, V]:
    return await fetch(keys)


def _settle(wanted: list[str], flight_of: Mapping[str, _Flight[V]]) -> Settled[V]:
    settled: Settled[V] = Settled()
    for key in wanted:
        task = flight_of[key].task
        if task.cancelled():
            settled.errors[key] = asyncio.CancelledError()
            continue
        error = task.exception()
        if error is not None:
            settled.errors[key] = error
            continue
        answer = task.result()
        if key in answer:
            settled.values[key] = answer[key]
        else:
            settled.absent.add(key)
    return settled
