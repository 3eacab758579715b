"""GraphiQL's page and its vendored assets, served by the server from the package."""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager

from app import create_app
from edge.graphiql import (
    ASSETS_DIR,
    GRAPHIQL_JS,
    LICENSES,
    PAGE_ASSETS,
    PAGE_FILE,
    STATIC_PREFIX,
    THIRD_PARTY_LICENSES,
)
from tests.fixtures.settings import production_settings

REPOSITORY = Path(__file__).parents[2]
PAGE_ATTRIBUTES = re.compile(r'(?:src|href)="([^"]+)"(?: integrity="([^"]+)")?')


async def graphiql_page(client: httpx.AsyncClient) -> str:
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


async def test_the_page_loads_only_from_this_server(client: httpx.AsyncClient) -> None:
    page = await graphiql_page(client)
    references = PAGE_ATTRIBUTES.findall(page)
    assert {url for url, _ in references} == {asset.url for asset in PAGE_ASSETS}
    assert all(integrity for _, integrity in references)  # each one pinned by its hash
    assert "unpkg.com" not in page
    assert "https://" not in page


async def test_each_asset_is_served_with_its_pinned_hash_type_and_cache_policy(
    client: httpx.AsyncClient,
) -> None:
    page = await graphiql_page(client)
    integrity_in_page = dict(PAGE_ATTRIBUTES.findall(page))
    for asset in PAGE_ASSETS:
        response = await client.get(asset.url)
        assert response.status_code == 200, asset.url
        digest = base64.b64encode(hashlib.sha384(response.content).digest()).decode()
        assert integrity_in_page[asset.url] == asset.integrity == f"sha384-{digest}"
        expected_type = "text/css" if asset.url.endswith(".css") else "text/javascript"
        assert response.headers["content-type"] == f"{expected_type}; charset=utf-8"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_each_vendored_package_has_its_licence(client: httpx.AsyncClient) -> None:
    assert set(LICENSES) == {
        "react-18.2.0.LICENSE",
        "react-dom-18.2.0.LICENSE",
        "graphiql-3.8.3.LICENSE",
    }
    for name in LICENSES:
        response = await client.get(STATIC_PREFIX + name)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        assert response.text.startswith("MIT License")


async def test_every_package_bundled_in_graphiql_has_its_licence_listed(
    client: httpx.AsyncClient,
) -> None:
    bundle = (ASSETS_DIR / GRAPHIQL_JS.name).read_text(encoding="utf-8")
    bundled = set(re.findall(r"node_modules/((?:@[a-z0-9._-]+/)?[a-z0-9._-]+)", bundle))
    assert len(bundled) > 50  # the bundle names its modules' paths; if not, this test is blind
    response = await client.get(STATIC_PREFIX + THIRD_PARTY_LICENSES)
    assert response.status_code == 200
    listed = set(re.findall(r"^(\S+) \S+ - \S+$", response.text, flags=re.MULTILINE))
    assert bundled <= listed, sorted(bundled - listed)


@pytest.mark.parametrize(
    "name",
    ["graphiql.min.js.map", "..%2Fpage.html", "..%2F..%2Fsettings.py", "%2Fetc%2Fpasswd", "x.js"],
)
async def test_names_outside_the_list_are_not_found(client: httpx.AsyncClient, name: str) -> None:
    assert (await client.get(STATIC_PREFIX + name)).status_code == 404


async def test_assets_are_not_served_where_graphiql_is_off(tmp_path: Path) -> None:
    app = create_app(production_settings(tmp_path))
    async with (
        LifespanManager(app, startup_timeout=60),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        response = await client.get(PAGE_ASSETS[0].url)
    assert response.status_code == 404


def test_the_package_data_ships_the_page_and_every_asset() -> None:
    # A non-editable install has only what [tool.setuptools.package-data] names.
    with (REPOSITORY / "pyproject.toml").open("rb") as config:
        patterns = tomllib.load(config)["tool"]["setuptools"]["package-data"]["edge.graphiql"]
    package_dir = PAGE_FILE.parent
    shipped = [path.relative_to(package_dir).as_posix() for path in ASSETS_DIR.iterdir()]
    shipped.append(PAGE_FILE.name)
    unshipped = [name for name in shipped if not any(fnmatch(name, p) for p in patterns)]
    assert unshipped == []
    assert {asset.name for asset in PAGE_ASSETS} | set(LICENSES) <= {
        path.name for path in ASSETS_DIR.iterdir()
    }
