"""The ASGI app: POST /graphql, GET /health, introspection from the API schema, the caches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from cmp.serving import RunningServer, start_server
from router.http import create_app
from tests.router.conftest import Stack


@pytest.fixture
async def served(shop_stack: Stack) -> AsyncIterator[RunningServer]:
    server = await start_server(create_app(shop_stack.router_with()))
    yield server
    await server.stop()


async def test_graphql_and_health_over_http(served: RunningServer, shop_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=served.url) as client:
        health = await client.get("/health")
        assert health.json() == {
            "status": "ok",
            "subgraphs": ["accounts", "inventory", "products", "reviews"],
        }
        response = await client.post(
            "/graphql",
            json={
                "query": "query Top($n: Int) { topProducts(first: $n) { name inStock } }",
                "variables": {"n": 1},
            },
        )
        assert response.status_code == 200
        assert response.json() == {"data": {"topProducts": [{"name": "Table", "inStock": True}]}}
        bad = await client.post("/graphql", json={"query": "{ nope }"})
        assert bad.status_code == 400
        assert bad.json()["errors"][0]["message"] == "Cannot query field 'nope' on type 'Query'."
        not_json = await client.post("/graphql", content=b"{")
        assert not_json.status_code == 400


async def test_introspection_answered_from_the_api_schema(shop_stack: Stack) -> None:
    response = await shop_stack.query('{ __type(name: "Product") { fields { name } } me { name } }')
    names = [f["name"] for f in response["data"]["__type"]["fields"]]
    assert "internalCode" not in names and "inStock" in names
    assert response["data"]["me"] == {"name": "Ada Lovelace"}
    assert all("__type" not in r["query"] for r in shop_stack.requests_to("accounts"))


async def test_repeated_operation_skips_parsing_and_planning(shop_stack: Stack) -> None:
    router = shop_stack.router_with()
    try:
        query = "{ me { name } }"
        await shop_stack.query(query, router=router)
        await shop_stack.query(query, router=router)
        await shop_stack.query("query { me { ...N } } fragment N on User { name }", router=router)
    finally:
        await router.close()
    assert router.preparer.cache.hits == 1
    # The third spelling normalizes to the same operation: planned once for all three.
    assert (router.plans.cache.misses, router.plans.cache.hits, len(router.plans.cache)) == (
        1,
        2,
        1,
    )


async def test_the_host_mounts_extra_routes_with_their_lifespan(shop_stack: Stack) -> None:
    events: list[str] = []

    async def webhook(_: Request) -> Response:
        return PlainTextResponse("stored", status_code=202)

    @asynccontextmanager
    async def processor() -> AsyncIterator[None]:
        events.append("started")
        yield
        events.append("stopped")

    app = create_app(
        shop_stack.router_with(),
        extra_routes=[Route("/webhooks/saleor", webhook, methods=["POST"])],
        extra_lifespan=processor,
    )
    server = await start_server(app)
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            response = await client.post("/webhooks/saleor", content=b"{}")
            graphql = await client.post("/graphql", json={"query": "{ me { name } }"})
        assert (response.status_code, response.text) == (202, "stored")
        assert graphql.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
        assert events == ["started"]
    finally:
        await server.stop()
    assert events == ["started", "stopped"]
