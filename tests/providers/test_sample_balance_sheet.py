"""The sample's book equity, intangible assets and dividends, and the figures they left alone."""

from __future__ import annotations

import hashlib
import statistics
from functools import cache

from providers.sample.balance_sheet import _PB_STRETCH, with_balance_sheet
from providers.sample.calibration import calibration_for
from providers.sample.company import SyntheticCompany, synthetic_company
from providers.sample.statements import five_fiscal_years
from tests.providers.test_synthetic import listed_companies

BANKS = "Banks"
INSURERS = "Insurance"
REITS = "Equity Real Estate Investment Trusts (REITs)"
SOFTWARE = "Software & Services"
ROUNDING = 1_000.0  # every amount is rounded to A$1,000
# What the statement lines, prices, share counts, betas and stages of the whole ASX list hashed
# to before the balance-sheet lines existed: the new draws must not move any of them.
STATEMENTS_DIGEST = "488f2d89c57c6f9126b26eb4b26adf00e0986651f4f40a2d3283eeab60734070"
STATEMENT_LINES = (
    "fiscal_year_end",
    "revenue",
    "ebitda",
    "ebit",
    "net_income",
    "depreciation_and_amortisation",
    "capital_expenditure",
    "change_in_working_capital",
    "net_debt",
    "lease_liabilities",
)


@cache
def companies() -> tuple[tuple[str, str, SyntheticCompany], ...]:
    return tuple((t, g, synthetic_company(t, g)) for t, g in listed_companies())


def group(name: str) -> list[SyntheticCompany]:
    found = [company for _, g, company in companies() if g == name]
    assert len(found) >= 10, name
    return found


def profitable(name: str) -> list[SyntheticCompany]:
    return [c for c in group(name) if c.periods[-1].net_income > 0]


def equity(company: SyntheticCompany, t: int = -1) -> float:
    value = company.periods[t].total_equity
    assert value is not None
    return value


def price_to_book(company: SyntheticCompany) -> float:
    return company.market_cap / equity(company)


def test_the_statements_prices_and_betas_are_those_drawn_before() -> None:
    digest = hashlib.sha256()
    for ticker, _, c in companies():
        lines = [tuple(getattr(p, name) for name in STATEMENT_LINES) for p in c.periods]
        digest.update(repr((ticker, c.stage.value, c.price, c.shares, c.beta, lines)).encode())
    assert digest.hexdigest() == STATEMENTS_DIGEST


def test_the_balance_sheet_only_adds_lines_to_the_statements() -> None:
    for ticker, g, c in companies()[:200]:
        statements = five_fiscal_years(ticker, c.calibration, c.stage, c.market_cap)
        with_lines = with_balance_sheet(ticker, calibration_for(g), c.market_cap, statements)
        assert with_lines == c.periods, ticker
        for before, after in zip(statements, with_lines, strict=True):
            assert before.total_equity is None and after.total_equity is not None
            assert [getattr(before, n) for n in STATEMENT_LINES] == [
                getattr(after, n) for n in STATEMENT_LINES
            ]


def test_every_year_has_positive_equity_intangibles_below_it_and_no_negative_dividend() -> None:
    for ticker, _, c in companies():
        for p in c.periods:
            assert p.total_equity is not None and p.total_equity > 0, ticker
            assert p.intangible_assets is not None, ticker
            assert 0 <= p.intangible_assets < p.total_equity, ticker
            assert p.dividends is not None and p.dividends >= 0, ticker


def test_no_dividend_in_a_year_without_a_profit() -> None:
    for ticker, _, c in companies():
        for p in c.periods:
            if p.net_income <= 0:
                assert p.dividends == 0, (ticker, p.fiscal_year_end)


def test_a_company_without_a_profit_holds_at_least_its_net_cash_as_equity() -> None:
    for ticker, _, c in companies():
        latest = c.periods[-1]
        if latest.net_income <= 0:
            assert equity(c) >= -latest.net_debt - ROUNDING, ticker


def test_the_return_on_equity_is_in_the_range_unless_price_to_book_is_at_its_limit() -> None:
    for ticker, g, c in companies():
        latest = c.periods[-1]
        if latest.net_income <= 0:
            continue
        cal = calibration_for(g)
        roe = latest.net_income / equity(c)
        slack = 2 * ROUNDING / equity(c)
        in_range = cal.return_on_equity_low - slack <= roe <= cal.return_on_equity_high + slack
        pb = price_to_book(c)
        limits = (cal.price_to_book_high * _PB_STRETCH, cal.price_to_book_low / _PB_STRETCH)
        at_limit = min(abs(pb / limit - 1) for limit in limits)
        assert in_range or at_limit < 1e-3, (ticker, roe, pb)


def test_profitable_banks_earn_8_to_13_percent_on_book_and_trade_near_it() -> None:
    banks = profitable(BANKS)
    assert len(banks) >= 10
    for bank in banks:
        assert 0.08 - 1e-3 <= bank.periods[-1].net_income / equity(bank) <= 0.13 + 1e-3
    assert 1.0 <= statistics.median(price_to_book(b) for b in group(BANKS)) <= 1.6


def test_insurers_trade_at_one_and_a_half_to_two_and_a_half_times_book() -> None:
    assert 1.5 <= statistics.median(price_to_book(c) for c in group(INSURERS)) <= 2.5


def test_reits_trade_near_their_net_tangible_assets_and_hold_few_intangibles() -> None:
    reits = group(REITS)
    for reit in reits:
        latest = reit.periods[-1]
        assert latest.intangible_assets is not None
        assert latest.intangible_assets <= 0.02 * equity(reit) + ROUNDING
    to_nta = [c.market_cap / (equity(c) - (c.periods[-1].intangible_assets or 0.0)) for c in reits]
    assert 0.8 <= statistics.median(to_nta) <= 1.1


def test_software_trades_far_above_book_on_large_intangibles() -> None:
    software = group(SOFTWARE)
    assert statistics.median(price_to_book(c) for c in software) > 3.0
    shares = [(c.periods[-1].intangible_assets or 0.0) / equity(c) for c in software]
    assert statistics.median(shares) >= 0.4


def test_dividends_are_the_payout_range_of_each_profitable_year() -> None:
    for name, low, high in ((BANKS, 0.70, 0.80), (REITS, 0.85, 0.95), (SOFTWARE, 0.0, 0.15)):
        for c in group(name):
            for p in c.periods:
                assert p.dividends is not None
                if p.net_income > 0:
                    assert low * p.net_income - ROUNDING <= p.dividends, name
                    assert p.dividends <= high * p.net_income + ROUNDING, name


def test_earlier_equity_is_later_equity_less_retained_earnings() -> None:
    # Clean surplus: opening = closing - net income + dividends, for companies that never lost
    # money (a loss year issues shares, which the statements do not show).
    checked = 0
    for ticker, _, c in companies():
        if any(p.net_income <= 0 for p in c.periods):
            continue
        for t in range(len(c.periods) - 1, 0, -1):
            p = c.periods[t]
            assert p.dividends is not None
            expected = max(equity(c, t) - p.net_income + p.dividends, 0.5 * equity(c, t))
            assert abs(equity(c, t - 1) - expected) <= 2 * ROUNDING, (ticker, p.fiscal_year_end)
        checked += 1
    assert checked > 100
