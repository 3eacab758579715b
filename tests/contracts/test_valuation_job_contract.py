"""The valuation job contract reads what was stored before it existed, and writes it back alike.

`stored_row.json` is one job's row (inputs, digest, gathered data, result) as the code before the
contract stored it: idempotency keys and re-runs of such rows must keep working unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contracts.valuation_evidence import GatheredData
from contracts.valuation_input import ValuationJobInput
from contracts.valuation_job import JobStage, JobStatus
from contracts.valuation_progress import ProgressEvent, parse
from contracts.valuation_result import StoredResult, result_payload
from schema.types.valuation import ValuationStage, ValuationStatus
from schema.types.valuation_result import ValuationResult
from workers.valuation_job import revalue

STORED_ROW = Path(__file__).parent.parent / "fixtures" / "valuation_job" / "stored_row.json"


@pytest.fixture(scope="module")
def row() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(STORED_ROW.read_text())
    return data


def test_stored_inputs_read_back_to_the_same_json_and_digest(row: dict[str, Any]) -> None:
    inputs = ValuationJobInput.model_validate(row["inputs"])
    assert inputs.stored() == row["inputs"]
    assert inputs.digest() == row["input_digest"]


def test_stored_periods_read_into_the_engine_without_balance_sheet_lines(
    row: dict[str, Any],
) -> None:
    # Stored before periods had equity, intangibles and dividends, and never given them since:
    # the job's input holds no such keys, so the engine's periods carry None for each.
    valuation = ValuationJobInput.model_validate(row["inputs"]).valuation.to_engine()
    periods = [*valuation.history, *valuation.forecast]
    assert periods
    assert {(p.total_equity, p.intangible_assets, p.dividends) for p in periods} == {
        (None, None, None)
    }


def test_stored_evidence_reads_back_with_nothing_lost(row: dict[str, Any]) -> None:
    """Every stored key reads back to its value; fields added since appear at their defaults."""
    assert_contains(GatheredData.model_validate(row["gathered"]).stored(), row["gathered"])


def assert_contains(current: Any, stored: Any) -> None:
    if isinstance(stored, dict):
        assert isinstance(current, dict)
        for key, value in stored.items():
            assert key in current, key
            assert_contains(current[key], value)
    elif isinstance(stored, list):
        assert isinstance(current, list) and len(current) == len(stored)
        for now, then in zip(current, stored, strict=True):
            assert_contains(now, then)
    else:
        assert current == stored


def test_a_job_stored_before_methods_were_a_list_still_values(row: dict[str, Any]) -> None:
    """Its stored inputs and evidence read into today's engine (the same engine reproduces its own
    results exactly: tests/workers/test_valuation_evidence.py)."""
    inputs = ValuationJobInput.model_validate(row["inputs"])
    gathered = GatheredData.model_validate(row["gathered"])
    payload = result_payload(revalue(inputs, gathered), gathered)
    assert [m["method"] for m in payload["pricing"]["methods"]][:2] == ["DCF", "EV_TO_EBITDA"]
    assert StoredResult.model_validate(payload).pricing.valuation_range is not None


def test_a_result_stored_before_methods_were_a_list_reads_with_todays_names(
    row: dict[str, Any],
) -> None:
    result = ValuationResult.from_stored(StoredResult.model_validate(row["result"]), row["result"])
    assert [m.method.name for m in result.methods] == [
        "DCF",
        "EV_TO_EBITDA",
        "PRECEDENT_TRANSACTIONS",
    ]
    # It had no offer range apart from its valuation range: both show the range it stored.
    assert result.valuation_range.mid == row["result"]["pricing"]["price_per_share"]["mid"]
    assert result.admission_checks == [] and result.custom_peers == []


def test_the_schema_reads_the_stored_result(row: dict[str, Any]) -> None:
    result = ValuationResult.from_stored(StoredResult.model_validate(row["result"]), row["result"])
    pricing = row["result"]["pricing"]
    assert result.price_range.mid == pricing["price_per_share"]["mid"]
    assert [p.ticker for p in result.peers] == [p["ticker"] for p in row["result"]["peers"]]
    assert [s.subject for s in result.sources] == [s["subject"] for s in row["result"]["sources"]]
    assert result.details == row["result"]


def test_an_event_published_before_the_contract_still_parses() -> None:
    legacy = (
        '{"job_id": "j", "seq": 3, "status": "RUNNING", "stage": "valuing", "percent": 50, '
        '"message": "Valuing", "published_at": 1.5}'
    )
    event = parse(legacy)
    assert (event.seq, event.stage, event.is_terminal) == (3, "valuing", False)
    assert parse(event.model_dump_json()) == event


def test_an_event_of_another_shape_is_refused_as_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse('{"unexpected": 1}')
    with pytest.raises(ValueError):
        parse(b"\xff not json")


@pytest.mark.parametrize("status", list(JobStatus))
def test_every_status_has_its_schema_enum_value(status: JobStatus) -> None:
    assert ValuationStatus(status.value).name == status.name


@pytest.mark.parametrize("stage", list(JobStage))
def test_every_stage_has_its_schema_enum_value(stage: JobStage) -> None:
    assert ValuationStage(stage.value).value == stage  # type: ignore[comparison-overlap]


def test_terminal_events_are_the_finished_statuses() -> None:
    def event(status: JobStatus) -> ProgressEvent:
        return ProgressEvent(job_id="j", seq=1, status=status, stage="x", percent=0, message="")

    finished = {s for s in JobStatus if event(s).is_terminal}
    assert finished == {JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED}
