"""`ipoval registry import FILE`: load ASIC's company dataset as the registry snapshot."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
from datetime import date
from pathlib import Path

from cli.reachability import require_services
from core.errors import ProviderError
from core.migrate import upgrade_to_head
from core.settings import Settings
from providers.abr.asic_dataset import AsicDatasetReport, parse_asic_companies
from repositories.registry import replace_entities
from runtime.services import open_services

BATCH = 2_000


def import_registry(settings: Settings, path: Path, as_of: date) -> int:
    try:
        written, report = asyncio.run(import_snapshot(settings, path, as_of))
    except ProviderError as error:
        print(f"ipoval: {error.message}", file=sys.stderr)
        return 2
    print(
        f"imported {written:,} companies from {report.rows:,} lines "
        f"({report.bad_rows:,} unreadable)"
    )
    for problem in report.problems:
        print(f"  {problem}")
    return 0


async def import_snapshot(
    settings: Settings, path: Path, as_of: date
) -> tuple[int, AsicDatasetReport]:
    report = AsicDatasetReport()
    written = 0
    async with open_services(settings) as services:
        if settings.is_sqlite:
            await upgrade_to_head(services.engine)
        with path.open("rb") as lines:
            entities = parse_asic_companies(lines, as_of=as_of, report=report)
            while batch := list(itertools.islice(entities, BATCH)):
                async with services.sessions.begin() as session:
                    written += await replace_entities(session, batch)
    return written, report


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    registry = commands.add_parser("registry", help="the ASIC registry snapshot")
    actions = registry.add_subparsers(dest="action", required=True)
    load = actions.add_parser("import", help="load ASIC's company dataset (tab-separated)")
    load.add_argument("file", type=Path, help="the dataset file (COMPANY_*.csv, tab-separated)")
    load.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the dataset's extract date, YYYY-MM-DD (default: the file's modification date)",
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        print(f"ipoval: no such file: {path}", file=sys.stderr)
        return 2
    require_services(settings)
    as_of = args.as_of or date.fromtimestamp(path.stat().st_mtime)
    return import_registry(settings, path, as_of)
