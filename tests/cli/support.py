"""Running the installed `ipoval` command as a user would: its entry point, in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

IPOVAL = str(Path(sys.executable).parent / "ipoval")


def embedded_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment without service URLs (embedded mode), with its data in `data_dir`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "FORWARDED_ALLOW_IPS")
    }
    return {**env, "IPOVAL_DATA_DIR": str(data_dir), **extra}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ipoval(
    env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [IPOVAL, *args],
        env=env,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_clear_line(
    result: subprocess.CompletedProcess[str], *phrases: str, exit_code: int | None = None
) -> None:
    """Failed, with exactly one `ipoval: ...` line on stderr that says each of `phrases`."""
    assert result.returncode != 0, result
    if exit_code is not None:
        assert result.returncode == exit_code, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ipoval: "), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


@contextmanager
def serving(data_dir: Path, *args: str, **env: str) -> Iterator[str]:
    """`ipoval serve` in embedded mode, ready to answer; yields its base URL."""
    port = free_port()
    log_path = data_dir / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [IPOVAL, "serve", "--port", str(port), *args],
            env=embedded_env(data_dir, **env),
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "not ready within 60 s"
                try:
                    if httpx.get(f"{base}/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(10)
