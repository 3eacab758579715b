"""Market data, financial statements and trading multiples of a listed company."""

from __future__ import annotations

from datetime import date

import strawberry

from providers import models
from schema.types.provenance import Provenance
from valuation.multiples import TradingMultiples


@strawberry.type(description="Latest market figures of a listed security. Money in AUD.")
class MarketData:
    price: float = strawberry.field(description="Last share price, AUD.")
    market_cap: float = strawberry.field(description="Market capitalisation, AUD.")
    enterprise_value: float | None = strawberry.field(
        description="Market capitalisation plus net debt of the latest fiscal year, AUD; null "
        "where the source does not publish it."
    )
    shares_outstanding: float = strawberry.field(description="Ordinary shares on issue.")
    beta: float | None = strawberry.field(
        description="Levered equity beta against the market; null where the source does not "
        "publish it."
    )
    as_of: date = strawberry.field(description="The trading date the figures describe.")
    provenance: Provenance = strawberry.field(description="Where these figures came from.")

    @classmethod
    def from_model(cls, data: models.MarketData) -> MarketData:
        return cls(
            price=data.price,
            market_cap=data.market_cap,
            enterprise_value=data.enterprise_value,
            shares_outstanding=data.shares_outstanding,
            beta=data.beta,
            as_of=data.as_of,
            provenance=Provenance.from_model(data.provenance),
        )


@strawberry.type(description="One fiscal year of reported results. Money in AUD.")
class FinancialPeriod:
    fiscal_year_end: date = strawberry.field(description="Last day of the fiscal year.")
    revenue: float = strawberry.field(description="Revenue.")
    ebitda: float = strawberry.field(
        description="Earnings before interest, tax, depreciation and amortisation."
    )
    ebit: float = strawberry.field(description="Earnings before interest and tax.")
    net_income: float = strawberry.field(description="Net profit after tax.")
    depreciation_and_amortisation: float = strawberry.field(
        description="Depreciation and amortisation expense."
    )
    capital_expenditure: float = strawberry.field(
        description="Capital expenditure, as a positive outflow."
    )
    change_in_working_capital: float = strawberry.field(
        description="Increase in net working capital (positive = cash absorbed)."
    )
    net_debt: float = strawberry.field(description="Borrowings less cash at year end.")
    lease_liabilities: float = strawberry.field(
        description="Lease liabilities recognised under AASB 16 at year end."
    )
    total_equity: float | None = strawberry.field(
        description="Book equity attributable to shareholders at year end; null where the "
        "source does not give it."
    )
    intangible_assets: float | None = strawberry.field(
        description="Goodwill and other intangible assets at year end; null where the source "
        "does not give it."
    )
    dividends: float | None = strawberry.field(
        description="Ordinary dividends for the fiscal year in total, a positive amount (nil "
        "when none); null where the source does not give them."
    )

    @classmethod
    def from_model(cls, period: models.FinancialPeriod) -> FinancialPeriod:
        return cls(
            fiscal_year_end=period.fiscal_year_end,
            revenue=period.revenue,
            ebitda=period.ebitda,
            ebit=period.ebit,
            net_income=period.net_income,
            depreciation_and_amortisation=period.depreciation_and_amortisation,
            capital_expenditure=period.capital_expenditure,
            change_in_working_capital=period.change_in_working_capital,
            net_debt=period.net_debt,
            lease_liabilities=period.lease_liabilities,
            total_equity=period.total_equity,
            intangible_assets=period.intangible_assets,
            dividends=period.dividends,
        )


@strawberry.type(description="Historical annual financial statements.")
class Financials:
    currency: str = strawberry.field(description="ISO 4217 currency of every amount.")
    periods: list[FinancialPeriod] = strawberry.field(description="Fiscal years, oldest first.")
    provenance: Provenance = strawberry.field(description="Where these figures came from.")

    @classmethod
    def from_model(cls, statements: models.FinancialStatements) -> Financials:
        return cls(
            currency=statements.currency,
            periods=[FinancialPeriod.from_model(p) for p in statements.periods],
            provenance=Provenance.from_model(statements.provenance),
        )


@strawberry.type(
    description="Trading multiples on the latest fiscal year. A multiple is null when its "
    "denominator is zero or negative, since a multiple of a loss does not describe value."
)
class Multiples:
    ev_to_ebitda: float | None = strawberry.field(description="Enterprise value / EBITDA.")
    ev_to_revenue: float | None = strawberry.field(description="Enterprise value / revenue.")
    ev_to_ebit: float | None = strawberry.field(description="Enterprise value / EBIT.")
    price_to_earnings: float | None = strawberry.field(
        description="Market capitalisation / net profit after tax."
    )
    fiscal_year_end: date | None = strawberry.field(
        description="The fiscal year whose earnings the multiples use."
    )

    @classmethod
    def from_model(cls, multiples: TradingMultiples) -> Multiples:
        return cls(
            ev_to_ebitda=multiples.ev_to_ebitda,
            ev_to_revenue=multiples.ev_to_revenue,
            ev_to_ebit=multiples.ev_to_ebit,
            price_to_earnings=multiples.price_to_earnings,
            fiscal_year_end=multiples.fiscal_year_end,
        )
