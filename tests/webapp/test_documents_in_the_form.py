"""The form filled from an uploaded document: in the browser, a workbook is uploaded, its
extraction followed live, attached, and the company valued from it, its figures cited."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import expect
from starlette.applications import Starlette

from tests.fixtures.reference_clients import chromium, jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.statements.workbooks import xlsx
from tests.fixtures.webapp import DESKTOP, screenshot

TIMEOUT_MS = 60_000


async def test_a_company_is_valued_from_a_workbook_uploaded_in_the_form(
    services_app: Starlette, tmp_path: Path
) -> None:
    workbook = tmp_path / "management-accounts.xlsx"
    workbook.write_bytes(xlsx())
    async with (
        serve_in_background(services_app) as host,
        chromium() as browser,
        jobs_running(services_app),
    ):
        page = await browser.new_page(viewport=DESKTOP)
        await page.goto(f"http://{host}/#/value")
        await page.get_by_label("Its latest fiscal year end (optional)").fill("2025-06-30")
        await page.get_by_label("Upload a document (PDF, image, XLSX or CSV)").set_input_files(
            workbook
        )
        attached = page.get_by_role("checkbox", name="management-accounts.xlsx")
        await expect(attached).to_be_checked(timeout=TIMEOUT_MS)  # completed, then attached

        # The figures stay in the document: no year typed, net debt left to its balance sheet.
        await page.get_by_role("button", name="Remove historical years row 1").click()
        await page.get_by_label("Company name").fill("Wattle Software Pty Ltd")
        await page.get_by_label("GICS industry group").select_option("SOFTWARE_AND_SERVICES")
        await page.get_by_label("Shares before the offer").fill("10m")
        await page.get_by_label("Capital to raise (A$)").fill("5m")
        await page.get_by_role("button", name="Value the company").click()

        cited = page.get_by_role("region", name="From your documents")
        await expect(cited).to_be_visible(timeout=TIMEOUT_MS)
        await expect(cited.get_by_role("row").filter(has_text="Revenue").first).to_be_visible()
        await expect(page.locator("svg.football-field")).to_be_visible()
        await screenshot(page, "result-from-documents")
