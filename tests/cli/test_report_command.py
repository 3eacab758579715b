"""`ipoval report VALUATION_ID --format pdf|xlsx -o FILE` against the services a deployment runs."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from accounts.tiers import Tier
from tests.fixtures.command_line import assert_one_clear_line, ipoval
from tests.fixtures.services import DATABASE_URL, REDIS_URL
from tests.reports.test_report_api import _caller, _completed


@pytest.fixture
def env() -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}


async def test_the_command_writes_a_completed_valuations_reports(
    services_app: Starlette, env: dict[str, str], tmp_path: Path
) -> None:
    transport = httpx.ASGITransport(app=services_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        job = await _completed(await _caller(services_app, http, Tier.PROFESSIONAL))
    pdf, xlsx = tmp_path / "board.pdf", tmp_path / "model.xlsx"
    written = ipoval(env, "report", job, "--format", "pdf", "-o", str(pdf), timeout=120)
    assert written.returncode == 0, written.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and f"wrote {pdf}" in written.stdout
    written = ipoval(env, "report", job, "--format", "xlsx", "-o", str(xlsx), timeout=120)
    assert written.returncode == 0, written.stderr
    assert xlsx.read_bytes().startswith(b"PK\x03\x04")


async def test_an_unknown_or_malformed_valuation_is_one_clear_line(
    services_app: Starlette, env: dict[str, str], tmp_path: Path
) -> None:
    out = str(tmp_path / "r.pdf")
    unknown = ipoval(env, "report", str(uuid.uuid4()), "-o", out)
    assert_one_clear_line(unknown, "no valuation", exit_code=1)
    assert_one_clear_line(ipoval(env, "report", "not-an-id", "-o", out), "not a valuation ID")
    assert not _written(out)


def _written(path: str) -> bool:
    return Path(path).exists()
