"""GraphiQL served by the server itself, so it works on a machine without internet.

The page (`page.html`) loads React, ReactDOM and GraphiQL from `assets/`, files copied unchanged
from the npm packages at the versions below, each with its package's LICENSE. The page pins each
file with Subresource Integrity; the hashes are those of the published files (the same ones
strawberry's own page names for the CDN). The asset names carry the version, so they are cached
as immutable. GraphiQL's bundle includes `graphql-ws`: the page's subscriptions speak
graphql-transport-ws to `/graphql` on the same host.

Not vendored from strawberry's page: js-cookie (it only forwarded a Django CSRF cookie) and the
query-builder plugin.

To upgrade: `npm pack <name>@<version>`, copy the file named here, update the version and hash
(`openssl dgst -sha384 -binary FILE | base64`), and run tests/edge/test_graphiql_assets.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from edge.state import connection_state
from edge.static_files import IMMUTABLE_HEADERS

ASSETS_DIR = Path(__file__).parent / "assets"
PAGE_FILE = Path(__file__).parent / "page.html"
STATIC_PREFIX = "/graphql/static/"

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".LICENSE": "text/plain; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class VendoredFile:
    """One file of an npm package, as published."""

    name: str  # the file's name under assets/ and in its URL
    package: str
    version: str
    source: str  # its path inside the package
    integrity: str  # Subresource Integrity of the published file

    @property
    def url(self) -> str:
        return STATIC_PREFIX + self.name


REACT = VendoredFile(
    "react-18.2.0.production.min.js",
    "react",
    "18.2.0",
    "umd/react.production.min.js",
    "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8",
)
REACT_DOM = VendoredFile(
    "react-dom-18.2.0.production.min.js",
    "react-dom",
    "18.2.0",
    "umd/react-dom.production.min.js",
    "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh",
)
GRAPHIQL_JS = VendoredFile(
    "graphiql-3.8.3.min.js",
    "graphiql",
    "3.8.3",
    "graphiql.min.js",
    "sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie",
)
GRAPHIQL_CSS = VendoredFile(
    "graphiql-3.8.3.min.css",
    "graphiql",
    "3.8.3",
    "graphiql.min.css",
    "sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM",
)
PAGE_ASSETS = (REACT, REACT_DOM, GRAPHIQL_JS, GRAPHIQL_CSS)
LICENSES = tuple(
    f"{package}-{version}.LICENSE"
    for package, version in dict.fromkeys((a.package, a.version) for a in PAGE_ASSETS)
)
# GraphiQL's bundle carries about 75 other npm packages (CodeMirror, graphql-js, graphql-ws, Radix,
# markdown-it...): their licences, listed from the bundle's own module paths.
THIRD_PARTY_LICENSES = "graphiql-3.8.3.THIRD-PARTY.LICENSE"
SERVED_NAMES = frozenset({*(a.name for a in PAGE_ASSETS), *LICENSES, THIRD_PARTY_LICENSES})


@cache
def page_html() -> str:
    """The GraphiQL page with the local asset URLs and their integrity hashes filled in."""
    html = PAGE_FILE.read_text(encoding="utf-8")
    for key, asset in {
        "REACT": REACT,
        "REACT_DOM": REACT_DOM,
        "GRAPHIQL_JS": GRAPHIQL_JS,
        "GRAPHIQL_CSS": GRAPHIQL_CSS,
    }.items():
        html = html.replace(f"{{{{{key}_URL}}}}", asset.url)
        html = html.replace(f"{{{{{key}_INTEGRITY}}}}", asset.integrity)
    return html


@cache
def _asset_bytes(name: str) -> bytes:
    return (ASSETS_DIR / name).read_bytes()


def media_type(name: str) -> str:
    return MEDIA_TYPES[Path(name).suffix]


async def graphiql_asset(request: Request) -> Response:
    """`/graphql/static/{name}`: one vendored file, only while GraphiQL is enabled."""
    name = request.path_params["name"]
    # Only the listed names: a lookup, not a path, so nothing outside assets/ can be reached.
    if name not in SERVED_NAMES or not connection_state(request).services.settings.graphiql_enabled:
        return PlainTextResponse("Not Found", status_code=404)
    return Response(
        _asset_bytes(name),
        media_type=media_type(name),
        headers=IMMUTABLE_HEADERS,
    )
