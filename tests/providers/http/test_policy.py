from __future__ import annotations

import pytest

from providers.http.policy import UpstreamPolicy, default_policy


@pytest.mark.parametrize(
    ("name", "rate"), [("ABR", 10.0), ("RBA", 2.0), ("ASX", 5.0), ("CAPIQ", 10.0), ("asx", 5.0)]
)
def test_default_policies(name: str, rate: float) -> None:
    policy = default_policy(name, "https://example.test")
    assert policy.name == name.upper()
    assert policy.base_url == "https://example.test"
    assert policy.rate_per_second == rate
    assert policy.max_attempts == 3
    assert policy.burst >= 1 and policy.max_connections >= 1
    assert policy.retry_after_cap == 30.0


def test_unknown_upstream_has_no_default() -> None:
    with pytest.raises(ValueError, match="XERO"):
        default_policy("XERO", "https://example.test")


@pytest.mark.parametrize(
    "bad",
    [
        {"max_attempts": 0},
        {"breaker_failure_threshold": 0},
        {"rate_per_second": 0},
        {"burst": 0},
        {"read_timeout": -1},
        {"max_connections": 0},
    ],
)
def test_rejects_nonsense(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        UpstreamPolicy(name="X", base_url="https://example.test", **bad)  # type: ignore[arg-type]
