"""The admission check types read the stored JSON form of the engine's checks and answer in
GraphQL's spelling."""

from __future__ import annotations

import orjson
import strawberry

from contracts.valuation_result import to_json
from schema.types.admission import AdmissionCheck, AdmissionCheckOutcome
from valuation.admission import AdmissionInputs, CheckOutcome, admission_checks

INPUTS = AdmissionInputs(
    annual_profits=(300_000.0, 400_000.0),
    latest_twelve_month_profit=650_000.0,
    net_tangible_assets=None,
    market_cap_at_offer=None,
    offer_price=0.18,
    expected_holders=320,
    free_float=0.25,
)


def stored() -> list[dict[str, object]]:
    """The checks as a result row holds them: to_json, then through JSON text and back."""
    loaded = orjson.loads(orjson.dumps(to_json(list(admission_checks(INPUTS)))))
    assert isinstance(loaded, list)
    return loaded


def test_the_outcome_enum_has_the_engines_values() -> None:
    """from_stored looks the stored value up; GraphQL answers with the member's name."""
    values = [o.value for o in CheckOutcome]
    assert [o.name for o in AdmissionCheckOutcome] == values
    assert [AdmissionCheckOutcome(v).name for v in values] == values


def test_from_stored_reads_every_field_of_the_engines_check() -> None:
    for engine_check, data in zip(admission_checks(INPUTS), stored(), strict=True):
        typed = AdmissionCheck.from_stored(data)
        assert typed.name == engine_check.name
        assert typed.rule == engine_check.rule
        assert typed.outcome.name == engine_check.outcome.value
        assert {i.name: i.value for i in typed.inputs} == dict(engine_check.inputs)
        assert typed.explanation == engine_check.explanation
        assert typed.decided_by == list(engine_check.decided_by)


def test_a_missing_input_reads_as_null() -> None:
    assets = AdmissionCheck.from_stored(stored()[1])
    assert [(i.name, i.value) for i in assets.inputs] == [
        ("netTangibleAssets", None),
        ("marketCapAtOffer", None),
    ]


@strawberry.type
class Query:
    @strawberry.field
    def checks(self) -> list[AdmissionCheck]:
        return [AdmissionCheck.from_stored(d) for d in stored()]


SCHEMA = strawberry.Schema(query=Query)


def test_the_checks_answer_in_graphql_spelling() -> None:
    result = SCHEMA.execute_sync("{ checks { name outcome decidedBy inputs { name value } } }")
    assert result.errors is None
    assert result.data is not None
    by_name = {c["name"]: c for c in result.data["checks"]}
    assert by_name["PROFIT_TEST"]["outcome"] == "NOT_DETERMINABLE"
    assert by_name["PROFIT_TEST"]["decidedBy"] == ["history"]
    assert by_name["ENTRY_TEST"]["decidedBy"] == [
        "history",
        "netTangibleAssets",
        "marketCapAtOffer",
    ]
    assert by_name["MINIMUM_ISSUE_PRICE"]["outcome"] == "FAIL"
    assert by_name["SPREAD"]["inputs"] == [{"name": "expectedHolders", "value": 320.0}]


def test_every_field_and_value_is_described() -> None:
    for type_name in ("AdmissionCheck", "AdmissionInputValue"):
        definition = SCHEMA.get_type_by_name(type_name)
        assert definition is not None
        assert definition.description
        for field in definition.fields:  # type: ignore[union-attr]
            assert field.description, f"{type_name}.{field.name}"
    outcome = SCHEMA.get_type_by_name("AdmissionCheckOutcome")
    assert outcome is not None
    assert all(v.description for v in outcome.values)  # type: ignore[union-attr]
