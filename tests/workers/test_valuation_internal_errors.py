"""A fault of ours while valuing is not the caller's bad input: the job ends FAILED with
INTERNAL_ERROR, its traceback is logged, and the quota slot is given back. Only the engine's
deliberate input errors (`ValuationInputError`) end VALUATION_INPUT."""

from __future__ import annotations

import logging
from typing import NoReturn

import pytest
from starlette.applications import Starlette

from edge.state import app_state
from runtime.services import Services
from tests.fixtures.api_clients import GraphQLClient
from tests.fixtures.valuations import job_row, queued_job, used_this_period
from valuation.errors import ValuationInputError
from workers import valuation_job

ENGINE_BUGS = [
    ValueError("operands could not be broadcast together"),
    TypeError("unsupported operand type(s) for *: 'NoneType' and 'float'"),
    KeyError("ev_to_ebitda"),
    ZeroDivisionError("float division by zero"),
]


def engine_raising(error: Exception) -> object:
    def value_company(*_: object, **__: object) -> NoReturn:
        raise error

    return value_company


@pytest.mark.parametrize("bug", ENGINE_BUGS, ids=lambda e: type(e).__name__)
async def test_an_engine_bug_fails_as_internal_error_logged_and_refunded(
    services_app: Starlette,
    api: GraphQLClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    bug: Exception,
) -> None:
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    before = await used_this_period(services, await job_row(services, job))
    monkeypatch.setattr(valuation_job, "value_company", engine_raising(bug))
    with caplog.at_level(logging.ERROR, logger=valuation_job.__name__):
        assert await valuation_job.run_valuation(services, (await job_row(services, job)).id) == (
            "FAILED"
        )
    row = await job_row(services, job)
    assert (row.status, row.error_code) == ("FAILED", "INTERNAL_ERROR")
    # The caller learns that it failed, not our exception's text.
    assert row.error_message == "The valuation failed."
    [logged] = [r for r in caplog.records if r.exc_info is not None]
    assert str(row.id) in logged.getMessage()
    assert logged.exc_info is not None and logged.exc_info[1] is bug
    assert await used_this_period(services, row) == before - 1


async def test_an_input_error_the_engine_raises_still_fails_as_valuation_input(
    services_app: Starlette, api: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as above with the engine's typed input error: the caller's to fix."""
    services: Services = app_state(services_app).services
    job = await queued_job(api)
    before = await used_this_period(services, await job_row(services, job))
    refusal = ValuationInputError("Pre-offer shares must be positive.")
    monkeypatch.setattr(valuation_job, "value_company", engine_raising(refusal))
    assert await valuation_job.run_valuation(services, (await job_row(services, job)).id) == (
        "FAILED"
    )
    row = await job_row(services, job)
    assert (row.status, row.error_code) == ("FAILED", "VALUATION_INPUT")
    assert row.error_message == "Pre-offer shares must be positive."
    assert await used_this_period(services, row) == before - 1
