"""What-if scenarios: a WACC build-up and, given cash flows, a DCF, computed on the spot by the
same engine functions that value a company. Rates are decimal fractions (0.045 is 4.5 %); money in
AUD."""

from __future__ import annotations

import strawberry

from schema.bounds import (
    BETA,
    CREDIT_SPREAD,
    DEBT_TO_EQUITY,
    DISCOUNT_RATE,
    MARKET_RISK_PREMIUM,
    MAX_CASH_FLOWS,
    PRE_TAX_COST_OF_DEBT,
    RISK_FREE_RATE,
    TAX_RATE,
    TERMINAL_GROWTH,
)


@strawberry.input(
    description="Assumptions for a what-if calculation. Give exactly one of `leveredBeta` and "
    "`unleveredBeta`; an unlevered beta needs the capital structure (`debtToEquity`, or "
    "`equityValue` and `debtValue`) to relever. Rates are decimal fractions (0.045 for 4.5 %)."
)
class ScenarioInput:
    risk_free_rate: float = strawberry.field(
        description="Risk-free rate, e.g. the 10-year government bond yield; "
        f"{RISK_FREE_RATE.text()}."
    )
    market_risk_premium: float = strawberry.field(
        description=f"Expected market return over the risk-free rate; {MARKET_RISK_PREMIUM.text()}."
    )
    tax_rate: float = strawberry.field(
        description=f"Corporate tax rate; {TAX_RATE.text()} (0.30 for 30 %)."
    )
    levered_beta: float | None = strawberry.field(
        default=None,
        description=f"Equity beta at the company's own gearing, {BETA.text()}. Without a capital "
        "structure the WACC assumes all-equity financing.",
    )
    unlevered_beta: float | None = strawberry.field(
        default=None,
        description=f"Asset beta, {BETA.text()}, relevered with Hamada's formula "
        "beta_L = beta_U (1 + (1 - t) D/E).",
    )
    debt_to_equity: float | None = strawberry.field(
        default=None, description=f"Debt / equity at market values, {DEBT_TO_EQUITY.text()}."
    )
    equity_value: float | None = strawberry.field(
        default=None,
        description="Market value of equity, AUD; with `debtValue`, instead of `debtToEquity`.",
    )
    debt_value: float | None = strawberry.field(
        default=None,
        description="Market value of debt, AUD; with `equityValue`, instead of `debtToEquity`.",
    )
    pre_tax_cost_of_debt: float | None = strawberry.field(
        default=None,
        description=f"Pre-tax cost of debt, {PRE_TAX_COST_OF_DEBT.text()}. With debt, the WACC "
        "needs it or `creditSpread`; the betas and the cost of equity do not.",
    )
    credit_spread: float | None = strawberry.field(
        default=None,
        description="Spread over the risk-free rate giving the pre-tax cost of debt; "
        f"{CREDIT_SPREAD.text()}.",
    )
    cash_flows: list[float] | None = strawberry.field(
        default=None,
        description="Free cash flow to the firm for years 1..N (at year ends), AUD; at most "
        f"{MAX_CASH_FLOWS}. "
        "Without them only the discount rate is computed.",
    )
    terminal_growth: float | None = strawberry.field(
        default=None,
        description="Perpetual growth after year N for a Gordon terminal value, "
        f"{TERMINAL_GROWTH.text()}; "
        "must be below the discount rate. No terminal value without it.",
    )
    discount_rate: float | None = strawberry.field(
        default=None,
        description="Rate to discount the cash flows at instead of the computed WACC; "
        f"{DISCOUNT_RATE.text()}.",
    )
    mid_year_convention: bool = strawberry.field(
        default=False,
        description="Discount each cash flow at mid-year (t - 0.5) rather than at year end.",
    )
    net_debt: float = strawberry.field(
        default=0.0,
        description="Borrowings less cash, AUD, subtracted from the enterprise value.",
    )
    shares_outstanding: float | None = strawberry.field(
        default=None, description="Shares on issue, for the value per share."
    )


@strawberry.type(
    description="A what-if result: the WACC build-up and, when cash flows were given, the DCF. "
    "Indicative arithmetic on the caller's assumptions, not a valuation report."
)
class ScenarioResult:
    levered_beta: float = strawberry.field(
        description="Equity beta used in CAPM; computed whatever the cost of debt."
    )
    cost_of_equity: float = strawberry.field(
        description="Risk-free rate + levered beta x market risk premium."
    )
    after_tax_cost_of_debt: float | None = strawberry.field(
        description="Pre-tax cost of debt x (1 - tax rate); null when there is no debt to price."
    )
    equity_weight: float = strawberry.field(description="E / (D + E).")
    debt_weight: float = strawberry.field(description="D / (D + E).")
    wacc: float | None = strawberry.field(
        description="Weighted average cost of capital from the inputs, even when `discountRate` "
        "overrides it; null when there is debt and no cost of debt (a warning says so)."
    )
    discount_rate: float | None = strawberry.field(
        description="The rate the cash flows are discounted at: `discountRate` if given, else "
        "the WACC; null when neither is known."
    )
    present_value_of_cash_flows: float | None = strawberry.field(
        description="Present value of the cash flows, AUD; null without cash flows."
    )
    terminal_value: float | None = strawberry.field(
        description="Gordon terminal value at year N, CF_N (1 + g) / (r - g), AUD; null without "
        "cash flows or terminal growth."
    )
    present_value_of_terminal_value: float | None = strawberry.field(
        description="The terminal value discounted from year N, AUD; null when there is none."
    )
    enterprise_value: float | None = strawberry.field(
        description="Present value of the cash flows plus that of the terminal value, AUD; null "
        "without cash flows."
    )
    equity_value: float | None = strawberry.field(
        description="Enterprise value less net debt, AUD; null without cash flows."
    )
    value_per_share: float | None = strawberry.field(
        description="Equity value / shares outstanding, AUD; null without cash flows or without "
        "a positive share count."
    )
    warnings: list[str] = strawberry.field(
        description="What to look at before relying on the figures."
    )
