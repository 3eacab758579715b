"""Recalculating a workbook with a real spreadsheet engine: LibreOffice Calc, headless.

Our workbooks are written without cached results, so a file read back before recalculation has
no figures at all. LibreOffice leaves a loaded XLSX's cached values alone unless its profile says
otherwise: the profile here sets "recalculation on file load" to always (OOXMLRecalcMode 0), and
the conversion to XLSX then stores every recomputed value. Several files convert in one run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice_or_skip() -> str:
    """LibreOffice's binary; without it the test is skipped, except under CI, where it fails
    (.ci/run installs libreoffice-calc-nogui)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = "LibreOffice (soffice) is needed to recalculate workbooks"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: apt-get install -y libreoffice-calc-nogui")
        pytest.skip(reason)
    return found


def recalculated(soffice: str, workbooks: dict[str, bytes], workdir: Path) -> dict[str, Workbook]:
    """Each workbook recalculated by LibreOffice and read back with its computed values."""
    profile = workdir / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    source, target = workdir / "in", workdir / "out"
    source.mkdir(exist_ok=True)
    paths = []
    for name, data in workbooks.items():
        path = source / f"{name}.xlsx"
        path.write_bytes(data)
        paths.append(str(path))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(target),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        name: openpyxl.load_workbook(target / f"{name}.xlsx", data_only=True) for name in workbooks
    }


def named_cell(workbook: Workbook, name: str) -> tuple[str, str]:
    """The sheet and cell a workbook name points at."""
    sheet, cell = next(iter(workbook.defined_names[name].destinations))
    return sheet.strip("'"), cell.replace("$", "")


def named_value(workbook: Workbook, name: str) -> Any:
    sheet, cell = named_cell(workbook, name)
    return workbook[sheet][cell].value


def with_input(data: bytes, changes: dict[str, Any], workdir: Path, label: str) -> bytes:
    """The workbook with named input cells set, as a user would type them (not recalculated)."""
    workbook = openpyxl.load_workbook(_write(data, workdir / f"{label}-edit.xlsx"))
    for name, value in changes.items():
        sheet, cell = named_cell(workbook, name)
        workbook[sheet][cell].value = value
    path = workdir / f"{label}-edited.xlsx"
    workbook.save(path)
    return path.read_bytes()


def _write(data: bytes, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
