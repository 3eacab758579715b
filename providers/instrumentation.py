"""A provider wrapper that counts calls and keys, for tests and benchmarks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any


class CountingProvider:
    """Forwards every coroutine method of `inner`, counting calls and keys per method."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.calls: Counter[str] = Counter()
        self.keys: Counter[str] = Counter()

    def reset(self) -> None:
        self.calls.clear()
        self.keys.clear()

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        method = getattr(self._inner, name)

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            if args and isinstance(args[0], list | tuple):
                self.keys[name] += len(args[0])
            return await method(*args, **kwargs)

        return counted
