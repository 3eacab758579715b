"""The XLSX model of one completed valuation: build time and size, and with --recalc the time
LibreOffice takes to open it and recompute every formula.

The valuation is the stored job of tests/fixtures/valuation_job/stored_row.json (a software
company, DCF, EV/EBITDA, P/E and transactions, twelve peers), valued by today's engine as the
worker stores it.

    python -m bench.report_xlsx [--runs 50] [--recalc]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from contracts.valuation_evidence import GatheredData
from contracts.valuation_input import ValuationJobInput, listing_day
from contracts.valuation_result import result_payload
from reports.model import ReportData
from reports.xlsx_model import build_workbook
from workers.valuation_job import revalue

STORED_ROW = Path(__file__).parent.parent / "tests/fixtures/valuation_job/stored_row.json"
CREATED_AT = datetime(2025, 10, 1, 0, 30, tzinfo=UTC)
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def fixture_report() -> ReportData:
    row = json.loads(STORED_ROW.read_text())
    job_input = ValuationJobInput.model_validate(row["inputs"])
    evidence = GatheredData.model_validate(row["gathered"])
    payload = result_payload(revalue(job_input, evidence, listing_day(CREATED_AT)), evidence)
    return ReportData.from_stored(
        valuation_id=uuid.uuid4(),
        organisation_name="Benchmark",
        created_at=CREATED_AT,
        inputs=job_input.stored(),
        result=json.loads(json.dumps(payload)),
    )


def recalc_seconds(data: bytes) -> float:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("--recalc needs LibreOffice (apt-get install -y libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        (root / "profile/user").mkdir(parents=True)
        (root / "profile/user/registrymodifications.xcu").write_text(RECALC_PROFILE)
        (root / "model.xlsx").write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(root / "out"),
            str(root / "model.xlsx"),
        ]
        subprocess.run(command, check=True, capture_output=True)  # first start: the profile
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def main(runs: int, recalc: bool) -> None:
    report = fixture_report()
    data = build_workbook(report)  # warm-up: imports
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        data = build_workbook(report)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"XLSX model of the fixture valuation, {runs} builds")
    print(
        f"build median {statistics.median(timings):.1f} ms, p95 "
        f"{timings[max(int(0.95 * runs) - 1, 0)]:.1f} ms; size {len(data):,} bytes "
        f"({len(data) / 1024:.1f} KiB)"
    )
    if recalc:
        print(f"LibreOffice open, recalculate and save: {recalc_seconds(data):.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--recalc", action="store_true")
    arguments = parser.parse_args()
    main(arguments.runs, arguments.recalc)
