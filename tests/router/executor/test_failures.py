"""Partial data when a subgraph fails (connection refused, timeout, 5xx, non-JSON), subgraph
errors re-pathed to the client's paths, null propagation."""

from __future__ import annotations

import pytest

from cmp.serving import free_port
from tests.router.conftest import Stack

QUERY = "{ topProducts(first: 2) { name inStock } me { name } }"


def _expected_partial(response: dict) -> None:  # type: ignore[type-arg]
    # inStock is non-null, and so are Product in [Product!]! and the list: the nearest
    # nullable position is `data` itself.
    assert response["data"] is None
    paths = [e["path"] for e in response["errors"]]
    assert paths == [["topProducts", 0, "inStock"], ["topProducts", 1, "inStock"]]
    assert all("HTTP fetch failed from 'inventory'" in e["message"] for e in response["errors"])
    assert all(e["extensions"]["service"] == "inventory" for e in response["errors"])


NULLABLE_QUERY = '{ product(upc: "1") { name stockNote } me { name } }'


@pytest.mark.parametrize("failure", ["status500", "non_json"])
async def test_failing_subgraph_nulls_only_its_fields(shop_stack: Stack, failure: str) -> None:
    shop_stack.subgraphs["inventory"].failure = failure
    response = await shop_stack.query(NULLABLE_QUERY)
    assert response["data"] == {
        "product": {"name": "Table", "stockNote": None},
        "me": {"name": "Ada Lovelace"},
    }
    (error,) = response["errors"]
    assert error["path"] == ["product", "stockNote"]
    assert error["message"].startswith("HTTP fetch failed from 'inventory'")
    assert error["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"


async def test_failure_of_a_non_null_field_bubbles_to_the_nearest_nullable_parent(
    shop_stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    shop_stack.subgraphs["inventory"].failure = "status500"
    response = await shop_stack.query(QUERY)
    _expected_partial(response)
    # The client learns the code and the path; the detail is the router's log's.
    assert "HTTP 500" not in str(response)
    assert any("inventory" in r.message and "HTTP 500" in r.message for r in caplog.records)


async def test_connection_refused(shop_stack: Stack, caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    dead = f"http://127.0.0.1:{port}/graphql"
    router = shop_stack.router_with(subgraph_urls={"accounts": dead})
    try:
        response = await shop_stack.query(
            '{ me { name } product(upc: "3") { name } }', router=router
        )
    finally:
        await router.close()
    assert response["data"] == {"me": None, "product": {"name": "Chair"}}
    (error,) = response["errors"]
    assert error["path"] == ["me"]
    assert error["extensions"] == {"code": "SUBREQUEST_HTTP_ERROR", "service": "accounts"}
    # Never the address or the exception: those go to the log.
    assert str(port) not in str(response)
    assert "ConnectError" not in str(response)
    assert any(str(port) in r.message for r in caplog.records if r.name == "router.fetch")


async def test_timeout(shop_stack: Stack) -> None:
    shop_stack.subgraphs["inventory"].delay_seconds = 1.0
    router = shop_stack.router_with(timeout_seconds=0.2)
    try:
        response = await shop_stack.query(NULLABLE_QUERY, router=router)
    finally:
        await router.close()
    assert response["data"] == {
        "product": {"name": "Table", "stockNote": None},
        "me": {"name": "Ada Lovelace"},
    }
    assert "timed out" in response["errors"][0]["message"]


async def test_subgraph_errors_keep_their_message_with_client_paths(shop_stack: Stack) -> None:
    inventory = shop_stack.subgraphs["inventory"]
    original = inventory.references["Product"]

    def explode_on_couch(representation: dict) -> dict:  # type: ignore[type-arg]
        if representation["upc"] == "2":
            raise ValueError("couch inventory unavailable")
        return original(representation)  # type: ignore[return-value]

    inventory.references["Product"] = explode_on_couch
    try:
        response = await shop_stack.query(
            '{ a: product(upc: "1") { stockNote } b: product(upc: "2") { stockNote } }'
        )
    finally:
        inventory.references["Product"] = original
    assert response["data"] == {"a": {"stockNote": "bin T-1"}, "b": {"stockNote": None}}
    (error,) = response["errors"]
    assert error["message"] == "couch inventory unavailable"
    assert error["path"] == ["b"]
    assert error["extensions"]["service"] == "inventory"
    assert "locations" not in error


async def test_null_entity_from_a_subgraph(shop_stack: Stack) -> None:
    response = await shop_stack.query("{ latestReviews { author { id name } } }")
    assert response["data"]["latestReviews"][3] == {"author": None}
    assert response["errors"] == [
        {
            "message": "Cannot return null for non-nullable field User.name.",
            "path": ["latestReviews", 3, "author", "name"],
        }
    ]
