"""`scenario`: a synchronous what-if on the valuation engine's WACC build-up and DCF."""

from __future__ import annotations

import math
import re
from typing import Annotated

import strawberry

from accounts.tiers import Feature
from core.errors import BadUserInput
from schema.bounds import MAX_CASH_FLOWS, SCENARIO_FACTORS, SCENARIO_RATES
from schema.permissions import requires
from schema.types.scenario import ScenarioInput, ScenarioResult
from valuation.dcf import discount_cash_flows
from valuation.errors import ValuationInputError
from valuation.wacc import (
    CostOfEquity,
    WaccBuildUp,
    cost_of_equity_build_up,
    wacc_from_cost_of_equity,
)

# The engine names its inputs in snake_case; the caller knows them by their GraphQL names.
_ENGINE_NAMES = {
    "risk_free_rate": "riskFreeRate",
    "market_risk_premium": "marketRiskPremium",
    "tax_rate": "taxRate",
    "levered_beta": "leveredBeta",
    "unlevered_beta": "unleveredBeta",
    "debt_to_equity": "debtToEquity",
    "equity_value": "equityValue",
    "debt_value": "debtValue",
    "pre_tax_cost_of_debt": "preTaxCostOfDebt",
    "credit_spread": "creditSpread",
    "terminal_growth": "terminalGrowth",
    "discount_rate": "discountRate",
}
_ENGINE_NAME = re.compile(r"\b(" + "|".join(_ENGINE_NAMES) + r")\b")


def _bad_input(error: ValuationInputError, default_field: str | None) -> BadUserInput:
    """The engine's error in the API's words, naming the first input field it mentions."""
    message = str(error)
    named = _ENGINE_NAME.search(message)
    field = _ENGINE_NAMES[named.group(1)] if named else default_field
    message = _ENGINE_NAME.sub(lambda m: _ENGINE_NAMES[m.group(1)], message)
    return BadUserInput(message, field=["input", field] if field else ["input"])


def _check_bounds(data: ScenarioInput) -> None:
    values = {
        "riskFreeRate": data.risk_free_rate,
        "marketRiskPremium": data.market_risk_premium,
        "taxRate": data.tax_rate,
        "preTaxCostOfDebt": data.pre_tax_cost_of_debt,
        "creditSpread": data.credit_spread,
        "terminalGrowth": data.terminal_growth,
        "discountRate": data.discount_rate,
        "leveredBeta": data.levered_beta,
        "unleveredBeta": data.unlevered_beta,
        "debtToEquity": data.debt_to_equity,
    }
    for name, (low, high) in {**SCENARIO_RATES, **SCENARIO_FACTORS}.items():
        value = values[name]
        if value is not None and not low <= value <= high:
            hint = (
                " Rates are decimal fractions (0.045 for 4.5 %)." if name in SCENARIO_RATES else ""
            )
            raise BadUserInput(
                f"`{name}` must be between {low:g} and {high:g}, got {value:g}.{hint}",
                field=["input", name],
            )
    if data.cash_flows is not None and len(data.cash_flows) > MAX_CASH_FLOWS:
        raise BadUserInput(
            f"At most {MAX_CASH_FLOWS} cash flows, got {len(data.cash_flows)}.",
            field=["input", "cashFlows"],
        )
    if data.shares_outstanding is not None and data.shares_outstanding < 0:
        raise BadUserInput(
            "`sharesOutstanding` cannot be negative.", field=["input", "sharesOutstanding"]
        )


def _unused_without_cash_flows(data: ScenarioInput) -> list[str]:
    given = {
        "terminalGrowth": data.terminal_growth,
        "discountRate": data.discount_rate,
        "sharesOutstanding": data.shares_outstanding,
    }
    unused = [name for name, value in given.items() if value is not None]
    if data.net_debt != 0:
        unused.append("netDebt")
    return unused


# What cannot be computed without a cost of debt, and what would decide it.
NO_COST_OF_DEBT = (
    "There is debt and no cost of debt: afterTaxCostOfDebt and wacc need preTaxCostOfDebt or "
    "creditSpread."
)
NO_DISCOUNT_RATE = (
    "The cash flows are not valued without a discount rate: give preTaxCostOfDebt or "
    "creditSpread (for the WACC), or discountRate."
)

NO_TERMINAL_GROWTH = (
    "No terminalGrowth: terminalValue is null and enterpriseValue counts the given years only."
)
NO_SHARES = "valuePerShare needs a positive sharesOutstanding."
# With fewer forecast years the terminal value is most of the value (91-94 % in real IPOs).
MINIMUM_FORECAST_YEARS = 3


def _cost_of_debt_missing(data: ScenarioInput, debt_to_equity: float | None) -> bool:
    return bool(debt_to_equity) and data.pre_tax_cost_of_debt is None and data.credit_spread is None


def _discount_rate_inputs(data: ScenarioInput) -> tuple[CostOfEquity, WaccBuildUp | None]:
    """The cost of equity always; the WACC build-up unless there is debt without a cost of debt
    (neither the betas nor the cost of equity depend on it)."""
    rates = (data.risk_free_rate, data.market_risk_premium, data.tax_rate)
    try:
        equity = cost_of_equity_build_up(
            *rates,
            levered_beta=data.levered_beta,
            unlevered_beta=data.unlevered_beta,
            debt_to_equity=data.debt_to_equity,
            equity_value=data.equity_value,
            debt_value=data.debt_value,
        )
        if _cost_of_debt_missing(data, equity.debt_to_equity):
            return equity, None
        build_up = wacc_from_cost_of_equity(
            equity,
            *rates,
            pre_tax_cost_of_debt=data.pre_tax_cost_of_debt,
            credit_spread=data.credit_spread,
        )
    except ValuationInputError as error:
        raise _bad_input(error, default_field=None) from error
    return equity, build_up


def run_scenario(data: ScenarioInput) -> ScenarioResult:
    """The WACC build-up and, with cash flows, the DCF and the equity bridge. What the inputs do
    not determine is null, with a warning naming the input that would."""
    _check_bounds(data)
    capm, build_up = _discount_rate_inputs(data)
    warnings = list(build_up.warnings if build_up else capm.warnings)
    if build_up is None:
        warnings.append(NO_COST_OF_DEBT)
    ratio = capm.debt_to_equity or 0.0
    debt_weight = build_up.debt_weight if build_up else ratio / (1 + ratio)
    wacc = build_up.wacc if build_up else None
    rate = wacc if data.discount_rate is None else data.discount_rate
    result = ScenarioResult(
        levered_beta=capm.levered_beta,
        cost_of_equity=capm.cost_of_equity,
        after_tax_cost_of_debt=build_up.after_tax_cost_of_debt if build_up else None,
        equity_weight=1 - debt_weight,
        debt_weight=debt_weight,
        wacc=wacc,
        discount_rate=rate,
        present_value_of_cash_flows=None,
        terminal_value=None,
        present_value_of_terminal_value=None,
        enterprise_value=None,
        equity_value=None,
        value_per_share=None,
        warnings=warnings,
    )
    if data.cash_flows is None:
        unused = _unused_without_cash_flows(data)
        if unused:
            warnings.append(f"Without cashFlows these inputs are not used: {', '.join(unused)}.")
        return result
    if rate is None:
        warnings.append(NO_DISCOUNT_RATE)
        return result
    try:
        dcf = discount_cash_flows(
            data.cash_flows, rate, data.terminal_growth, mid_year=data.mid_year_convention
        )
    except ValuationInputError as error:
        default = "terminalGrowth" if "Terminal growth" in str(error) else "cashFlows"
        raise _bad_input(error, default_field=default) from error
    warnings.extend(dcf.warnings)
    warnings.extend(_forecast_warnings(data))
    if data.terminal_growth is None:
        warnings.append(NO_TERMINAL_GROWTH)
    if not data.shares_outstanding:
        warnings.append(NO_SHARES)
    equity = dcf.enterprise_value - data.net_debt
    shares = data.shares_outstanding
    result.present_value_of_cash_flows = dcf.present_value_of_cash_flows
    result.terminal_value = dcf.terminal_value
    result.present_value_of_terminal_value = dcf.present_value_of_terminal_value
    result.enterprise_value = dcf.enterprise_value
    result.equity_value = equity
    result.value_per_share = equity / shares if shares else None
    figures = (dcf.enterprise_value, equity, result.value_per_share, dcf.terminal_value)
    if not all(math.isfinite(x) for x in figures if x is not None):
        # GraphQL floats must be finite; only absurd magnitudes (near 1e308) get here.
        raise BadUserInput(
            "The cash flows are too large to value: the result is not a finite number.",
            field=["input", "cashFlows"],
        )
    return result


def _forecast_warnings(data: ScenarioInput) -> list[str]:
    warnings = []
    flows = data.cash_flows or []
    if len(flows) < MINIMUM_FORECAST_YEARS:
        warnings.append(
            f"Only {len(flows)} forecast year(s): with fewer than {MINIMUM_FORECAST_YEARS} the "
            "terminal value carries most of the value."
        )
    growth = data.terminal_growth
    if growth is not None and growth > data.risk_free_rate:
        warnings.append(
            f"Terminal growth {growth:.2%} exceeds the risk-free rate {data.risk_free_rate:.2%}: "
            "no business outgrows the economy for ever."
        )
    return warnings


@strawberry.type
class ScenarioQuery:
    @strawberry.field(
        description="A what-if on the valuation engine, computed on the spot: the WACC build-up "
        "(CAPM, Hamada) and, given cash flows, their DCF, enterprise and equity value. Inputs "
        "that cannot be valued are BAD_USER_INPUT, with `extensions.field` the path to the input "
        '(`["input", "taxRate"]`). '
        "Needs the scenario modelling feature (FEATURE_NOT_IN_TIER otherwise).",
        permission_classes=[requires(Feature.SCENARIO_MODELLING)],
    )
    def scenario(
        self,
        input: Annotated[
            ScenarioInput, strawberry.argument(description="The assumptions to calculate with.")
        ],
    ) -> ScenarioResult:
        return run_scenario(input)
