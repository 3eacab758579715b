"""`ipoval report VALUATION_ID --format pdf|xlsx -o FILE`: a completed valuation's report, rendered
here from the database the settings name, with its organisation's branding. An operator command:
it reads any organisation's valuation, as `ipoval user` manages any organisation's users."""

from __future__ import annotations

import argparse
import asyncio
import uuid
from pathlib import Path

from cli.errors import CommandError
from cli.reachability import require_services
from contracts.report_job import ReportFormat
from contracts.valuation_job import JobStatus
from core.settings import Settings
from models.valuation import ValuationJob
from runtime.services import open_services
from schema.ids import decode_id


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="write a completed valuation's PDF or XLSX report")
    report.add_argument("valuation", help="the valuation's ID (as the API gives it, or a UUID)")
    report.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    report.add_argument("-o", "--output", type=Path, required=True, help="the file to write")


def run(settings: Settings, args: argparse.Namespace) -> int:
    valuation_id = _valuation_id(args.valuation)
    format = ReportFormat(args.format.upper())
    if settings.database_url is not None:
        require_services(settings, redis=False)
    content = asyncio.run(_render(settings, valuation_id, format))
    output: Path = args.output
    output.write_bytes(content)
    print(f"wrote {output} ({len(content):,} bytes)")
    return 0


def _valuation_id(given: str) -> uuid.UUID:
    found = decode_id("ValuationJob", given)
    if found is not None:
        return found
    try:
        return uuid.UUID(given)
    except ValueError:
        raise CommandError(f"{given!r} is not a valuation ID", exit_code=2) from None


async def _render(settings: Settings, valuation_id: uuid.UUID, format: ReportFormat) -> bytes:
    from jobs.reports import render, report_data

    async with open_services(settings) as services:
        async with services.sessions() as session:
            valuation = await session.get(ValuationJob, valuation_id)
        if valuation is None:
            raise CommandError(f"no valuation {valuation_id}", exit_code=1)
        if valuation.status != JobStatus.COMPLETED.value or not valuation.result:
            raise CommandError(
                f"valuation {valuation_id} is {valuation.status}, not COMPLETED", exit_code=1
            )
        data = await report_data(services, valuation)
    return await asyncio.to_thread(render, format, data)
