from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

import pytest

from core.errors import ProviderUnavailable
from providers.cache.single_flight import SingleFlight


class Upstream:
    """A fetch that records its calls and waits to be released."""

    def __init__(self, known: set[str] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.release = asyncio.Event()
        self.error: Exception | None = None
        self.known = known
        self.cancelled = 0

    async def fetch(self, keys: Sequence[str]) -> Mapping[str, str]:
        self.calls.append(list(keys))
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        if self.error is not None:
            raise self.error
        return {key: key.lower() for key in keys if self.known is None or key in self.known}


async def test_100_concurrent_identical_requests_fetch_once() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    runs = [asyncio.create_task(flights.run(["BHP"], upstream.fetch)) for _ in range(100)]
    await asyncio.sleep(0)
    upstream.release.set()
    results = await asyncio.gather(*runs)
    assert upstream.calls == [["BHP"]]
    assert all(result.values == {"BHP": "bhp"} for result in results)
    assert flights.in_flight == 0


async def test_overlapping_batches_fetch_each_key_once() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    first = asyncio.create_task(flights.run(["A", "B"], upstream.fetch))
    await asyncio.sleep(0)
    second = asyncio.create_task(flights.run(["B", "C", "C"], upstream.fetch))
    await asyncio.sleep(0)
    upstream.release.set()
    one, two = await asyncio.gather(first, second)
    assert sorted(upstream.calls) == [["A", "B"], ["C"]]
    assert one.values == {"A": "a", "B": "b"}
    assert two.values == {"B": "b", "C": "c"}


async def test_absent_keys_are_reported() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream(known={"A"})
    upstream.release.set()
    result = await flights.run(["A", "Z"], upstream.fetch)
    assert result.values == {"A": "a"} and result.absent == {"Z"} and result.errors == {}


async def test_an_exception_reaches_every_waiter() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    upstream.error = ProviderUnavailable("ASX is unavailable", upstream="ASX")
    runs = [asyncio.create_task(flights.run(["BHP"], upstream.fetch)) for _ in range(10)]
    await asyncio.sleep(0)
    upstream.release.set()
    results = await asyncio.gather(*runs)
    assert len(upstream.calls) == 1
    assert all(result.errors["BHP"] is upstream.error for result in results)
    with pytest.raises(ProviderUnavailable):
        results[0].raise_first_error()
    assert flights.in_flight == 0


async def test_a_failed_flight_does_not_spoil_keys_of_another() -> None:
    flights: SingleFlight[str] = SingleFlight()
    failing, working = Upstream(), Upstream()
    failing.error = ProviderUnavailable("down")
    first = asyncio.create_task(flights.run(["A"], failing.fetch))
    await asyncio.sleep(0)
    second = asyncio.create_task(flights.run(["A", "B"], working.fetch))
    await asyncio.sleep(0)
    failing.release.set()
    working.release.set()
    _, result = await asyncio.gather(first, second)
    assert result.values == {"B": "b"} and set(result.errors) == {"A"}


async def test_a_new_request_after_completion_fetches_again() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    upstream.release.set()
    await flights.run(["A"], upstream.fetch)
    await flights.run(["A"], upstream.fetch)
    assert upstream.calls == [["A"], ["A"]]
    assert flights.in_flight == 0


async def test_cancelling_one_waiter_leaves_the_others_served() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    owner = asyncio.create_task(flights.run(["A"], upstream.fetch))
    await asyncio.sleep(0)
    follower = asyncio.create_task(flights.run(["A"], upstream.fetch))
    await asyncio.sleep(0)
    owner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await owner
    upstream.release.set()
    assert (await follower).values == {"A": "a"}
    assert upstream.cancelled == 0 and flights.in_flight == 0


async def test_cancelling_the_last_waiter_cancels_the_fetch_and_leaks_nothing() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    run = asyncio.create_task(flights.run(["A", "B"], upstream.fetch))
    await asyncio.sleep(0.01)
    assert flights.in_flight == 2
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    await asyncio.sleep(0)
    assert upstream.cancelled == 1
    assert flights.in_flight == 0


async def test_a_flight_cancelled_before_its_first_step_releases_its_keys() -> None:
    # A task cancelled before it first runs never executes its body; its keys must still go.
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    run = asyncio.create_task(flights.run(["A"], upstream.fetch))
    await asyncio.sleep(0)  # `run` has started the flight; the flight task has not run yet
    flights._by_key["A"].task.cancel()
    result = await run
    assert isinstance(result.errors["A"], asyncio.CancelledError)
    assert upstream.calls == [] and flights.in_flight == 0
    upstream.release.set()
    assert (await flights.run(["A"], upstream.fetch)).values == {"A": "a"}


async def test_an_empty_batch_settles_at_once() -> None:
    flights: SingleFlight[str] = SingleFlight()
    upstream = Upstream()
    result = await flights.run([], upstream.fetch)
    assert result.values == {} and upstream.calls == []
