"""The ASX admission checks of a valuation result, read from the stored result (the JSON form of
`valuation.admission.AdmissionCheck`: its dataclass fields as keys, the outcome as its value)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry


@strawberry.enum(description="How an admission check came out.")
class AdmissionCheckOutcome(Enum):
    PASS = strawberry.enum_value("PASS", description="The figures meet the condition.")
    FAIL = strawberry.enum_value("FAIL", description="The figures do not meet the condition.")
    NOT_DETERMINABLE = strawberry.enum_value(
        "NOT_DETERMINABLE",
        description="An input the condition needs is missing; `decidedBy` names it.",
    )


@strawberry.type(description="One figure an admission check read.")
class AdmissionInputValue:
    name: str = strawberry.field(
        description='The input, as the API names it, e.g. "netTangibleAssets" or '
        '"history[2].netIncome".'
    )
    value: float | None = strawberry.field(
        description="Its value (A$, a count, or a fraction for freeFloat); null when not given."
    )


@strawberry.type(
    description="One ASX admission condition for the company as an IPO candidate, checked "
    "against its figures. Only the quantitative conditions are checked; ASX judges the rest and "
    "may refuse admission even when all are met."
)
class AdmissionCheck:
    name: str = strawberry.field(
        description="Stable code: PROFIT_TEST, ASSETS_TEST, ENTRY_TEST (the profit or the assets "
        "test), SPREAD, FREE_FLOAT or MINIMUM_ISSUE_PRICE."
    )
    rule: str = strawberry.field(
        description="The ASX Listing Rule checked, with the version of its thresholds."
    )
    outcome: AdmissionCheckOutcome = strawberry.field(description="PASS, FAIL or NOT_DETERMINABLE.")
    inputs: list[AdmissionInputValue] = strawberry.field(
        description="Each input the check read, by name."
    )
    explanation: str = strawberry.field(description="The figures against the thresholds.")
    decided_by: list[str] = strawberry.field(
        description="For NOT_DETERMINABLE, the inputs that would decide it (as the API names "
        "them); empty otherwise."
    )

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> AdmissionCheck:
        inputs: dict[str, float | None] = data["inputs"]
        return cls(
            name=data["name"],
            rule=data["rule"],
            outcome=AdmissionCheckOutcome(data["outcome"]),
            inputs=[
                AdmissionInputValue(name=k, value=None if v is None else float(v))
                for k, v in inputs.items()
            ],
            explanation=data["explanation"],
            decided_by=list(data["decided_by"]),
        )
