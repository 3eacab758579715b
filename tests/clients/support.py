"""What the reference-client tests need: Node with this folder's npm packages, Chromium, a worker.

`.ci/run` installs them. Under CI (`services_required()`) a missing one fails the test; elsewhere
the test is skipped with a loud reason.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from playwright.async_api import Browser, async_playwright
from starlette.applications import Starlette

from core.redis import is_embedded
from edge.state import app_state
from runtime.services import Services
from tests.support import services_required
from workers.embedded import embedded_worker

CLIENTS_DIR = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download is not used: Debian's Chromium, headless, quiet on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_TIMEOUT_S = 60


def missing(what: str, how_to_install: str) -> NoReturn:
    """Fail under CI, skip loudly elsewhere: a reference-client test never passes unseen."""
    message = f"{what} is missing; {how_to_install}"
    if services_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(f"CLIENT TEST SKIPPED ({message})")


def require_node_packages() -> str:
    """The `node` executable, once this folder's npm packages are installed."""
    node = shutil.which("node")
    if node is None:
        missing("node", "install Node.js 20 or later")
    if not (CLIENTS_DIR / "node_modules" / "graphql-ws").is_dir():
        missing("tests/clients/node_modules", "run `npm ci` in tests/clients")
    return node


async def run_node(script: str, *args: str) -> list[dict[str, Any]]:
    """Run a script of this folder with Node; the JSON lines it printed. Fails on an error exit."""
    process = await asyncio.create_subprocess_exec(
        require_node_packages(),
        str(CLIENTS_DIR / script),
        *args,
        cwd=CLIENTS_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(NODE_TIMEOUT_S):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == 0, f"{script} exited {process.returncode}: {stderr.decode()}"
    return [json.loads(line) for line in stdout.decode().splitlines() if line.strip()]


def require_chromium() -> str:
    if not CHROMIUM.exists():
        missing(str(CHROMIUM), "install it with `apt-get install -y chromium`")
    return str(CHROMIUM)


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    executable = require_chromium()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


@asynccontextmanager
async def jobs_running(app: Starlette) -> AsyncIterator[None]:
    """Valuation jobs run while inside: the embedded worker already does; with Redis, one here."""
    services: Services = app_state(app).services
    async with AsyncExitStack() as stack:
        if not is_embedded(services.redis):
            await stack.enter_async_context(embedded_worker(services))
        yield
