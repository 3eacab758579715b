"""The web app's figures: bundle size, time to interactive of a company page, axe-core findings.

    python -m bench.webapp [--loads 10]

Serves the sample data in embedded mode (`ipoval serve`) and drives Debian's Chromium headless
with Playwright on this machine. For each of `--loads` page loads of `#/company/XRO` (cold: a new
browser context, nothing cached; warm: the same context reloaded) it reads, from the navigation's
start: first contentful paint; content ready (the market data, financials, ten peers, filings
and the RBA charts all rendered); and time to interactive, taken as the later of content ready
and the end of the last long task (over 50 ms on the main thread) up to two seconds after it.
The baseline, in the same process: the page's own GraphQL query over HTTP, so the ratio is what
the browser adds to the data. axe-core (web/node_modules) runs on the search, company and form
pages. Needs `npm ci` in web/ (for axe-core) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, async_playwright

from bench.dashboard_rps import HOST, _free_port, _wait_ready
from bench.valuation_jobs import _wait_for_directory, bench_environment
from edge.webapp import BUNDLE_DIR

REPOSITORY = Path(__file__).resolve().parent.parent
AXE = REPOSITORY / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
PAGE = "#/company/XRO"
QUIET_AFTER_MS = 2000
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
"""
COMPANY_QUERY = (REPOSITORY / "web" / "src" / "pages" / "CompanyPage.tsx").read_text()


def bundle_sizes() -> dict[str, tuple[int, int]]:
    """Bytes and gzip -9 bytes of what the page downloads, by kind."""
    files = [BUNDLE_DIR / "index.html", *sorted((BUNDLE_DIR / "assets").iterdir())]
    sizes: dict[str, tuple[int, int]] = {}
    for path in files:
        data = path.read_bytes()
        kind = path.suffix.lstrip(".")
        raw, packed = sizes.get(kind, (0, 0))
        sizes[kind] = (raw + len(data), packed + len(gzip.compress(data, compresslevel=9)))
    return sizes


def company_query_text() -> str:
    start = COMPANY_QUERY.index("query CompanyPage")
    return COMPANY_QUERY[start : COMPANY_QUERY.index("`", start)]


async def query_baseline(port: int, loads: int) -> float:
    query = company_query_text()
    timings = []
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}") as http:
        for _ in range(loads + 1):
            started = time.perf_counter()
            answer = await http.post(
                "/graphql", json={"query": query, "variables": {"ticker": "XRO"}}
            )
            timings.append((time.perf_counter() - started) * 1000)
            assert answer.json()["data"]["company"]["ticker"] == "XRO"
    return statistics.median(timings[1:])


async def one_load(page: Any, url: str, reload: bool = False) -> dict[str, float]:
    if reload:
        await page.reload()
    else:
        await page.goto(url)
    await page.locator("ul.filings li").first.wait_for()
    await page.locator("section[aria-labelledby='peers-heading'] tbody tr").nth(9).wait_for()
    await page.locator("svg.sparkline").nth(3).wait_for()
    ready: float = await page.evaluate("performance.now()")
    await page.wait_for_timeout(QUIET_AFTER_MS)
    tasks: list[list[float]] = await page.evaluate("window.__longTasks")
    fcp: float = await page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN"
    )
    ends = [start + duration for start, duration in tasks if start <= ready + QUIET_AFTER_MS]
    return {"fcp": fcp, "ready": ready, "tti": max([ready, *ends]), "long_tasks": len(tasks)}


async def page_loads(browser: Browser, url: str, loads: int) -> dict[str, list[dict[str, float]]]:
    cold, warm = [], []
    for _ in range(loads):
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        await context.add_init_script(LONG_TASKS)
        page = await context.new_page()
        cold.append(await one_load(page, url))
        warm.append(await one_load(page, url, reload=True))  # the bundle is in the cache
        await context.close()
    return {"cold": cold, "warm": warm}


async def axe_findings(browser: Browser, base: str) -> dict[str, list[str]]:
    context = await browser.new_context(bypass_csp=True)  # axe-core goes in as an inline script
    page = await context.new_page()
    findings = {}
    for name, route, ready in (
        ("search", "#/", "table tbody tr"),
        ("company", PAGE, "ul.filings li"),
        ("form", "#/value", "form"),
    ):
        await page.goto(base + route)
        await page.locator(ready).first.wait_for()
        await page.add_script_tag(path=str(AXE))
        result = await page.evaluate(
            """async () => (await axe.run(document, { runOnly: { type: "tag", values: [
              "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })).violations"""
        )
        findings[name] = [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in result]
    await context.close()
    return findings


async def measure(port: int, loads: int) -> None:
    base = f"http://{HOST}:{port}/"
    baseline = await query_baseline(port, loads)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        await page_loads(browser, base + PAGE, 2)  # warm-up: the server's caches, the browser
        results = await page_loads(browser, base + PAGE, loads)
        findings = await axe_findings(browser, base)
        await browser.close()
    print(f"company page query over HTTP (baseline), median of {loads}: {baseline:.1f} ms")
    for kind, samples in results.items():
        medians = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        print(
            f"{kind:>4} loads of {PAGE}, median of {loads}: FCP {medians['fcp']:.0f} ms, "
            f"content ready {medians['ready']:.0f} ms, TTI {medians['tti']:.0f} ms "
            f"({medians['tti'] / baseline:.1f}x the query), long tasks {medians['long_tasks']:.0f}"
        )
    for page, found in findings.items():
        print(f"axe-core on {page}: {len(found)} findings {found if found else ''}")


def main(loads: int) -> None:
    for kind, (raw, packed) in bundle_sizes().items():
        print(f"bundle {kind}: {raw / 1024:.1f} KiB, gzip -9 {packed / 1024:.1f} KiB")
    total = sum(packed for _, packed in bundle_sizes().values())
    print(f"bundle in all, gzip -9: {total / 1024:.1f} KiB")
    with tempfile.TemporaryDirectory() as data_dir:
        env = bench_environment(data_dir, services=False)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "serve", "--port", str(port)], env=env
        )
        try:
            _wait_ready(port)
            _wait_for_directory(port)
            asyncio.run(measure(port, loads))
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--loads", type=int, default=10)
    main(parser.parse_args().loads)
