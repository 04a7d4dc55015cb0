"""The GraphiQL playground on GET /graphql from a browser. GraphiQL and React are vendored in
router/http/playground/vendor/ (copied from the locked npm packages by its vendor.mjs, with
their licences) and ship inside the Python package, so `pip install` alone serves the
playground: no npm at run time, and the page loads nothing from another origin (offline too)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

PACKAGE = Path(__file__).resolve().parent / "playground"
VENDOR = PACKAGE / "vendor"
# Only these files are served: never a listing, nor package.json or the vendoring script.
ASSETS = {
    "graphiql.min.js": VENDOR / "graphiql.min.js",
    "graphiql.min.css": VENDOR / "graphiql.min.css",
    "react.production.min.js": VENDOR / "react.production.min.js",
    "react-dom.production.min.js": VENDOR / "react-dom.production.min.js",
    "playground.js": PACKAGE / "playground.js",
    "playground.css": PACKAGE / "playground.css",
    "favicon.svg": PACKAGE / "favicon.svg",
}
_CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
# Same-origin only: a page that tried to load from a CDN would fail loudly in tests.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
)
# Only an install that left the package data out (a broken build) gets this page.
_NOT_INSTALLED = """<!doctype html><meta charset="utf-8"><title>Playground not installed</title>
<p>The playground's assets are missing from this installation of the router (package data
<code>router/http/playground/</code>); reinstall the package.</p>"""


def wants_html(request: Request) -> bool:
    """A browser navigating to /graphql (Accept lists text/html), not an API client."""
    return "text/html" in request.headers.get("accept", "")


def installed() -> bool:
    return all(path.is_file() for path in ASSETS.values())


def playground_page() -> Response:
    if not installed():
        return HTMLResponse(_NOT_INSTALLED, status_code=503)
    return HTMLResponse(
        (PACKAGE / "index.html").read_text(), headers={"content-security-policy": CSP}
    )


async def playground_asset(request: Request) -> Response:
    path = ASSETS.get(request.path_params["name"])
    if path is None or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(
        path,
        media_type=_CONTENT_TYPES[path.suffix],
        headers={"cache-control": "public, max-age=3600"},
    )
