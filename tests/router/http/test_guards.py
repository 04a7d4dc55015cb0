"""Guards: document size, depth, aliases, root fields, token count, introspection switched off,
per-subgraph timeouts. Each is a GraphQL error with its own extensions.code, nothing reaches a
subgraph for a refused document, and the router keeps serving."""

from __future__ import annotations

import httpx
import pytest
from graphql import parse

from kernel.operation_shape import measure
from router.pipeline.limits import OperationLimits
from tests.router.conftest import Stack
from tests.router.http.support import served

LIMITS = OperationLimits(
    max_document_bytes=2000,
    max_tokens=500,
    max_depth=4,
    max_aliases=3,
    max_root_fields=3,
    max_fields=12,
)


def codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ me { name } }" + " " * 2000, "MAX_DOCUMENT_SIZE_LIMIT"),
        ("{ " + "a " * 600 + "}", "GRAPHQL_PARSE_FAILED"),  # over max_tokens
        (
            "{ latestReviews { product { reviews { author { reviews { body } } } } } }",
            "MAX_DEPTH_LIMIT",
        ),
        (  # depth through fragments counts too
            "{ latestReviews { ...R } } fragment R on Review { product { reviews { author { name } } } }",
            "MAX_DEPTH_LIMIT",
        ),
        ("{ me { a: name b: name c: name d: name } }", "MAX_ALIASES_LIMIT"),
        (
            "{ me { name } users { name } topProducts { name } latestReviews { body } }",
            "MAX_ROOT_FIELDS_LIMIT",
        ),
        # Repeated fields are what make validation quadratic: counted before it runs.
        ("{ me { " + "name " * 12 + "} }", "MAX_FIELDS_LIMIT"),
    ],
)
async def test_over_limit_documents_are_refused_with_a_code(
    shop_stack: Stack, query: str, code: str
) -> None:
    async with served(shop_stack, limits=LIMITS) as client:
        response = await client.post("/graphql", json={"query": query})
        assert response.status_code == 400
        assert code in codes(response)
        assert "data" not in response.json()
        still = await client.post("/graphql", json={"query": "{ me { name } }"})
    assert still.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    assert len(shop_stack.requests_to("accounts")) == 1  # only the last one


def test_measuring_is_linear_in_fragment_spreads_and_survives_cycles() -> None:
    # 30 levels, each spreading the previous twice: 2**30 fields if expanded naively.
    fragments = ["fragment F0 on User { name }"] + [
        f"fragment F{i} on User {{ ...F{i - 1} a{i}: name ...F{i - 1} }}" for i in range(1, 31)
    ]
    shape = measure(parse("{ me { ...F30 } } " + " ".join(fragments)))
    assert shape.depth == 2 and shape.aliases == 2**30 - 1
    cyclic = measure(
        parse("{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }")
    )
    assert cyclic.depth == 1


async def test_introspection_can_be_switched_off(shop_stack: Stack) -> None:
    async with served(shop_stack, introspection=False) as client:
        schema = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        typed = await client.post(
            "/graphql", json={"query": '{ ... on Query { __type(name: "User") { name } } }'}
        )
        typename = await client.post("/graphql", json={"query": "{ __typename me { name } }"})
    assert schema.status_code == 400 and codes(schema) == ["INTROSPECTION_DISABLED"]
    assert codes(typed) == ["INTROSPECTION_DISABLED"]
    assert typename.json() == {"data": {"__typename": "Query", "me": {"name": "Ada Lovelace"}}}


async def test_a_slow_subgraph_times_out_on_its_own_timeout(shop_stack: Stack) -> None:
    shop_stack.subgraphs["inventory"].delay_seconds = 2.0
    async with served(
        shop_stack, timeout_seconds=10.0, subgraph_timeouts={"inventory": 0.2}
    ) as client:
        response = await client.post(
            "/graphql", json={"query": "{ topProducts(first: 1) { name } me { name } }"}
        )
        slow = await client.post(
            "/graphql", json={"query": "{ topProducts(first: 1) { name inStock } }"}
        )
    assert response.json() == {
        "data": {"topProducts": [{"name": "Table"}], "me": {"name": "Ada Lovelace"}}
    }
    body = slow.json()
    assert slow.status_code == 200
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "SUBREQUEST_TIMEOUT", "service": "inventory"}
    assert error["path"] == ["topProducts", 0, "inStock"]
    assert "timed out after 0.2s" in error["message"]
