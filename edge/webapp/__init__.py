"""The web app: the built single-page app from web/, served by the API's own server.

The bundle (edge/webapp/bundle/, written by `npm run build` in web/ and committed) is part of
the Python package, so installing and serving needs only Python. The page is served at `/`;
its files, whose names carry a hash of their content, under `/app/assets/` as immutable. The
page is never cached, so a new release is picked up on the next visit.

Served by name lookup, never by joining a path: nothing outside the bundle can be reached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from edge.static_files import IMMUTABLE_HEADERS

BUNDLE_DIR = Path(__file__).parent / "bundle"
ASSETS_DIR = BUNDLE_DIR / "assets"
LICENCES = "THIRD-PARTY-LICENSES.txt"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
}
# The page loads only its own files and talks only to its own origin (HTTP and websocket); no
# inline script, no framing by another site.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
MISSING = (
    "The web app is not built: run `npm ci && npm run build` in web/ "
    "(the API is at /graphql meanwhile)."
)


@cache
def asset_names() -> frozenset[str]:
    if not ASSETS_DIR.is_dir():
        return frozenset()
    return frozenset(
        p.name for p in ASSETS_DIR.iterdir() if p.is_file() and p.suffix in MEDIA_TYPES
    )


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


async def webapp_page(request: Request) -> Response:
    """`/`: the app's page."""
    page = BUNDLE_DIR / "index.html"
    if not page.is_file():
        return PlainTextResponse(MISSING, status_code=404)
    return Response(_read(page), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


async def webapp_asset(request: Request) -> Response:
    """`/app/assets/{name}`: one file of the bundle, by its hashed name."""
    name = request.path_params["name"]
    if name not in asset_names():
        return PlainTextResponse("Not Found", status_code=404)
    return Response(
        _read(ASSETS_DIR / name),
        media_type=MEDIA_TYPES[Path(name).suffix],
        headers=IMMUTABLE_HEADERS,
    )


async def webapp_licences(request: Request) -> Response:
    """`/app/THIRD-PARTY-LICENSES.txt`: the licences of the packages the bundle carries."""
    path = BUNDLE_DIR / LICENCES
    if not path.is_file():
        return PlainTextResponse("Not Found", status_code=404)
    return Response(
        _read(path),
        media_type="text/plain; charset=utf-8",
        headers={"X-Content-Type-Options": "nosniff"},
    )
