"""What `createValuation` takes: the company, its figures, the methods and the assumptions."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from schema.enums import GicsIndustryGroup
from valuation import method_set


@strawberry.enum(description="A valuation method; see the README for each one's basis.")
class ValuationMethod(Enum):
    DCF = strawberry.enum_value(
        method_set.ValuationMethod.DCF.value, description="FCFF discounted at the WACC."
    )
    EV_TO_EBITDA = strawberry.enum_value(
        method_set.ValuationMethod.EV_TO_EBITDA.value, description="EV/EBITDA, post-AASB 16."
    )
    EV_TO_EBIT = strawberry.enum_value(
        method_set.ValuationMethod.EV_TO_EBIT.value, description="EV/EBIT."
    )
    PRICE_TO_EARNINGS = strawberry.enum_value(
        method_set.ValuationMethod.PRICE_TO_EARNINGS.value, description="P/E on NPAT."
    )
    DIVIDEND_YIELD = strawberry.enum_value(
        method_set.ValuationMethod.DIVIDEND_YIELD.value,
        description="Dividends over a yield, with franking (distribution yield for REITs).",
    )
    PRICE_TO_BOOK = strawberry.enum_value(
        method_set.ValuationMethod.PRICE_TO_BOOK.value,
        description="P/B, adjusted for ROE against the peers'.",
    )
    PRICE_TO_NTA = strawberry.enum_value(
        method_set.ValuationMethod.PRICE_TO_NTA.value, description="Price to NTA (REITs)."
    )
    PRICE_TO_EMBEDDED_VALUE = strawberry.enum_value(
        method_set.ValuationMethod.PRICE_TO_EMBEDDED_VALUE.value,
        description="Price to embedded value (life insurers; needs multipleRange).",
    )
    PRECEDENT_TRANSACTIONS = strawberry.enum_value(
        method_set.ValuationMethod.PRECEDENT_TRANSACTIONS.value,
        description="Peers' M&A EV/LTM EBITDA, on a control basis.",
    )


@strawberry.enum(description="Which fiscal year's figures a multiple applies to.")
class MetricPeriod(Enum):
    LTM = strawberry.enum_value("LTM", description="The last historical fiscal year.")
    FY1 = strawberry.enum_value("FY1", description="The first forecast year.")
    FY2 = strawberry.enum_value("FY2", description="The second forecast year.")


@strawberry.enum(description="The basis of a dividend-yield range.")
class DividendYieldBasis(Enum):
    CASH = strawberry.enum_value("CASH", description="Cash dividends over price.")
    GROSSED_UP = strawberry.enum_value(
        "GROSSED_UP", description="Dividends grossed up for franking credits over price."
    )


@strawberry.input(description="A low / high range of a multiple or a yield.")
class RangeInput:
    low: float = strawberry.field(description="Low end.")
    high: float = strawberry.field(description="High end; the mid is the midpoint.")


@strawberry.input(description="One method of the valuation, with its weight.")
class MethodInput:
    method: ValuationMethod = strawberry.field(description="The method.")
    weight: float = strawberry.field(description="Its weight in the synthesis (0 shows it only).")
    period: MetricPeriod = strawberry.field(
        default=MetricPeriod.FY1,
        description="The subject's period; balance-sheet methods and transactions always use LTM.",
    )
    multiple_range: RangeInput | None = strawberry.field(
        default=None,
        description="The multiple (or yield) to apply; default: the peers' p25 / median / p75 on "
        "the same period.",
    )


@strawberry.input(
    description="A comparable the caller supplies, e.g. an international peer; shown apart, with "
    "provenance CALLER."
)
class CustomPeerInput:
    name: str = strawberry.field(description="Its name.")
    country: str | None = strawberry.field(default=None, description="ISO country code.")
    currency: str | None = strawberry.field(default=None, description="Its reporting currency.")
    period: MetricPeriod = strawberry.field(
        default=MetricPeriod.LTM, description="The period its multiples are measured on."
    )
    post_aasb16: bool = strawberry.field(
        default=True,
        description="Whether its EBITDA is after AASB 16 / IFRS 16 (false for US GAAP reporters, "
        "whose operating lease costs stay in EBITDA): false leaves it out of EV multiples.",
    )
    ev_to_ebitda: float | None = strawberry.field(default=None, description="EV/EBITDA.")
    ev_to_ebit: float | None = strawberry.field(default=None, description="EV/EBIT.")
    price_to_earnings: float | None = strawberry.field(default=None, description="P/E.")
    dividend_yield: float | None = strawberry.field(default=None, description="Cash yield.")
    price_to_book: float | None = strawberry.field(default=None, description="P/B.")
    levered_beta: float | None = strawberry.field(
        default=None, description="Equity beta; used only with debtToEquity."
    )
    debt_to_equity: float | None = strawberry.field(
        default=None, description="(Net debt + leases) / market capitalisation."
    )
    source: str | None = strawberry.field(
        default=None, description="Where the figures came from, e.g. a data vendor and date."
    )


@strawberry.input(description="One fiscal year of results, actual or forecast. Money in AUD.")
class FinancialPeriodInput:
    fiscal_year_end: date = strawberry.field(description="Last day of the fiscal year.")
    revenue: float = strawberry.field(description="Revenue.")
    ebitda: float = strawberry.field(description="EBITDA.")
    ebit: float = strawberry.field(description="EBIT.")
    net_income: float = strawberry.field(description="Net profit after tax (NPAT).")
    depreciation_and_amortisation: float = strawberry.field(description="D&A expense.")
    capital_expenditure: float = strawberry.field(description="Capex, as a positive outflow.")
    change_in_working_capital: float = strawberry.field(
        description="Increase in net working capital (positive = cash absorbed)."
    )
    dividends: float | None = strawberry.field(
        default=None,
        description="Ordinary dividends (or distributions) for the year, total cash AUD; default: "
        "assumptions.payoutRatio x NPAT.",
    )


@strawberry.input(description="Assumptions to override; each has a documented default.")
class AssumptionsInput:
    risk_free_rate: float | None = strawberry.field(
        default=None, description="Default: the latest RBA 10-year government bond yield."
    )
    market_risk_premium: float | None = strawberry.field(default=None, description="Default 0.06.")
    tax_rate: float | None = strawberry.field(default=None, description="Default 0.30.")
    terminal_growth: float | None = strawberry.field(default=None, description="Default 0.025.")
    ipo_discount: float | None = strawberry.field(
        default=None, description="Default 0.15, to pre-money equity."
    )
    target_debt_to_equity: float | None = strawberry.field(
        default=None,
        description="Default: the peers' median (net debt + leases) / market capitalisation.",
    )
    credit_spread: float | None = strawberry.field(default=None, description="Default 0.025.")
    methods: list[MethodInput] | None = strawberry.field(
        default=None, description="The methods and weights; default: the sector model's."
    )
    offer_range_width: float | None = strawberry.field(
        default=None, description="The offer range's half-width around the mid; default 0.10."
    )
    mid_year_convention: bool | None = strawberry.field(
        default=None, description="Discount cash flows at mid-year; default true."
    )
    return_on_new_invested_capital: float | None = strawberry.field(
        default=None, description="RONIC of the terminal value; default: the WACC."
    )
    imputation_gamma: float | None = strawberry.field(
        default=None,
        description="Value of imputation credits (0-1); default off. The DCF's tax rate becomes "
        "taxRate x (1 - gamma).",
    )
    payout_ratio: float | None = strawberry.field(
        default=None, description="Dividends as a share of NPAT where a period gives none."
    )
    dividend_yield_basis: DividendYieldBasis | None = strawberry.field(
        default=None, description="The basis of a DIVIDEND_YIELD multipleRange; default CASH."
    )


@strawberry.input(description="The company to value.")
class ValuationInput:
    company_name: str = strawberry.field(description="Name of the company.")
    gics_industry_group: GicsIndustryGroup = strawberry.field(
        description="Its GICS industry group: peers are chosen from it, and it picks the default "
        "methods."
    )
    history: list[FinancialPeriodInput] = strawberry.field(
        default_factory=list,
        description="Historical fiscal years, oldest first (at least one, typed here or taken "
        "from `documentIds`; a year typed here wins over the documents').",
    )
    forecast: list[FinancialPeriodInput] = strawberry.field(
        default_factory=list,
        description="Forecast fiscal years, oldest first; projected from history when empty.",
    )
    net_debt: float | None = strawberry.field(
        default=None,
        description="Borrowings less cash, AUD. Required unless `documentIds` is given: then, "
        "when null, borrowings - cash of the documents' latest balance sheet.",
    )
    lease_liabilities: float | None = strawberry.field(
        default=None,
        description="AASB 16 leases, AUD; default 0, or with `documentIds` the latest balance "
        "sheet's.",
    )
    ebitda_post_aasb16: bool = strawberry.field(
        default=True, description="Whether EBITDA is after AASB 16 (leases capitalised)."
    )
    lease_payments: float | None = strawberry.field(
        default=None,
        description="Annual lease expense, AUD: restates a pre-AASB 16 EBITDA after AASB 16.",
    )
    pre_offer_shares: float = strawberry.field(description="Shares on issue before the offer.")
    primary_raise: float = strawberry.field(description="New money raised at the IPO, AUD.")
    valuation_date: date | None = strawberry.field(
        default=None,
        description="The DCF's valuation date; default: the day of the request in Sydney.",
    )
    book_equity: float | None = strawberry.field(
        default=None, description="Shareholders' equity at the latest balance date (P/B)."
    )
    net_tangible_assets: float | None = strawberry.field(
        default=None,
        description="NTA at the latest balance date, before the offer (P/NTA, ASX assets test).",
    )
    embedded_value: float | None = strawberry.field(
        default=None, description="Embedded value, AUD (life insurers)."
    )
    franking_percentage: float | None = strawberry.field(
        default=None, description="How far dividends are franked, 0-1; default 0."
    )
    offer_costs: float | None = strawberry.field(
        default=None, description="Costs of the offer, AUD, deducted for the ASX assets test."
    )
    expected_holders: int | None = strawberry.field(
        default=None,
        description="Non-affiliated holders expected at listing with a parcel of A$2,000 or more.",
    )
    free_float: float | None = strawberry.field(
        default=None, description="Share of the securities in free float after the offer, 0-1."
    )
    peers: list[str] = strawberry.field(
        default_factory=list, description="ASX codes to use as peers instead of choosing them."
    )
    exclude_peers: list[str] = strawberry.field(
        default_factory=list, description="ASX codes never to use as peers."
    )
    custom_peers: list[CustomPeerInput] = strawberry.field(
        default_factory=list, description="Comparables the caller supplies, beside the ASX's."
    )
    assumptions: AssumptionsInput | None = strawberry.field(
        default=None, description="Assumptions to override."
    )
    document_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Completed documents of the organisation to take the figures the input does "
        "not type from (corrections applied): historical years not typed in `history`, and net "
        "debt, lease liabilities and book equity from the latest balance sheet. See the README's "
        "Documents section for the merge rule.",
    )
