"""web/'s own checks, run with the rest of the suite: its component tests (Vitest), and that the
bundle committed under edge/webapp/bundle/ is what its sources build to today."""

from __future__ import annotations

import asyncio
import filecmp
import json
import shutil
from pathlib import Path

from tests.fixtures.webapp import REPOSITORY, WEB_DIR, require_web_packages

NPM_TIMEOUT_S = 180
# What the build reads from outside web/: the SDL, the input bounds and the example company.
BUILD_INPUTS = ("schema", "examples")


async def npm(*args: str, cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        "npm",
        *args,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(NPM_TIMEOUT_S):
        output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode(errors="replace")


async def test_the_component_tests_pass(tmp_path: Path) -> None:
    require_web_packages()
    report = tmp_path / "vitest.json"
    code, output = await npm(
        "exec", "--", "vitest", "run", "--reporter=json", f"--outputFile={report}", cwd=WEB_DIR
    )
    results = json.loads(report.read_text())
    failures = [
        f"{test['fullName']}: {' '.join(test['failureMessages'])[:500]}"
        for suite in results["testResults"]
        for test in suite["assertionResults"]
        if test["status"] != "passed"
    ]
    assert code == 0 and failures == [], "\n".join(failures) or output[-2000:]
    assert results["numPassedTests"] >= 30  # the form's checks and the form itself


def differences(built: Path, committed: Path) -> list[str]:
    comparison = filecmp.dircmp(built, committed)
    found = [f"only in the build: {n}" for n in comparison.left_only]
    found += [f"only committed: {n}" for n in comparison.right_only]
    found += [f"differs: {n}" for n in comparison.diff_files]
    found += [
        f"{name}/{difference}"
        for name in comparison.common_dirs
        for difference in differences(built / name, committed / name)
    ]
    return found


async def test_the_committed_bundle_is_built_from_the_sources(tmp_path: Path) -> None:
    require_web_packages()
    # A copy of the tree the build reads, so the check never writes into the checkout.
    web = tmp_path / "web"
    shutil.copytree(WEB_DIR, web, ignore=shutil.ignore_patterns("node_modules"))
    (web / "node_modules").symlink_to(WEB_DIR / "node_modules")
    for name in BUILD_INPUTS:
        shutil.copytree(REPOSITORY / name, tmp_path / name)
    (tmp_path / "edge" / "webapp").mkdir(parents=True)
    code, output = await npm("run", "build", cwd=web)
    assert code == 0, output[-3000:]
    stale = differences(tmp_path / "edge" / "webapp" / "bundle", REPOSITORY / "edge/webapp/bundle")
    stale += [f"src/gql/{d}" for d in differences(web / "src" / "gql", WEB_DIR / "src" / "gql")]
    assert stale == [], "run `npm run build` in web/ and commit the result: " + ", ".join(stale)
