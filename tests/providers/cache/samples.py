"""One instance of every model in providers/models.py, for the cache tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from providers.models import (
    CompanyProfile,
    DataSource,
    Director,
    Filing,
    FinancialPeriod,
    FinancialStatements,
    MarketData,
    NameMatch,
    PeerCandidate,
    Provenance,
    RateObservation,
    RateSeries,
    RegistryEntity,
    Transaction,
)

PROVENANCE = Provenance(source=DataSource.ASX, as_of=date(2026, 2, 27))


def market(ticker: str, price: float = 10.0) -> MarketData:
    return MarketData(
        ticker=ticker,
        price=price,
        shares_outstanding=1e9,
        market_cap=price * 1e9,
        enterprise_value=None,
        beta=1.1,
        as_of=date(2026, 2, 27),
        provenance=PROVENANCE,
    )


PERIOD = FinancialPeriod(
    fiscal_year_end=date(2025, 6, 30),
    revenue=100.0,
    ebitda=30.0,
    ebit=20.0,
    net_income=12.5,
    depreciation_and_amortisation=10.0,
    capital_expenditure=8.0,
    change_in_working_capital=-1.5,
    net_debt=float("inf"),  # floats that JSON has no literal for must survive too
    lease_liabilities=0.0,
)

OBSERVATION = RateObservation(as_of=date(2026, 2, 1), value=0.041)

SERIES = RateSeries(
    series_id="FIRMMCRTD",
    title="Cash Rate Target",
    units="Per cent",
    frequency="Daily",
    source="RBA",
    published_on=None,
    observations=(OBSERVATION, RateObservation(as_of=date(2026, 2, 2), value=0.0385)),
)

FILING = Filing(
    id="02912345",
    ticker="BHP",
    title="Half Year Report",
    document_type="Periodic Reports",
    released_at=datetime(2026, 2, 17, 21, 30, tzinfo=UTC),
    price_sensitive=True,
    url=None,
    provenance=PROVENANCE,
)

TRANSACTION = Transaction(
    id="IQTR123",
    target="Target Ltd",
    acquirer="Acquirer Ltd",
    announced_on=date(2024, 5, 1),
    gics_industry_group="Materials",
    enterprise_value=1.2e9,
    ev_to_ebitda=8.5,
    ev_to_revenue=None,
    control_premium=0.325,
    status="Closed",
    provenance=Provenance(source=DataSource.CAPIQ, as_of=date(2026, 2, 27)),
)

ENTITY = RegistryEntity(
    abn="49004028077",
    acn="004028077",
    entity_name="BHP GROUP LIMITED",
    entity_type="Australian Public Company",
    status="Active",
    status_from=date(2000, 3, 21),
    gst_registered_from=None,
    state="VIC",
    postcode="3000",
    business_names=("BHP", "BHP Billiton"),
    provenance=Provenance(source=DataSource.ABR, as_of=date(2026, 2, 27), stale=False),
)

EVERY_MODEL: list[Any] = [
    PROVENANCE,
    CompanyProfile(
        ticker="BHP",
        name="BHP GROUP LIMITED",
        gics_industry_group=None,
        provenance=Provenance(source=DataSource.SAMPLE, as_of=date(2026, 1, 1), synthetic=True),
        acn="004028077",
    ),
    market("BHP"),
    PERIOD,
    FinancialStatements(
        ticker="BHP", currency="AUD", periods=(PERIOD, PERIOD), provenance=PROVENANCE
    ),
    PeerCandidate(ticker="RIO", similarity=0.93),
    FILING,
    OBSERVATION,
    SERIES,
    TRANSACTION,
    ENTITY,
    NameMatch(
        abn="49004028077",
        name="BHP",
        name_type="Business Name",
        score=100,
        state=None,
        postcode=None,
        is_current=True,
    ),
    Director(name="Ross McEwan", title=None),
]
