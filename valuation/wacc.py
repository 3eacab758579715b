"""The discount rate: cost of equity by CAPM, cost of debt, and their weighted average (WACC).

Betas are levered and unlevered with Hamada's formula, beta_L = beta_U (1 + (1 - t) D/E), which
assumes debt is fixed in amount and carries no market risk: the usual build-up for a company with
no traded debt, as an IPO candidate typically is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from valuation.errors import ValuationInputError

# Outside this band an Australian company's WACC usually means an input is off (a rate in per
# cent rather than as a fraction, a beta of the wrong leverage), not an unusual business.
PLAUSIBLE_WACC = (0.05, 0.20)


@dataclass(frozen=True, slots=True)
class WaccBuildUp:
    """Every step of the build-up, so that a report can show how the rate was reached."""

    risk_free_rate: float
    market_risk_premium: float
    unlevered_beta: float | None  # None when a levered beta came without the leverage behind it
    levered_beta: float
    cost_of_equity: float  # rf + beta_L * MRP + company-specific premium
    pre_tax_cost_of_debt: float | None  # None when there is no debt to price
    after_tax_cost_of_debt: float | None
    equity_weight: float
    debt_weight: float
    wacc: float
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CostOfEquity:
    """The equity half of the build-up, which needs no cost of debt."""

    unlevered_beta: float | None  # None when a levered beta came without the leverage behind it
    levered_beta: float
    cost_of_equity: float
    debt_to_equity: float | None  # None when no capital structure was given
    warnings: tuple[str, ...]


def relever_beta(unlevered_beta: float, debt_to_equity: float, tax_rate: float) -> float:
    """Levered (equity) beta from an asset beta at a debt-to-equity ratio (Hamada)."""
    return unlevered_beta * _leverage_factor(debt_to_equity, tax_rate)


def unlever_beta(levered_beta: float, debt_to_equity: float, tax_rate: float) -> float:
    """Asset beta from an equity beta observed at a debt-to-equity ratio (Hamada)."""
    return levered_beta / _leverage_factor(debt_to_equity, tax_rate)


def wacc_build_up(
    risk_free_rate: float,
    market_risk_premium: float,
    tax_rate: float,
    *,
    levered_beta: float | None = None,
    unlevered_beta: float | None = None,
    debt_to_equity: float | None = None,
    equity_value: float | None = None,
    debt_value: float | None = None,
    pre_tax_cost_of_debt: float | None = None,
    credit_spread: float | None = None,
    company_specific_premium: float = 0.0,
) -> WaccBuildUp:
    """Build the WACC from CAPM and the capital structure.

    Give exactly one of `levered_beta` and `unlevered_beta`. The capital structure is either
    `debt_to_equity` or market `equity_value` and `debt_value`; an unlevered beta needs one of
    them to relever. A levered beta with no capital structure is taken as all-equity financing,
    with a warning. The cost of debt is `pre_tax_cost_of_debt`, or the risk-free rate plus
    `credit_spread`; it is needed only when there is debt.
    """
    equity = cost_of_equity_build_up(
        risk_free_rate,
        market_risk_premium,
        tax_rate,
        levered_beta=levered_beta,
        unlevered_beta=unlevered_beta,
        debt_to_equity=debt_to_equity,
        equity_value=equity_value,
        debt_value=debt_value,
        company_specific_premium=company_specific_premium,
    )
    return wacc_from_cost_of_equity(
        equity,
        risk_free_rate,
        market_risk_premium,
        tax_rate,
        pre_tax_cost_of_debt=pre_tax_cost_of_debt,
        credit_spread=credit_spread,
    )


def wacc_from_cost_of_equity(
    equity: CostOfEquity,
    risk_free_rate: float,
    market_risk_premium: float,
    tax_rate: float,
    *,
    pre_tax_cost_of_debt: float | None = None,
    credit_spread: float | None = None,
) -> WaccBuildUp:
    """The debt half of the build-up, on a cost of equity already built from the same rates."""
    warnings = list(equity.warnings)
    ratio = equity.debt_to_equity
    # D/E = d gives weights E/(D+E) = 1/(1+d) and D/(D+E) = d/(1+d): both in [0, 1] for d >= 0.
    debt_weight = 0.0 if ratio is None else ratio / (1 + ratio)
    equity_weight = 1 - debt_weight
    kd = _pre_tax_cost_of_debt(risk_free_rate, pre_tax_cost_of_debt, credit_spread, debt_weight)
    kd_after_tax = None if kd is None else kd * (1 - tax_rate)
    wacc = equity_weight * equity.cost_of_equity + debt_weight * (kd_after_tax or 0.0)
    low, high = PLAUSIBLE_WACC
    if not low <= wacc <= high:
        warnings.append(f"A WACC of {wacc:.2%} is outside the usual {low:.0%}-{high:.0%}.")
    return WaccBuildUp(
        risk_free_rate=risk_free_rate,
        market_risk_premium=market_risk_premium,
        unlevered_beta=equity.unlevered_beta,
        levered_beta=equity.levered_beta,
        cost_of_equity=equity.cost_of_equity,
        pre_tax_cost_of_debt=kd,
        after_tax_cost_of_debt=kd_after_tax,
        equity_weight=equity_weight,
        debt_weight=debt_weight,
        wacc=wacc,
        warnings=tuple(warnings),
    )


def cost_of_equity_build_up(
    risk_free_rate: float,
    market_risk_premium: float,
    tax_rate: float,
    *,
    levered_beta: float | None = None,
    unlevered_beta: float | None = None,
    debt_to_equity: float | None = None,
    equity_value: float | None = None,
    debt_value: float | None = None,
    company_specific_premium: float = 0.0,
) -> CostOfEquity:
    """CAPM on the levered beta: the betas and the cost of equity, from the same inputs as
    `wacc_build_up` less the cost of debt, which neither depends on."""
    for name, value in (
        ("risk_free_rate", risk_free_rate),
        ("market_risk_premium", market_risk_premium),
        ("company_specific_premium", company_specific_premium),
    ):
        _check_finite(name, value)
    if (levered_beta is None) == (unlevered_beta is None):
        raise ValuationInputError(
            "Give exactly one of levered_beta and unlevered_beta: the other is derived from it."
        )
    warnings: list[str] = []
    ratio = _debt_to_equity(debt_to_equity, equity_value, debt_value)
    if unlevered_beta is not None:
        _check_finite("unlevered_beta", unlevered_beta)
        if ratio is None:
            raise ValuationInputError(
                "An unlevered beta needs debt_to_equity, or equity_value and debt_value, "
                "to relever."
            )
        beta_u: float | None = unlevered_beta
        beta_l = relever_beta(unlevered_beta, ratio, tax_rate)
    else:
        assert levered_beta is not None  # the exactly-one check above guarantees it
        _check_finite("levered_beta", levered_beta)
        _check_tax_rate(tax_rate)
        beta_l = levered_beta
        beta_u = None if ratio is None else unlever_beta(levered_beta, ratio, tax_rate)
        if ratio is None:
            warnings.append("No capital structure given: the WACC assumes all-equity financing.")
    cost_of_equity = risk_free_rate + beta_l * market_risk_premium + company_specific_premium
    return CostOfEquity(beta_u, beta_l, cost_of_equity, ratio, tuple(warnings))


def _leverage_factor(debt_to_equity: float, tax_rate: float) -> float:
    _check_finite("debt_to_equity", debt_to_equity)
    if debt_to_equity < 0:
        raise ValuationInputError("debt_to_equity cannot be negative.")
    _check_tax_rate(tax_rate)
    return 1 + (1 - tax_rate) * debt_to_equity


def _debt_to_equity(
    debt_to_equity: float | None, equity_value: float | None, debt_value: float | None
) -> float | None:
    """The D/E ratio from whichever form of the capital structure was given, or None."""
    values_given = equity_value is not None or debt_value is not None
    if debt_to_equity is not None and values_given:
        # Two capital structures could disagree; silently preferring one would hide that.
        raise ValuationInputError(
            "Give either debt_to_equity or equity_value and debt_value, not both."
        )
    if debt_to_equity is not None:
        _check_finite("debt_to_equity", debt_to_equity)
        if debt_to_equity < 0:
            raise ValuationInputError("debt_to_equity cannot be negative.")
        return debt_to_equity
    if not values_given:
        return None
    if equity_value is None or debt_value is None:
        raise ValuationInputError("equity_value and debt_value go together: give both.")
    _check_finite("equity_value", equity_value)
    _check_finite("debt_value", debt_value)
    # Negative debt or non-positive equity would put a weight outside [0, 1].
    if equity_value <= 0:
        raise ValuationInputError("equity_value must be positive.")
    if debt_value < 0:
        raise ValuationInputError("debt_value cannot be negative (net cash is not negative debt).")
    return debt_value / equity_value


def _pre_tax_cost_of_debt(
    risk_free_rate: float,
    pre_tax_cost_of_debt: float | None,
    credit_spread: float | None,
    debt_weight: float,
) -> float | None:
    if pre_tax_cost_of_debt is not None and credit_spread is not None:
        raise ValuationInputError("Give either pre_tax_cost_of_debt or credit_spread, not both.")
    if pre_tax_cost_of_debt is not None:
        _check_finite("pre_tax_cost_of_debt", pre_tax_cost_of_debt)
        return pre_tax_cost_of_debt
    if credit_spread is not None:
        _check_finite("credit_spread", credit_spread)
        return risk_free_rate + credit_spread
    if debt_weight > 0:
        raise ValuationInputError(
            "There is debt in the capital structure: give pre_tax_cost_of_debt or credit_spread."
        )
    return None


def _check_tax_rate(tax_rate: float) -> None:
    # A tax rate of 1 would make debt free after tax; Australia's company rate is 25 % or 30 %.
    if not 0 <= tax_rate < 1:
        raise ValuationInputError("tax_rate must be at least 0 and below 1 (0.30 for 30 %).")


def _check_finite(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise ValuationInputError(f"{name} must be a finite number, not {value}.")
