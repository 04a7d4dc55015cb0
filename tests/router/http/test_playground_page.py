"""The playground page and its assets over HTTP (the browser test drives it in Chromium)."""

from __future__ import annotations

import re

import pytest

from router.http.options import HttpOptions
from router.http.playground import ASSETS, installed
from tests.router.conftest import Stack
from tests.router.http.support import served

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.skipif(not installed(), reason="npm ci --prefix router/http/playground")
async def test_a_browser_gets_the_playground_with_same_origin_assets(shop_stack: Stack) -> None:
    async with served(shop_stack) as client:
        page = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
        assets = {name: await client.get(f"/playground/{name}") for name in ASSETS}
        unknown = await client.get("/playground/package.json")
        escape = await client.get("/playground/..%2Fplayground.py")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/playground/") for source in sources)
    for name, response in assets.items():
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith(
            "text/javascript" if name.endswith(".js") else "text/css"
        )
    assert unknown.status_code == 404 and escape.status_code == 404


async def test_api_clients_and_a_disabled_playground_get_graphql_answers(
    shop_stack: Stack,
) -> None:
    async with served(shop_stack, HttpOptions(playground=False)) as client:
        page = await client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert page.status_code == 400
    assert page.json()["errors"][0]["extensions"]["code"] == "CSRF_ERROR"
    async with served(shop_stack) as client:
        api = await client.get("/graphql", headers={"apollo-require-preflight": "1"})
    assert api.status_code == 400
    assert api.json()["errors"][0]["message"] == "missing query"
