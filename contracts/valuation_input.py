"""A valuation job's input as the API stores it and the worker reads it.

Stored as JSON on the job's row; its SHA-256 (`digest`) guards the idempotency key, so the stored
form must stay stable: a field added here changes the digest of every new job, never of stored ones.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from providers.models import FinancialPeriod
from valuation.engine import Assumptions, ValuationInputs


class StoredPeriod(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fiscal_year_end: date
    revenue: float
    ebitda: float
    ebit: float
    net_income: float
    depreciation_and_amortisation: float
    capital_expenditure: float
    change_in_working_capital: float

    def to_engine(self) -> FinancialPeriod:
        # Net debt and leases are the company's, not the year's: the engine takes them whole.
        return FinancialPeriod(**self.model_dump(), net_debt=0.0, lease_liabilities=0.0)


class StoredValuation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company_name: str
    history: list[StoredPeriod]
    forecast: list[StoredPeriod] = []
    net_debt: float
    lease_liabilities: float = 0.0
    ebitda_post_aasb16: bool = True
    pre_offer_shares: float
    primary_raise: float
    # Only the assumptions the caller set; the engine's defaults fill in the rest.
    assumptions: dict[str, float] = {}

    def to_engine(self) -> ValuationInputs:
        return ValuationInputs(
            company_name=self.company_name,
            history=[p.to_engine() for p in self.history],
            forecast=[p.to_engine() for p in self.forecast],
            net_debt=self.net_debt,
            lease_liabilities=self.lease_liabilities,
            ebitda_post_aasb16=self.ebitda_post_aasb16,
            pre_offer_shares=self.pre_offer_shares,
            primary_raise=self.primary_raise,
            assumptions=Assumptions(**self.assumptions),  # type: ignore[arg-type]
        )


class ValuationJobInput(BaseModel):
    """What a valuation job values: the company, and how its peers are chosen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gics_industry_group: str  # the ASX label, e.g. "Software & Services"
    peers: list[str] = []  # named peers (upper case), or none: chosen from the industry group
    exclude_peers: list[str] = []
    valuation: StoredValuation

    def stored(self) -> dict[str, Any]:
        """The JSON stored on the job's row."""
        return self.model_dump(mode="json")

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.stored(), sort_keys=True).encode()).hexdigest()
