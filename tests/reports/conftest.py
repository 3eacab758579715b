"""A completed valuation to report on: a stored job's input and evidence valued by today's
engine, the way the worker stores its result."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from contracts.valuation_evidence import GatheredData
from contracts.valuation_input import ValuationJobInput, listing_day
from contracts.valuation_result import result_payload
from reports.model import ReportData
from workers.valuation_job import revalue

STORED_ROW = Path(__file__).parent.parent / "fixtures" / "valuation_job" / "stored_row.json"
CREATED_AT = datetime(2025, 10, 1, 0, 30, tzinfo=UTC)


def completed(inputs: dict[str, Any], gathered: dict[str, Any]) -> ReportData:
    job_input = ValuationJobInput.model_validate(inputs)
    evidence = GatheredData.model_validate(gathered)
    payload = result_payload(revalue(job_input, evidence, listing_day(CREATED_AT)), evidence)
    return ReportData.from_stored(
        valuation_id=uuid.UUID("6f1c2d3e-0000-4000-8000-000000000001"),
        organisation_name="Harbour Capital Partners",
        created_at=CREATED_AT,
        inputs=job_input.stored(),
        result=json.loads(json.dumps(payload)),  # as read back from the JSON column
    )


@pytest.fixture(scope="session")
def report_data() -> ReportData:
    row = json.loads(STORED_ROW.read_text())
    return completed(row["inputs"], row["gathered"])
