"""What the server's own static files share: GraphiQL's vendored assets and the web app's bundle
both have names that change with their content."""

from __future__ import annotations

# A name that never changes content may be kept by a browser for a year without asking again.
IMMUTABLE_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
}
