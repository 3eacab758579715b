"""Schemathesis' GraphQL mode generates operations from the introspected schema and sends them to a
real `ipoval serve` (embedded, development user, per-caller limits off so that thousands of calls
fit in the budget): none may end in a server error or an unexpected (masked) error.

The budget is bounded (`IPOVAL_FUZZ_SECONDS`, default 40 s); a longer run is the same command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.servers import free_port

FUZZ_SECONDS = int(os.environ.get("IPOVAL_FUZZ_SECONDS", "40"))


def _wait_until_ready(host: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"ipoval serve exited with {server.returncode}", pytrace=False)
        try:
            if httpx.get(f"http://{host}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("ipoval serve was not ready within 60 s", pytrace=False)


def _schemathesis() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("schemathesis is not installed (it is in the dev extra)", pytrace=False)
    return found


def test_generated_operations_never_fail_on_the_server(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "IPOVAL_ENV": "development",
        "IPOVAL_DATA_DIR": str(tmp_path),
        "IPOVAL_PER_CALLER_LIMITS": "false",
        "IPOVAL_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_ready(f"127.0.0.1:{port}", server)
        run = subprocess.run(
            [
                _schemathesis(),
                "run",
                f"http://127.0.0.1:{port}/graphql",
                "--checks",
                "not_a_server_error,no_internal_error",
                "--phases",
                "fuzzing",
                "--max-time",
                str(FUZZ_SECONDS),
                "--workers",
                "1",
                "--no-color",
                # Uploads are multipart, not JSON: their hostile inputs are
                # tests/edge/test_multipart_uploads.py's, and schemathesis has no Upload strategy.
                "--exclude-name",
                "Mutation.uploadDocument",
            ],
            env={**environment, "SCHEMATHESIS_HOOKS": "tests.fixtures.schemathesis_checks"},
            capture_output=True,
            text=True,
            timeout=FUZZ_SECONDS + 120,
        )
    finally:
        server.terminate()
        server.wait(10)
    summary = run.stdout[-3000:]
    assert run.returncode == 0, summary
    assert " passed" in summary and "generated" in summary, summary
    print(summary)  # the figures (cases generated) for whoever runs it with -s


def test_the_internal_error_check_catches_a_masked_error() -> None:
    from tests.fixtures.schemathesis_checks import no_internal_error

    masked = httpx.Response(
        200,
        json={
            "errors": [
                {"message": "Internal server error.", "extensions": {"code": "INTERNAL_ERROR"}}
            ]
        },
    )
    with pytest.raises(AssertionError):
        no_internal_error(None, masked, None)
    expected = httpx.Response(
        200, json={"errors": [{"message": "No.", "extensions": {"code": "BAD_USER_INPUT"}}]}
    )
    assert no_internal_error(None, expected, None) is None
