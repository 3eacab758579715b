"""The caller's valuation input as stored with the job, read back into the engine's types."""

from __future__ import annotations

from datetime import date
from typing import Any

from providers.models import FinancialPeriod
from valuation.engine import Assumptions, ValuationInputs


def period_from_json(data: dict[str, Any]) -> FinancialPeriod:
    return FinancialPeriod(
        fiscal_year_end=date.fromisoformat(data["fiscal_year_end"]),
        revenue=data["revenue"],
        ebitda=data["ebitda"],
        ebit=data["ebit"],
        net_income=data["net_income"],
        depreciation_and_amortisation=data["depreciation_and_amortisation"],
        capital_expenditure=data["capital_expenditure"],
        change_in_working_capital=data["change_in_working_capital"],
        net_debt=data.get("net_debt", 0.0),
        lease_liabilities=data.get("lease_liabilities", 0.0),
    )


def valuation_inputs_from_json(data: dict[str, Any]) -> ValuationInputs:
    assumptions = {k: v for k, v in data.get("assumptions", {}).items() if v is not None}
    return ValuationInputs(
        company_name=data["company_name"],
        history=[period_from_json(p) for p in data["history"]],
        forecast=[period_from_json(p) for p in data.get("forecast", [])],
        net_debt=data["net_debt"],
        lease_liabilities=data.get("lease_liabilities", 0.0),
        ebitda_post_aasb16=data.get("ebitda_post_aasb16", True),
        pre_offer_shares=data["pre_offer_shares"],
        primary_raise=data["primary_raise"],
        assumptions=Assumptions(**assumptions),
    )
