"""GraphiQL in a browser with the network blocked: everything it loads comes from the server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from playwright.async_api import Browser, Page, Route
from starlette.applications import Starlette

from tests.fixtures.documents import CREATE
from tests.fixtures.reference_clients import chromium, jobs_running
from tests.fixtures.servers import serve_in_background
from tests.fixtures.valuation_inputs import company

PAGE_LOAD_TIMEOUT_MS = 30_000
RESULT_TIMEOUT_MS = 20_000


@asynccontextmanager
async def graphiql_offline(browser: Browser, host: str) -> AsyncIterator[tuple[Page, list[str]]]:
    """GraphiQL opened from `host`, every request to another host refused; yields the page and
    the URLs it tried to reach elsewhere."""
    page = await browser.new_page()
    elsewhere: list[str] = []

    async def only_the_server(route: Route) -> None:
        if route.request.url.startswith(f"http://{host}/"):
            await route.continue_()
        else:
            elsewhere.append(route.request.url)
            await route.abort("internetdisconnected")

    await page.route("**/*", only_the_server)
    try:
        await page.goto(f"http://{host}/graphql")
        await page.wait_for_selector(
            ".graphiql-query-editor .CodeMirror", timeout=PAGE_LOAD_TIMEOUT_MS
        )
        yield page, elsewhere
    finally:
        await page.close()


async def type_into_the_editor(page: Page, document: str) -> None:
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    await editor.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.press("Delete")
    await page.keyboard.type(document)
    await page.keyboard.press("Escape")  # closes an autocompletion list, if one is open
    # Typing a closing bracket steps over the one the editor inserted, so the text is exact.
    assert await editor.evaluate("element => element.CodeMirror.getValue()") == document
    # GraphiQL reads the edited document after a short debounce; until then a run would send the
    # previous one (a subscription would go over HTTP as the example query did). The page writes
    # the document into the URL in that same step, so that is the sign to wait for.
    await page.wait_for_function(
        "(document) => new URLSearchParams(location.search).get('q') === document",
        arg=document,
        timeout=RESULT_TIMEOUT_MS,
    )


async def result_pane(page: Page) -> str:
    text: str = await page.locator(".result-window .CodeMirror").evaluate(
        "element => element.CodeMirror.getValue()"
    )
    return text


async def wait_for_result_containing(page: Page, *fragments: str) -> None:
    await page.wait_for_function(
        """(fragments) => {
          const pane = document.querySelector(".result-window .CodeMirror");
          const text = pane ? pane.CodeMirror.getValue() : "";
          return fragments.every((fragment) => text.includes(fragment));
        }""",
        arg=list(fragments),
        timeout=RESULT_TIMEOUT_MS,
    )


async def test_graphiql_runs_a_query_typed_into_the_editor_with_the_network_blocked(
    embedded_app: Starlette,
) -> None:
    async with (
        serve_in_background(embedded_app) as host,
        chromium() as browser,
        graphiql_offline(browser, host) as (page, elsewhere),
    ):
        await type_into_the_editor(page, "{ __typename }")
        await page.click(".graphiql-execute-button")
        await wait_for_result_containing(page, '"__typename": "Query"')
        assert '"data"' in await result_pane(page)
    assert elsewhere == []


async def test_graphiql_follows_a_valuation_subscription_with_the_network_blocked(
    services_app: Starlette,
) -> None:
    # Services mode: no worker runs until this test starts one, so the page shows the queued state
    # first and the completion only when it arrives over the open subscription.
    async with (
        serve_in_background(services_app) as host,
        httpx.AsyncClient(base_url=f"http://{host}") as http,
        chromium() as browser,
        graphiql_offline(browser, host) as (page, elsewhere),
    ):
        created: dict[str, Any] = (
            await http.post("/graphql", json={"query": CREATE, "variables": {"input": company()}})
        ).json()
        job_id = created["data"]["createValuation"]["job"]["id"]
        await type_into_the_editor(
            page, f'subscription {{ valuationProgress(id: "{job_id}") {{ status percent }} }}'
        )
        await page.click(".graphiql-execute-button")
        await wait_for_result_containing(page, '"status": "QUEUED"')
        async with jobs_running(services_app):
            await wait_for_result_containing(page, '"status": "COMPLETED"', '"percent": 100')
    assert elsewhere == []
