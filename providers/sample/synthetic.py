"""Deterministic synthetic market data and financial statements for the sample dataset.

The ASX company list is real; the figures of listed companies are not open data, so we generate
them. Every figure is marked `synthetic=True` by its provenance, and is:

* Deterministic: every draw comes from `providers.sample.draws.SeededDraws`, seeded from sha256
  of the ticker and the purpose of the draw. Money is rounded to A$1,000 and prices to ASX ticks,
  so last-ulp differences in libm cannot show.
* Calibrated per GICS industry group (see `providers.sample.calibration`): a profitable company's
  EBITDA is sized from its market capitalisation so that EV/EBITDA lands near the group's multiple.
* Coherent: EV = market cap + net debt of the latest fiscal year; EBITDA >= EBIT; net income is
  after interest and 30 % tax; the beta is the group's asset beta relevered (Hamada) at the
  company's debt / equity.

Net debt is borrowings less cash and excludes AASB 16 lease liabilities (reported separately), so
enterprise value, as the platform defines it, is market cap + net debt; a consumer wanting
lease-adjusted EV should add `lease_liabilities`.

The company behind these figures is drawn in `providers.sample.company` (statements in
`providers.sample.statements`); synthetic filings are in `providers.sample.filings`.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from providers.models import DataSource, FinancialStatements, MarketData, Provenance
from providers.sample.company import synthetic_company

__all__ = [
    "SAMPLE_AS_OF",
    "SAMPLE_PROVENANCE",
    "synthetic_financials",
    "synthetic_market_data",
]

SAMPLE_AS_OF: Final[date] = date(2025, 12, 5)
"""Date of the ASX company list; synthetic market data is "as of" this date."""

SAMPLE_PROVENANCE: Final = Provenance(DataSource.SAMPLE, SAMPLE_AS_OF, synthetic=True)
"""Provenance of every generated figure and filing."""


def synthetic_market_data(ticker: str, gics_industry_group: str | None) -> MarketData:
    """Synthetic market figures as of `SAMPLE_AS_OF`, consistent with `synthetic_financials`.

    Market cap is price x shares; EV is market cap + net debt of the latest fiscal year (FY2025).
    """
    company = synthetic_company(ticker, gics_industry_group)
    return MarketData(
        ticker=ticker,
        price=company.price,
        shares_outstanding=company.shares,
        market_cap=company.market_cap,
        enterprise_value=company.market_cap + company.periods[-1].net_debt,
        beta=company.beta,
        as_of=SAMPLE_AS_OF,
        provenance=SAMPLE_PROVENANCE,
    )


def synthetic_financials(ticker: str, gics_industry_group: str | None) -> FinancialStatements:
    """Synthetic annual statements for the fiscal years ending 30 June 2021..2025, oldest first."""
    company = synthetic_company(ticker, gics_industry_group)
    return FinancialStatements(
        ticker=ticker, currency="AUD", periods=company.periods, provenance=SAMPLE_PROVENANCE
    )
