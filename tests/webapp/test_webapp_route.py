"""The web app's page at `/` and its bundle under `/app/`: served from the package, cached as
their names allow, under a content security policy, and nothing outside the bundle."""

from __future__ import annotations

import re

import httpx

from edge.webapp import BUNDLE_DIR, asset_names


async def test_the_page_is_served_at_the_root_uncached_under_a_strict_policy(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.text == (BUNDLE_DIR / "index.html").read_text()


async def test_every_file_the_page_names_is_served_immutable(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    named = re.findall(r'(?:src|href)="(/app/assets/[^"]+)"', page)
    assert len(named) >= 2  # the script and the stylesheet
    for path in named:
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.content == (BUNDLE_DIR / path.removeprefix("/app/")).read_bytes()


async def test_nothing_outside_the_bundle_is_served(client: httpx.AsyncClient) -> None:
    assert asset_names()  # the bundle is built and committed
    for path in (
        "/app/assets/missing.js",
        "/app/assets/..%2F..%2F__init__.py",
        "/app/assets/%2e%2e%2findex.html",
        "/app/assets/index.html",
        "/app/../edge/webapp/__init__.py",
    ):
        response = await client.get(path)
        assert response.status_code == 404, path


async def test_the_bundle_carries_its_licences(client: httpx.AsyncClient) -> None:
    response = await client.get("/app/THIRD-PARTY-LICENSES.txt")
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    for package in ("react ", "react-dom ", "graphql-ws ", "scheduler "):
        assert package in response.text


async def test_loading_the_page_spends_no_api_allowance(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    asset = await client.get(re.findall(r'src="(/app/assets/[^"]+)"', page.text)[0])
    api = await client.post("/graphql", json={"query": "{ __typename }"})
    assert "x-ratelimit-remaining" in api.headers  # the API's own requests do count
    assert "x-ratelimit-remaining" not in page.headers
    assert "x-ratelimit-remaining" not in asset.headers
