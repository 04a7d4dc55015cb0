"""De-duplication of identical in-flight subgraph fetches (ROUTER_DEDUPLICATE_FETCHES): off by
default; when on, identical concurrent queries share one subgraph request per fetch, requests
with other credentials or variables never do, and each client gets its own complete answer."""

from __future__ import annotations

import asyncio
from typing import Any

from router.executor import RequestContext
from router.pipeline import GraphQLRequest, Router
from tests.router.conftest import Stack

QUERY = "{ topProducts(first: 2) { name inStock reviews { body } } }"
CONCURRENT = 12


async def _fire(
    router: Router, contexts: list[RequestContext], variables: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    query = QUERY if variables is None else "query($upc: String!) { product(upc: $upc) { name } }"
    return await asyncio.gather(
        *(
            router.handle(GraphQLRequest(query, None, variables[i] if variables else {}), context)
            for i, context in enumerate(contexts)
        )
    )


def _context(token: str = "a", request_id: str = "") -> RequestContext:
    return RequestContext(
        subgraph_headers={"authorization": f"Bearer {token}", "x-request-id": request_id},
        request_id=request_id,
    )


async def test_off_by_default_every_request_fetches(shop_stack: Stack) -> None:
    shop_stack.subgraphs["products"].delay_seconds = 0.2
    router = shop_stack.router_with()
    try:
        answers = await _fire(router, [_context(request_id=str(i)) for i in range(CONCURRENT)])
    finally:
        await router.close()
    assert all("errors" not in a and len(a["data"]["topProducts"]) == 2 for a in answers)
    assert len(shop_stack.requests_to("products")) == CONCURRENT


async def test_identical_concurrent_queries_share_each_fetch(shop_stack: Stack) -> None:
    for name in ("products", "inventory", "reviews"):
        shop_stack.subgraphs[name].delay_seconds = 0.2
    router = shop_stack.router_with(deduplicate_fetches=True)
    try:
        # Different request ids (never a reason not to share), the same credentials.
        answers = await _fire(router, [_context(request_id=str(i)) for i in range(CONCURRENT)])
        alone = await shop_stack.query(QUERY)
    finally:
        await router.close()
    assert all(a == alone for a in answers)  # each got the whole answer
    for name in ("products", "inventory", "reviews"):
        assert len(shop_stack.requests_to(name)) == 1 + 1, name  # shared once, then `alone`
    assert router.transport.inflight.shared == 3 * (CONCURRENT - 1)


async def test_other_credentials_or_variables_are_never_shared(shop_stack: Stack) -> None:
    shop_stack.subgraphs["products"].delay_seconds = 0.2
    router = shop_stack.router_with(deduplicate_fetches=True)
    try:
        await _fire(router, [_context(token=str(i)) for i in range(CONCURRENT)])
        by_token = len(shop_stack.requests_to("products"))
        answers = await _fire(
            router, [_context()] * 3, variables=[{"upc": "1"}, {"upc": "2"}, {"upc": "1"}]
        )
    finally:
        await router.close()
    assert by_token == CONCURRENT
    assert [a["data"]["product"]["name"] for a in answers] == ["Table", "Couch", "Table"]
    assert len(shop_stack.requests_to("products")) == CONCURRENT + 2  # upc 1 shared once


async def test_mutations_are_never_shared(shop_stack: Stack) -> None:
    shop_stack.subgraphs["accounts"].delay_seconds = 0.2
    router = shop_stack.router_with(deduplicate_fetches=True)
    try:
        answers = await asyncio.gather(
            *(
                router.handle(
                    GraphQLRequest('mutation { createUser(name: "Grace") { name } }'), _context()
                )
                for _ in range(3)
            )
        )
    finally:
        await router.close()
    assert all(a["data"]["createUser"]["name"] == "Grace" for a in answers)
    assert len(shop_stack.requests_to("accounts")) == 3
    assert len(shop_stack.mutation_log) == 3
