"""Fixtures for the HTTP layer tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def local_timezone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test with the process's local timezone set to `request.param` (parametrize the
    fixture indirectly); the previous timezone is restored afterwards."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()
