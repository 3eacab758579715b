"""Signing in to the web app in production: the sign-in form, the access token in memory only,
the session kept across a reload by the HttpOnly refresh cookie, and signing out."""

from __future__ import annotations

from pathlib import Path

from asgi_lifespan import LifespanManager
from playwright.async_api import expect

from accounts.operators import create_user
from accounts.tiers import Tier
from app import create_app
from edge.state import app_state
from tests.fixtures.reference_clients import chromium
from tests.fixtures.servers import serve_in_background
from tests.fixtures.settings import production_settings
from tests.fixtures.webapp import DESKTOP, screenshot

EMAIL = "cfo@example.com.au"
PASSWORD = "a long enough password for the page"


async def test_a_user_signs_in_stays_signed_in_across_a_reload_and_signs_out(
    tmp_path: Path,
) -> None:
    app = create_app(production_settings(tmp_path))
    async with LifespanManager(app, startup_timeout=60):
        services = app_state(app).services
        await create_user(services, EMAIL, PASSWORD, "Example Advisers", Tier.PROFESSIONAL)
        async with serve_in_background(app) as host, chromium() as browser:
            page = await browser.new_page(viewport=DESKTOP)
            await page.goto(f"http://{host}/")
            await expect(page.get_by_role("heading", name="Sign in to ipoval")).to_be_visible()
            await screenshot(page, "sign-in", full_page=False)

            await page.get_by_label("E-mail").fill(EMAIL)
            await page.get_by_label("Password").fill("not the password")
            await page.get_by_role("button", name="Sign in").click()
            await expect(page.get_by_role("alert")).to_contain_text("not right")

            await page.get_by_label("Password").fill(PASSWORD)
            await page.get_by_role("button", name="Sign in").click()
            await expect(page.get_by_text(f"{EMAIL} · Example Advisers")).to_be_visible()
            await expect(page.get_by_role("row").nth(3)).to_be_visible()  # the directory loads

            # Scripts see no token: the refresh token is HttpOnly, the access token in memory.
            assert await page.evaluate("document.cookie") == ""
            stored = await page.evaluate("JSON.stringify({...localStorage, ...sessionStorage})")
            assert stored == "{}"
            (cookie,) = await page.context.cookies()
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

            await page.reload()
            await expect(page.get_by_text(f"{EMAIL} · Example Advisers")).to_be_visible()

            await page.get_by_role("button", name="Sign out").click()
            await expect(page.get_by_role("heading", name="Sign in to ipoval")).to_be_visible()
            await page.reload()
            await expect(page.get_by_role("heading", name="Sign in to ipoval")).to_be_visible()
