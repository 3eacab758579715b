"""Monte Carlo simulation of the DCF enterprise value."""

from __future__ import annotations

from typing import Any

import pytest

from valuation.dcf import discount_cash_flows
from valuation.errors import ValuationInputError
from valuation.monte_carlo import simulate_enterprise_value

FLOWS = [10.0, 12.0, 13.5, 14.0, 15.0]


def test_same_seed_gives_the_same_result() -> None:
    first = simulate_enterprise_value(FLOWS, 0.10, 0.025, seed=7)
    second = simulate_enterprise_value(FLOWS, 0.10, 0.025, seed=7)
    assert first == second


def test_different_seeds_give_different_results() -> None:
    first = simulate_enterprise_value(FLOWS, 0.10, 0.025, seed=7)
    second = simulate_enterprise_value(FLOWS, 0.10, 0.025, seed=8)
    assert first.p50 != second.p50


def test_percentiles_are_ordered() -> None:
    result = simulate_enterprise_value(FLOWS, 0.10, 0.025, seed=1)
    assert result.p10 < result.p50 < result.p90


def test_zero_dispersion_gives_the_deterministic_value_everywhere() -> None:
    expected = discount_cash_flows(FLOWS, 0.10, 0.025).enterprise_value
    result = simulate_enterprise_value(
        FLOWS, 0.10, 0.025, draws=100, discount_rate_sd=0.0, growth_sd=0.0, cash_flow_sd=0.0
    )
    for statistic in (result.p10, result.p50, result.p90, result.mean):
        assert statistic == pytest.approx(expected, rel=1e-12)
    assert (result.draws, result.discarded) == (100, 0)


def test_without_terminal_growth_only_the_explicit_flows_are_valued() -> None:
    expected = discount_cash_flows(FLOWS, 0.10).enterprise_value
    result = simulate_enterprise_value(
        FLOWS, 0.10, None, draws=10, discount_rate_sd=0.0, cash_flow_sd=0.0
    )
    assert result.p50 == pytest.approx(expected, rel=1e-12)


def test_draws_with_growth_not_below_the_rate_are_discarded_and_counted() -> None:
    # r ~ N(5 %, 1 %) and g ~ N(4 %, 1 %): r - g ~ N(1 %, 1.41 %) is not positive in about 24 %
    # of draws (P(Z <= -0.707)).
    result = simulate_enterprise_value(
        FLOWS, 0.05, 0.04, draws=10_000, discount_rate_sd=0.01, growth_sd=0.01
    )
    assert result.draws + result.discarded == 10_000
    assert 0.20 < result.discarded / 10_000 < 0.28


def test_central_growth_not_below_the_central_rate_is_an_error() -> None:
    with pytest.raises(ValuationInputError, match="must be below the discount rate"):
        simulate_enterprise_value(FLOWS, 0.05, 0.05)


@pytest.mark.parametrize(
    "arguments",
    [{"draws": 0}, {"discount_rate_sd": -0.01}, {"cash_flow_sd": float("inf")}],
    ids=["no-draws", "negative-sd", "infinite-sd"],
)
def test_bad_simulation_settings_are_rejected(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValuationInputError):
        simulate_enterprise_value(FLOWS, 0.10, 0.025, **arguments)
