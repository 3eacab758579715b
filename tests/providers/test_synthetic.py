"""Tests for the deterministic synthetic figures of the offline sample dataset."""

from __future__ import annotations

import csv
import importlib
import math
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from providers.asx.listing import NOT_CLASSIFIED
from providers.models import DataSource, FinancialStatements, MarketData
from providers.sample import SampleProvider
from providers.sample.asx_calendar import add_business_days, on_or_after, sydney_to_utc
from providers.sample.calibration import CALIBRATIONS, DEFAULT_CALIBRATION, calibration_for
from providers.sample.draws import SeededDraws
from providers.sample.filings import synthetic_filings
from providers.sample.synthetic import (
    SAMPLE_AS_OF,
    synthetic_financials,
    synthetic_market_data,
)

ROOT = Path(__file__).resolve().parents[2]
ASX_LIST = ROOT / "providers" / "sample" / "data" / "ASXListedCompanies_2025-12-05.csv"
SAMPLE_TICKERS = (
    ("BHP", "Materials"),
    ("CBA", "Banks"),
    ("XRO", "Software & Services"),
    ("VAS", "Not Applic"),
    ("14D", "Capital Goods"),
    ("ZZZZ", None),
)
# Every module of the generator, dependencies first, so reloading them all drops every cache.
GENERATOR_MODULES = (
    "draws",
    "asx_calendar",
    "statements",
    "balance_sheet",
    "company",
    "synthetic",
    "announcements",
    "reporting_calendar",
    "fund_calendar",
    "ad_hoc_announcements",
    "filings",
)


@dataclass(frozen=True)
class Generated:
    ticker: str
    group: str
    market: MarketData
    financials: FinancialStatements


@cache
def listed_companies() -> tuple[tuple[str, str], ...]:
    """(ticker, GICS industry group) of every row of the real ASX list."""
    with ASX_LIST.open(newline="", encoding="utf-8") as handle:
        next(handle)  # banner line
        next(handle)  # blank line; the header is on line 3
        return tuple(
            (row["ASX code"], row["GICS industry group"]) for row in csv.DictReader(handle)
        )


def provider_group(group: str) -> str | None:
    """The group `SampleProvider` holds for a listing: None for the ASX placeholders."""
    return None if group.casefold() in NOT_CLASSIFIED else group


@cache
def filing_inputs() -> tuple[tuple[str, str | None], ...]:
    """Each listing with its raw ASX label, and again as the provider passes it if that differs."""
    raw = listed_companies()
    return raw + tuple((t, None) for t, g in raw if provider_group(g) is None)


@cache
def generated() -> tuple[Generated, ...]:
    return tuple(
        Generated(
            ticker, group, synthetic_market_data(ticker, group), synthetic_financials(ticker, group)
        )
        for ticker, group in listed_companies()
    )


def snapshot(ticker: str, group: str | None) -> str:
    return repr(
        (
            synthetic_market_data(ticker, group),
            synthetic_financials(ticker, group),
            synthetic_filings(ticker, group),
        )
    )


def test_list_has_every_asx_company() -> None:
    assert len(listed_companies()) > 1900


def test_same_ticker_gives_identical_figures_within_a_process() -> None:
    before = [snapshot(ticker, group) for ticker, group in SAMPLE_TICKERS]
    reloaded = {
        name: importlib.reload(importlib.import_module(f"providers.sample.{name}"))
        for name in GENERATOR_MODULES
    }
    synthetic, filings = reloaded["synthetic"], reloaded["filings"]
    after = [
        repr(
            (
                synthetic.synthetic_market_data(t, g),
                synthetic.synthetic_financials(t, g),
                filings.synthetic_filings(t, g),
            )
        )
        for t, g in SAMPLE_TICKERS
    ]
    assert before == after


def test_same_ticker_gives_identical_figures_across_processes_and_hash_seeds() -> None:
    script = (
        "from providers.sample.filings import synthetic_filings\n"
        "from providers.sample.synthetic import synthetic_financials, synthetic_market_data\n"
        f"for t, g in {SAMPLE_TICKERS!r}:\n"
        "    print(repr((synthetic_market_data(t, g), synthetic_financials(t, g),\n"
        "                synthetic_filings(t, g))))\n"
    )
    outputs = []
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        outputs.append(result.stdout.splitlines())
    expected = [snapshot(ticker, group) for ticker, group in SAMPLE_TICKERS]
    assert outputs[0] == expected
    assert outputs[1] == expected


def test_different_tickers_get_different_figures() -> None:
    caps = {g.market.market_cap for g in generated()}
    assert len(caps) > 0.99 * len(generated())


def test_all_figures_are_finite() -> None:
    for g in generated():
        market = [
            g.market.price,
            g.market.shares_outstanding,
            g.market.market_cap,
            g.market.enterprise_value,
            g.market.beta,
        ]
        periods = [
            getattr(period, f.name)
            for period in g.financials.periods
            for f in fields(period)
            if f.name != "fiscal_year_end"
        ]
        assert all(math.isfinite(value) for value in market + periods), g.ticker


def test_enterprise_value_is_market_cap_plus_latest_net_debt() -> None:
    for g in generated():
        latest = g.financials.latest
        assert latest is not None
        assert g.market.enterprise_value == pytest.approx(
            g.market.market_cap + latest.net_debt, rel=1e-12
        ), g.ticker


def test_shares_times_price_is_market_cap() -> None:
    for g in generated():
        assert g.market.shares_outstanding * g.market.price == pytest.approx(
            g.market.market_cap, rel=1e-9
        ), g.ticker


def test_prices_are_between_half_a_cent_and_150_dollars() -> None:
    for g in generated():
        assert 0.005 <= g.market.price <= 150.0, g.ticker


def test_ebitda_is_at_least_ebit_in_every_period() -> None:
    for g in generated():
        for period in g.financials.periods:
            assert period.ebitda >= period.ebit, (g.ticker, period.fiscal_year_end)


def test_financials_are_five_june_years_oldest_first_in_aud() -> None:
    expected = [date(year, 6, 30) for year in range(2021, 2026)]
    for g in generated():
        assert g.financials.currency == "AUD"
        assert [p.fiscal_year_end for p in g.financials.periods] == expected, g.ticker


def test_every_provenance_is_synthetic_from_the_sample_source() -> None:
    for g in generated():
        provenances = [g.market.provenance, g.financials.provenance]
        provenances += [f.provenance for f in synthetic_filings(g.ticker, g.group)]
        for provenance in provenances:
            assert provenance.source is DataSource.SAMPLE, g.ticker
            assert provenance.synthetic, g.ticker
            assert provenance.as_of == SAMPLE_AS_OF, g.ticker
        assert g.market.as_of == SAMPLE_AS_OF


@pytest.mark.parametrize(
    "group",
    [
        "Materials",
        "Energy",
        "Software & Services",
        "Financial Services",
        "Capital Goods",
        "Equity Real Estate Investment Trusts (REITs)",
    ],
)
def test_median_ev_to_ebitda_of_profitable_companies_is_near_the_calibration(group: str) -> None:
    multiples = [
        (g.market.enterprise_value or 0.0) / latest.ebitda
        for g in generated()
        if g.group == group and (latest := g.financials.latest) is not None and latest.ebitda > 0
    ]
    assert len(multiples) >= 10
    calibrated = calibration_for(group).ev_ebitda_median
    assert 0.6 * calibrated <= statistics.median(multiples) <= 1.6 * calibrated


def test_few_but_some_companies_are_worth_more_than_ten_billion() -> None:
    caps = [g.market.market_cap for g in generated()]
    above = sum(cap > 10e9 for cap in caps)
    assert 0 < above < 0.03 * len(caps)


def test_median_market_cap_is_tens_of_millions() -> None:
    median = statistics.median(g.market.market_cap for g in generated())
    assert 40e6 <= median <= 150e6


def test_most_materials_companies_are_pre_revenue_or_loss_making() -> None:
    materials = [g for g in generated() if g.group == "Materials"]
    losing = [g for g in materials if g.financials.periods[-1].ebitda < 0]
    tiny_revenue = [g for g in losing if g.financials.periods[-1].revenue < 1e6]
    assert len(losing) > 0.6 * len(materials)
    assert len(tiny_revenue) > 0.5 * len(materials)


def test_loss_making_companies_have_negative_net_income() -> None:
    for g in generated():
        latest = g.financials.periods[-1]
        if latest.ebitda < 0:
            assert latest.net_income < 0, g.ticker


def test_banks_have_no_net_debt() -> None:
    banks = [g for g in generated() if g.group == "Banks"]
    assert banks
    assert all(p.net_debt == 0 for g in banks for p in g.financials.periods)


def test_betas_are_between_0_3_and_2_5() -> None:
    for g in generated():
        assert g.market.beta is not None and 0.3 <= g.market.beta <= 2.5, g.ticker


def test_filings_are_newest_first_with_unique_ids() -> None:
    for ticker, group in filing_inputs():
        filings = synthetic_filings(ticker, group)
        released = [f.released_at for f in filings]
        assert released == sorted(released, reverse=True), ticker
        assert len({f.id for f in filings}) == len(filings), ticker


def test_filings_are_ten_to_twenty_five_in_the_eighteen_months_before_as_of() -> None:
    earliest = SAMPLE_AS_OF - timedelta(days=550)
    for ticker, group in filing_inputs():
        filings = synthetic_filings(ticker, group)
        assert 10 <= len(filings) <= 25, ticker
        for filing in filings:
            assert filing.released_at.tzinfo is not None
            assert earliest <= filing.released_at.date() < SAMPLE_AS_OF, filing.id
            assert filing.url is None
            assert filing.id.startswith(f"{ticker}-")


def test_calibration_defaults_for_non_gics_groups() -> None:
    for group in (None, "Not Applic", "Class Pend", "Unknown Group"):
        assert calibration_for(group) is DEFAULT_CALIBRATION


def test_every_gics_group_in_the_list_has_its_own_calibration() -> None:
    groups = {group for _, group in listed_companies()} - {"Not Applic", "Class Pend"}
    assert groups <= set(CALIBRATIONS)


def test_funds_get_nta_backing_only_when_passed_the_raw_asx_label() -> None:
    # ACQ is a listed investment company, which the ASX list labels "Not Applic".
    as_fund = {f.document_type for f in synthetic_filings("ACQ", "Not Applic")}
    unclassified = {f.document_type for f in synthetic_filings("ACQ", None)}
    assert "Net Tangible Asset Backing" in as_fund
    assert "Net Tangible Asset Backing" not in unclassified


def test_class_pend_and_none_give_the_same_filings() -> None:
    pending = [t for t, g in listed_companies() if g == "Class Pend"]
    assert pending
    for ticker in pending:
        assert synthetic_filings(ticker, "Class Pend") == synthetic_filings(ticker, None), ticker


async def test_sample_provider_filings_use_the_group_it_holds() -> None:
    provider = SampleProvider()
    served = await provider.filings(["BHP", "ACQ", "NOPE"])
    assert served == {
        "BHP": synthetic_filings("BHP", "Materials"),
        "ACQ": synthetic_filings("ACQ", None),  # the provider holds None for "Not Applic"
    }


def test_seeded_draws_repeat_per_ticker_and_purpose() -> None:
    def stream(ticker: str, purpose: str) -> list[float]:
        draws = SeededDraws(ticker, purpose)
        return [draws.uniform() for _ in range(5)]

    assert stream("BHP", "size") == stream("BHP", "size")
    assert stream("BHP", "size") != stream("BHP", "beta")
    assert stream("BHP", "size") != stream("CBA", "size")
    draws = SeededDraws("BHP", "integers")
    assert {draws.integer(2, 4) for _ in range(200)} == {2, 3, 4}


def test_business_days_skip_weekends_and_asx_holidays() -> None:
    assert on_or_after(date(2025, 4, 18)) == date(2025, 4, 22)  # Good Friday to Easter Tuesday
    assert add_business_days(date(2024, 12, 24), 1) == date(2024, 12, 27)


def test_sydney_release_times_convert_to_utc_across_daylight_saving() -> None:
    eight_am = 8 * 60
    assert sydney_to_utc(date(2025, 1, 15), eight_am).isoformat() == "2025-01-14T21:00:00+00:00"
    assert sydney_to_utc(date(2025, 7, 15), eight_am).isoformat() == "2025-07-14T22:00:00+00:00"
