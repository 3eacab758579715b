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
from valuation.wacc import wacc_build_up

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


def run_scenario(data: ScenarioInput) -> ScenarioResult:
    """The WACC build-up and, with cash flows, the DCF and the equity bridge."""
    _check_bounds(data)
    try:
        build_up = wacc_build_up(
            data.risk_free_rate,
            data.market_risk_premium,
            data.tax_rate,
            levered_beta=data.levered_beta,
            unlevered_beta=data.unlevered_beta,
            debt_to_equity=data.debt_to_equity,
            equity_value=data.equity_value,
            debt_value=data.debt_value,
            pre_tax_cost_of_debt=data.pre_tax_cost_of_debt,
            credit_spread=data.credit_spread,
        )
    except ValuationInputError as error:
        raise _bad_input(error, default_field=None) from error
    rate = build_up.wacc if data.discount_rate is None else data.discount_rate
    warnings = list(build_up.warnings)
    result = ScenarioResult(
        levered_beta=build_up.levered_beta,
        cost_of_equity=build_up.cost_of_equity,
        after_tax_cost_of_debt=build_up.after_tax_cost_of_debt,
        equity_weight=build_up.equity_weight,
        debt_weight=build_up.debt_weight,
        wacc=build_up.wacc,
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
    try:
        dcf = discount_cash_flows(data.cash_flows, rate, data.terminal_growth)
    except ValuationInputError as error:
        default = "terminalGrowth" if "Terminal growth" in str(error) else "cashFlows"
        raise _bad_input(error, default_field=default) from error
    warnings.extend(dcf.warnings)
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
