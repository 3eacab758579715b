"""The web app in a real browser (Debian's Chromium) against a real server with the sample data,
PostgreSQL, Redis and a worker: what a new user does, without reading any documentation."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Page, Route, WebSocketRoute, expect
from starlette.applications import Starlette

from tests.fixtures.documents import CREATE
from tests.fixtures.reference_clients import chromium, jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company
from tests.fixtures.webapp import DESKTOP, PHONE, screenshot

TIMEOUT_MS = 30_000


async def value_the_example(page: Page) -> None:
    await page.get_by_role("link", name="Value a company", exact=True).click()
    await expect(page.get_by_role("heading", name="Value a company for its IPO")).to_be_visible()
    await page.get_by_role("button", name="Fill in the example company").click()
    await expect(page.get_by_label("Company name")).to_have_value("Example Software Pty Ltd")
    await screenshot(page, "valuation-form")
    await page.get_by_role("button", name="Value the company").click()
    await page.wait_for_url(re.compile(r"#/valuation/"), timeout=TIMEOUT_MS)


async def test_a_new_user_finds_a_company_values_the_example_and_downloads_its_report(
    services_app: Starlette,
) -> None:
    async with serve_in_background(services_app) as host, chromium() as browser:
        page = await browser.new_page(viewport=DESKTOP, accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        await page.goto(f"http://{host}/")

        # Search the directory, by keyboard: the search box has focus on arrival.
        await expect(page.get_by_role("heading", name="Companies on the ASX")).to_be_visible()
        await page.keyboard.type("xero")
        row = page.get_by_role("row").filter(has_text="XERO LIMITED")
        await expect(row).to_be_visible(timeout=TIMEOUT_MS)
        await expect(page.get_by_role("heading", name=re.compile(r"^1 compan"))).to_be_visible()
        await screenshot(page, "search")

        # The company page: market data with its provenance, financials, peers, filings, RBA.
        await row.get_by_role("link", name="XRO").click()
        await expect(page.get_by_role("heading", name=re.compile("XERO LIMITED"))).to_be_visible()
        market = page.get_by_role("region", name="Market data")
        await expect(market.get_by_text("synthetic")).to_be_visible()  # the sample dataset says so
        peers = page.get_by_role("region", name="Peers")
        await expect(peers.get_by_role("row")).to_have_count(11)  # a header and 10 peers
        filings = page.get_by_role("region", name="Filings")
        await expect(filings.get_by_role("listitem").first).to_be_visible()
        economy = page.get_by_role("region", name="Economy (RBA)")
        await expect(economy.get_by_role("img").first).to_be_visible()  # a series' chart
        await screenshot(page, "company")
        # "Skip to content" moves the focus, not the route.
        await page.get_by_role("link", name="Skip to content").focus()
        await page.keyboard.press("Enter")
        await expect(page.locator("main")).to_be_focused()
        assert page.url.endswith("#/company/XRO")

        # Value the example company; no worker runs yet, so the job waits at 0 %.
        await value_the_example(page)
        bar = page.get_by_role("progressbar", name="Valuation progress")
        await expect(bar).to_have_attribute("aria-valuenow", "0", timeout=TIMEOUT_MS)
        await screenshot(page, "progress", full_page=False)
        async with jobs_running(services_app):
            await expect(bar).to_have_attribute("aria-valuenow", "100", timeout=TIMEOUT_MS)
            await expect(page.get_by_text("Completed", exact=True)).to_be_visible()

            # The result: the football field with a bar per method plus the two ranges.
            field = page.locator("svg.football-field")
            await expect(field).to_be_visible(timeout=TIMEOUT_MS)
            methods = page.get_by_role("region", name="Methods").locator("tbody tr")
            await expect(field.locator("g.bar")).to_have_count(await methods.count() + 2)
            summary = page.get_by_role("region", name="Indicative offer price")
            await expect(summary).to_contain_text(re.compile(r"A\$\d+\.\d+ – A\$\d+\.\d+"))
            for name in ("WACC build-up", "DCF sensitivity", "Monte Carlo (DCF)", "Warnings"):
                await expect(page.get_by_role("region", name=name)).to_be_visible()
            await expect(page.locator("svg.histogram rect.histogram-bar")).to_have_count(40)

            # The PDF report: rendered by the worker, then downloaded.
            link = page.get_by_role("link", name="Download PDF report")
            await expect(link).to_be_visible(timeout=TIMEOUT_MS)
            await screenshot(page, "result")
            await page.set_viewport_size({"width": 1280, "height": 1250})
            await screenshot(page, "result-summary", full_page=False)  # the README's
            async with page.expect_download() as download_info:
                await link.click()
            download = await download_info.value
            path = await download.path()
            assert path.read_bytes().startswith(b"%PDF-")

        # The organisation's valuations list it, completed.
        await page.get_by_role("link", name="Valuations", exact=True).click()
        listed = page.get_by_role("row").filter(has_text="Example Software Pty Ltd").first
        await expect(listed).to_contain_text("Completed")
        await screenshot(page, "valuations")
    assert errors == []


async def test_progress_catches_up_after_the_socket_drops(services_app: Starlette) -> None:
    async with (
        serve_in_background(services_app) as host,
        httpx.AsyncClient(base_url=f"http://{host}") as http,
        chromium() as browser,
    ):
        created = await http.post(
            "/graphql", json={"query": CREATE, "variables": {"input": company()}}
        )
        job_id = created.json()["data"]["createValuation"]["job"]["id"]
        page = await browser.new_page(viewport=DESKTOP)
        sockets: list[WebSocketRoute] = []

        def forward(socket: WebSocketRoute) -> None:
            socket.connect_to_server()
            sockets.append(socket)

        await page.route_web_socket(re.compile(r"/graphql$"), forward)
        await page.goto(f"http://{host}/#/valuation/{job_id}")
        bar = page.get_by_role("progressbar", name="Valuation progress")
        await expect(bar).to_have_attribute("aria-valuenow", "0", timeout=TIMEOUT_MS)
        assert len(sockets) == 1

        # The network drops the socket while the job waits: the page says so and reconnects.
        await sockets[0].close(code=1001, reason="going away")
        await expect(page.get_by_text(re.compile("reconnecting"))).to_be_visible()
        async with jobs_running(services_app):
            await expect(bar).to_have_attribute("aria-valuenow", "100", timeout=TIMEOUT_MS)
            await expect(page.locator("svg.football-field")).to_be_visible(timeout=TIMEOUT_MS)
        assert len(sockets) >= 2
        await expect(page.get_by_text(re.compile("reconnecting"))).to_be_hidden()


async def test_the_form_shows_each_mistake_beside_its_field_before_sending(
    services_app: Starlette,
) -> None:
    async with serve_in_background(services_app) as host, chromium() as browser:
        page = await browser.new_page(viewport=DESKTOP)
        sent: list[str] = []
        page.on(
            "request",
            lambda r: sent.append(r.post_data or "") if r.url.endswith("/graphql") else None,
        )
        await page.goto(f"http://{host}/#/value")
        await page.get_by_role("button", name="Fill in the example company").click()
        await page.get_by_label("Shares before the offer").fill("12")
        await page.get_by_label("Revenue, historical years row 2").fill("lots")
        await page.get_by_role("button", name="Value the company").click()
        revenue = page.get_by_label("Revenue, historical years row 2")
        await expect(revenue).to_have_attribute("aria-invalid", "true")
        await expect(revenue).to_be_focused()  # the first field at fault, in reading order
        shares = page.get_by_label("Shares before the offer")
        await expect(shares).to_have_attribute("aria-invalid", "true")
        shares_error = page.get_by_text(re.compile("A count of shares between 1,000"))
        await expect(shares_error).to_be_visible()
        await expect(page.get_by_role("alert").first).to_contain_text("2 fields need attention")
        assert not any("createValuation" in body for body in sent)  # nothing was sent
        await screenshot(page, "valuation-form-errors")


async def test_the_server_refusal_is_shown_beside_the_field_it_names(
    services_app: Starlette,
) -> None:
    async with serve_in_background(services_app) as host, chromium() as browser:
        page = await browser.new_page(viewport=DESKTOP)
        await page.goto(f"http://{host}/#/value")
        await page.get_by_role("button", name="Fill in the example company").click()
        await page.get_by_text("Peers and assumptions").click()
        # A well-formed code that no listed company has: only the server can know.
        await page.get_by_label("Peers (ASX codes)").fill("ZZZZZ9")
        await page.get_by_role("button", name="Value the company").click()
        peers = page.get_by_label("Peers (ASX codes)")
        await expect(peers).to_have_attribute("aria-invalid", "true", timeout=TIMEOUT_MS)
        await expect(page.get_by_text(re.compile("ZZZZZ9 is not the code"))).to_be_visible()
        assert "#/value" in page.url


async def test_on_a_phone_every_page_fits_the_screen_width(services_app: Starlette) -> None:
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
        page = await browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        # Each page loaded afresh, then measured once its own content is on screen.
        filings = page.get_by_role("region", name="Filings")
        for route, shown in (
            ("#/", page.get_by_role("region", name="Economy (RBA)").get_by_role("img").first),
            ("#/company/XRO", filings.get_by_role("listitem").first),
            ("#/value", page.get_by_role("button", name="Value the company")),
            (f"#/valuation/{job_id}", page.locator("svg.histogram")),
            ("#/valuations", page.get_by_role("row").filter(has_text="Completed").first),
        ):
            await page.goto("about:blank")
            await page.goto(f"http://{host}/{route}")
            await expect(shown).to_be_visible(timeout=TIMEOUT_MS)
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{route} is {overflow}px wider than the phone"
            if route == "#/company/XRO":
                await screenshot(page, "company-phone")


async def test_the_app_asks_nothing_of_any_host_but_its_own(services_app: Starlette) -> None:
    async with serve_in_background(services_app) as host, chromium() as browser:
        page = await browser.new_page(viewport=DESKTOP)
        elsewhere: list[str] = []

        async def only_the_server(route: Route) -> None:
            if route.request.url.startswith(f"http://{host}/"):
                await route.continue_()
            else:  # as with the network off
                elsewhere.append(route.request.url)
                await route.abort()

        await page.route("**/*", only_the_server)
        await page.goto(f"http://{host}/#/company/XRO")
        await expect(page.get_by_role("region", name="Filings")).to_be_visible(timeout=TIMEOUT_MS)
        await expect(page.get_by_role("region", name="Peers").get_by_role("row")).to_have_count(11)
        await page.goto(f"http://{host}/#/value")
        await expect(page.get_by_role("button", name="Value the company")).to_be_visible()
    assert elsewhere == []
