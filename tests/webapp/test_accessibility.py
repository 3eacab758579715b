"""axe-core (WCAG 2.1 A and AA, and its best practices) finds nothing on the web app's pages:
the search, a company, the form showing its errors, a valuation's result, on a desktop and on a
phone's width."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from playwright.async_api import Page, ViewportSize, expect
from starlette.applications import Starlette

from tests.fixtures.documents import CREATE
from tests.fixtures.reference_clients import chromium, jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company
from tests.fixtures.webapp import DESKTOP, PHONE, axe_violations, require_web_packages

TIMEOUT_MS = 30_000


async def pages_and_findings(page: Page, host: str, job_id: str) -> dict[str, list[object]]:
    findings: dict[str, list[object]] = {}
    await page.goto(f"http://{host}/")
    await expect(page.get_by_role("region", name="Economy (RBA)")).to_be_visible()
    await expect(page.get_by_role("row").nth(3)).to_be_visible(timeout=TIMEOUT_MS)
    findings["search"] = list(await axe_violations(page))
    await page.goto(f"http://{host}/#/company/XRO")
    await expect(page.get_by_role("region", name="Filings")).to_be_visible(timeout=TIMEOUT_MS)
    findings["company"] = list(await axe_violations(page))
    await page.goto(f"http://{host}/#/value")
    await page.get_by_role("button", name="Value the company").click()
    await expect(page.get_by_role("alert").first).to_be_visible()
    await page.get_by_text("Peers and assumptions").click()
    findings["form with errors"] = list(await axe_violations(page))
    await page.goto(f"http://{host}/#/valuation/{job_id}")
    await expect(page.locator("svg.football-field")).to_be_visible(timeout=TIMEOUT_MS)
    await expect(page.locator("svg.histogram")).to_be_visible(timeout=TIMEOUT_MS)
    findings["result"] = list(await axe_violations(page))
    return findings


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
async def test_axe_finds_nothing_on_the_main_pages(
    services_app: Starlette, viewport: ViewportSize
) -> None:
    require_web_packages()
    async with (
        serve_in_background(services_app) as host,
        httpx.AsyncClient(base_url=f"http://{host}") as http,
        chromium() as browser,
        jobs_running(services_app),
    ):
        created = await http.post(
            "/graphql", json={"query": CREATE, "variables": {"input": company()}}
        )
        job_id = created.json()["data"]["createValuation"]["job"]["id"]
        # axe-core is injected as an inline script, which the page's own policy forbids.
        context = await browser.new_context(viewport=viewport, bypass_csp=True)
        page = await context.new_page()
        findings = await pages_and_findings(page, host, job_id)
    found = {name: found for name, found in findings.items() if found}
    assert found == {}, json.dumps(found, indent=1)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", job_id)
