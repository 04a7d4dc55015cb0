"""One `_entities` request per subgraph per step, split above the subgraph's maximum, never mixing
types, each result checked against its representation's type."""

from __future__ import annotations

from typing import Any

from tests.router.conftest import Stack


async def test_representations_split_above_the_maximum(shop_stack: Stack) -> None:
    router = shop_stack.router_with(max_representations={"inventory": 2})
    try:
        response = await shop_stack.query("{ topProducts { upc inStock } }", router=router)
    finally:
        await router.close()
    assert response == {
        "data": {
            "topProducts": [
                {"upc": "1", "inStock": True},
                {"upc": "2", "inStock": False},
                {"upc": "3", "inStock": True},
            ]
        }
    }
    sizes = sorted(
        len(r["variables"]["representations"]) for r in shop_stack.requests_to("inventory")
    )
    assert sizes == [1, 2]


async def test_one_request_per_step_below_the_maximum(shop_stack: Stack) -> None:
    await shop_stack.query("{ topProducts { upc inStock } }")
    assert len(shop_stack.requests_to("inventory")) == 1


async def test_result_of_another_type_than_its_representation_is_rejected(
    abstract_stack: Stack,
) -> None:
    people = abstract_stack.subgraphs["people"]
    original = people.references["Book"]

    def wrong_type(representation: dict[str, Any]) -> dict[str, Any]:
        return {"__typename": "Person", "id": representation["id"], "name": "not a book"}

    people.references["Book"] = wrong_type
    try:
        response = await abstract_stack.query(
            '{ search(term: "a") { ... on Person { name } ... on Book { title pages } } }'
        )
    finally:
        people.references["Book"] = original
    # Book.pages is non-null and [SearchResult!]! has no nullable position below `data`.
    assert response == {
        "data": None,
        "errors": [
            {
                "message": "Subgraph 'people' returned an invalid entity: "
                "got Person for a representation of Book",
                "path": ["search", 0],
                "extensions": {"code": "INVALID_ENTITY", "service": "people"},
            }
        ],
    }


async def test_results_matched_by_type_when_a_subgraph_groups_them(abstract_stack: Stack) -> None:
    """Requests never mix types, so a subgraph that groups results by type cannot misplace them."""
    response = await abstract_stack.query(
        '{ search(term: "a") { ... on Person { id name } ... on Book { id pages } } }'
    )
    assert response == {
        "data": {"search": [{"id": "b1", "pages": 412}, {"id": "p1", "name": "Ridley"}, {}]}
    }
