"""The GraphiQL playground on GET /graphql from a browser. Its scripts and styles come from the
npm package beside this module (router/http/playground, installed by ./run) and are served by
the router itself: the page loads nothing from another origin, so it works offline."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

PACKAGE = Path(__file__).resolve().parent / "playground"
_MODULES = PACKAGE / "node_modules"
# Only these files are served: never a directory listing of node_modules.
ASSETS = {
    "graphiql.min.js": _MODULES / "graphiql" / "graphiql.min.js",
    "graphiql.min.css": _MODULES / "graphiql" / "graphiql.min.css",
    "react.production.min.js": _MODULES / "react" / "umd" / "react.production.min.js",
    "react-dom.production.min.js": _MODULES / "react-dom" / "umd" / "react-dom.production.min.js",
    "playground.js": PACKAGE / "playground.js",
    "playground.css": PACKAGE / "playground.css",
}
_CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# Same-origin only: a page that tried to load from a CDN would fail loudly in tests.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"
)
_NOT_INSTALLED = """<!doctype html><meta charset="utf-8"><title>Playground not installed</title>
<p>The playground's assets are not installed. Run <code>./run dev</code> (or
<code>npm ci --prefix router/http/playground</code>) and reload.</p>"""


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
