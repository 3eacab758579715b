"""Monte Carlo simulation of `value_dcf`'s enterprise value."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from valuation.dcf_timing import dcf_schedule
from valuation.dcf_valuation import DcfForecast, value_dcf
from valuation.errors import ValuationInputError
from valuation.monte_carlo import dcf_draws, simulate_dcf

ENDS = [date(2025, 6, 30), date(2026, 6, 30), date(2027, 6, 30), date(2028, 6, 30)]
FORECAST = DcfForecast((40.0, 44.0, 48.0, 50.0), final_ebit=70.0, final_ebitda=85.0, tax_rate=0.3)
SCHEDULE = dcf_schedule(ENDS, date(2024, 12, 31))  # a stub and the mid-year convention


@pytest.mark.parametrize("ronic", [None, 0.15], ids=["ronic-is-rate", "ronic-given"])
def test_simulate_dcf_with_zero_dispersion_is_value_dcf(ronic: float | None) -> None:
    expected = value_dcf(FORECAST, SCHEDULE, 0.10, 0.025, ronic=ronic).enterprise_value
    result = simulate_dcf(
        FORECAST,
        SCHEDULE,
        0.10,
        0.025,
        ronic=ronic,
        draws=50,
        discount_rate_sd=0.0,
        growth_sd=0.0,
        cash_flow_sd=0.0,
    )
    for statistic in (result.p10, result.p50, result.p90, result.mean):
        assert statistic == pytest.approx(expected, rel=1e-12)
    assert (result.draws, result.discarded) == (50, 0)


def test_simulate_dcf_level_multiplier_scales_cash_flows_and_terminal_value_alike() -> None:
    # With only the level uncertain each draw is value_dcf's EV times its multiplier, drawn from
    # the third row of the seeded block of normals.
    seed, sd = 11, 0.2
    expected = value_dcf(FORECAST, SCHEDULE, 0.10, 0.025, ronic=0.15).enterprise_value
    z = np.random.default_rng(seed).standard_normal((3, 1_000))
    multiplier = np.exp(sd * z[2] - sd**2 / 2)
    result = simulate_dcf(
        FORECAST,
        SCHEDULE,
        0.10,
        0.025,
        ronic=0.15,
        draws=1_000,
        seed=seed,
        discount_rate_sd=0.0,
        growth_sd=0.0,
        cash_flow_sd=sd,
    )
    p10, p90 = np.percentile(multiplier, [10, 90])
    assert result.p10 == pytest.approx(expected * p10, rel=1e-12)
    assert result.p90 == pytest.approx(expected * p90, rel=1e-12)
    assert result.mean == pytest.approx(expected * multiplier.mean(), rel=1e-12)


def test_simulate_dcf_is_reproducible_and_ordered() -> None:
    first = simulate_dcf(FORECAST, SCHEDULE, 0.10, 0.025, seed=3)
    assert first == simulate_dcf(FORECAST, SCHEDULE, 0.10, 0.025, seed=3)
    assert first.p50 != simulate_dcf(FORECAST, SCHEDULE, 0.10, 0.025, seed=4).p50
    assert first.p10 < first.p50 < first.p90


def test_dcf_draws_are_the_draws_simulate_dcf_summarises() -> None:
    # Growth close to the rate discards some draws: the kept ones are the ones summarised.
    kwargs: dict[str, Any] = {"ronic": 0.15, "seed": 5, "growth_sd": 0.01}
    summary = simulate_dcf(FORECAST, SCHEDULE, 0.06, 0.04, **kwargs)
    values = dcf_draws(FORECAST, SCHEDULE, 0.06, 0.04, **kwargs)
    assert summary.discarded > 0
    assert values.size == summary.draws
    assert np.percentile(values, [10, 50, 90]).tolist() == [summary.p10, summary.p50, summary.p90]
    assert float(values.mean()) == summary.mean


def test_simulate_dcf_discards_and_counts_draws_with_growth_not_below_the_rate() -> None:
    # r ~ N(5 %, 1 %) and g ~ N(4 %, 1 %): r - g ~ N(1 %, 1.41 %) is not positive in about 24 %
    # of draws (P(Z <= -0.707)).
    result = simulate_dcf(
        FORECAST, SCHEDULE, 0.05, 0.04, ronic=0.15, discount_rate_sd=0.01, growth_sd=0.01
    )
    assert result.draws + result.discarded == 10_000
    assert 0.20 < result.discarded / 10_000 < 0.28


def test_simulate_dcf_rejects_central_growth_not_below_the_rate_and_a_bad_ronic() -> None:
    with pytest.raises(ValuationInputError, match="must be below the discount rate"):
        simulate_dcf(FORECAST, SCHEDULE, 0.05, 0.05)
    with pytest.raises(ValuationInputError, match="ronic"):
        simulate_dcf(FORECAST, SCHEDULE, 0.10, 0.025, ronic=0.0)


@pytest.mark.parametrize(
    "arguments",
    [{"draws": 0}, {"discount_rate_sd": -0.01}, {"cash_flow_sd": float("inf")}],
    ids=["no-draws", "negative-sd", "infinite-sd"],
)
def test_simulate_dcf_rejects_bad_simulation_settings(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValuationInputError):
        simulate_dcf(FORECAST, SCHEDULE, 0.10, 0.025, **arguments)
