"""Without SALEOR_API_URL the router has no Saleor: it never calls the supergraph's default URL
for it (127.0.0.1:8000, where anything may listen), so no caller's token leaves the process;
Saleor's fields fail with SUBGRAPH_NOT_CONFIGURED and the rest of the answer arrives."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cmp.devstack import DevPorts, dev_router_app
from cmp.serving import RunningServer, start_server
from router.http.app import create_app
from router.http.settings import RouterSettings
from router.pipeline import Router
from router.pipeline.unconfigured import SUBGRAPH_NOT_CONFIGURED
from tests.conftest import SUPERGRAPH_SDL, Stack

DEFAULT_SALEOR_URL = "http://127.0.0.1:8000/graphql/"
QUERY = """{ products(first: 1, channel: "default-channel") { edges { node { id } } }
  offerings(first: 1) { totalCount } }"""


@pytest.fixture
async def listener() -> AsyncIterator[tuple[RunningServer, list[dict[str, str]]]]:
    """Whatever listens where the supergraph says Saleor is: it records what reaches it."""
    received: list[dict[str, str]] = []

    async def graphql(request: Request) -> Response:
        received.append(dict(request.headers))
        return JSONResponse({"data": None, "errors": [{"message": "not Saleor"}]})

    server = await start_server(Starlette(routes=[Route("/graphql/", graphql, methods=["POST"])]))
    try:
        yield server, received
    finally:
        await server.stop()


def _router(stack: Stack, saleor_default: str, monkeypatch: pytest.MonkeyPatch) -> Router:
    """The router as `cmp router` builds it from the environment, on a supergraph whose
    default Saleor URL is `saleor_default`."""
    ours = {k: v for k, v in stack.subgraph_urls.items() if k != "saleor"}
    monkeypatch.setenv("ROUTER_SUBGRAPH_URLS", ",".join(f"{k}={v}" for k, v in ours.items()))
    assert f'url: "{DEFAULT_SALEOR_URL}"' in SUPERGRAPH_SDL
    sdl = SUPERGRAPH_SDL.replace(f'url: "{DEFAULT_SALEOR_URL}"', f'url: "{saleor_default}"', 1)
    return Router.from_sdl(sdl, RouterSettings().router_config())


async def test_without_saleor_api_url_nothing_is_sent_to_the_default(
    stack: Stack,
    listener: tuple[RunningServer, list[dict[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, received = listener
    monkeypatch.delenv("SALEOR_API_URL", raising=False)
    router = _router(stack, f"{server.url}/graphql/", monkeypatch)
    assert router.subgraph_urls["saleor"] == "unconfigured:saleor"
    app = await start_server(create_app(router))
    try:
        async with httpx.AsyncClient(base_url=app.url) as http:
            body = (
                await http.post(
                    "/graphql", json={"query": QUERY}, headers={"Authorization": "Bearer secret"}
                )
            ).json()
            ready = await http.get("/ready")
    finally:
        await app.stop()
    assert received == []
    assert body["data"] == {
        "products": None,
        "offerings": {"totalCount": body["data"]["offerings"]["totalCount"]},
    }
    [error] = body["errors"]
    assert error["path"] == ["products"]
    assert error["extensions"] == {"code": SUBGRAPH_NOT_CONFIGURED, "service": "saleor"}
    assert "set SALEOR_API_URL" in error["message"]
    # Saleor is external: reported, but the router is ready without it.
    assert ready.status_code == 200
    assert ready.json()["subgraphs"]["saleor"] == "unavailable"  # the reason is in the log


async def test_saleor_api_url_connects_it(
    stack: Stack,
    listener: tuple[RunningServer, list[dict[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, received = listener
    monkeypatch.setenv("SALEOR_API_URL", f"{server.url}/graphql/")
    router = _router(stack, DEFAULT_SALEOR_URL, monkeypatch)
    app = await start_server(create_app(router))
    try:
        async with httpx.AsyncClient(base_url=app.url) as http:
            body = (
                await http.post(
                    "/graphql", json={"query": QUERY}, headers={"Authorization": "Bearer secret"}
                )
            ).json()
    finally:
        await app.stop()
    assert [headers["authorization"] for headers in received] == ["Bearer secret"]
    assert body["errors"][0]["message"] == "not Saleor"


def test_the_dev_stack_router_has_no_saleor_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SALEOR_API_URL", raising=False)
    monkeypatch.delenv("ROUTER_SUBGRAPH_URLS", raising=False)
    app = dev_router_app("127.0.0.1", DevPorts(5000), "dev-token")
    router: Router = app.state.routers.current
    assert router.subgraph_urls["saleor"] == "unconfigured:saleor"
    monkeypatch.setenv("ROUTER_SUBGRAPH_URLS", "saleor=http://saleor.internal/graphql/")
    config = RouterSettings().router_config()
    assert config.unconfigured_subgraphs == frozenset()
    assert config.subgraph_urls["saleor"] == "http://saleor.internal/graphql/"
