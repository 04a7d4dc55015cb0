"""@skip/@include (literal and variable), variables with defaults passed only where used."""

from __future__ import annotations

from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline

QUERY = """
query Reviews($withReviews: Boolean!, $first: Int = 2) {
  topProducts(first: $first) { name reviews @include(if: $withReviews) { body } }
}
"""


async def test_fetch_needed_only_for_an_included_field_is_conditional(shop_stack: Stack) -> None:
    assert (
        outline(shop_stack.plan(QUERY)) == "Seq[products, If($withReviews)[reviews@topProducts.@]]"
    )
    included = await shop_stack.query(QUERY, {"withReviews": True})
    assert included["data"]["topProducts"][1] == {
        "name": "Couch",
        "reviews": [{"body": "Too expensive."}],
    }
    assert len(shop_stack.subgraphs["reviews"].requests) == 1
    excluded = await shop_stack.query(QUERY, {"withReviews": False})
    assert excluded == {"data": {"topProducts": [{"name": "Table"}, {"name": "Couch"}]}}
    assert len(shop_stack.subgraphs["reviews"].requests) == 1  # not called again


async def test_skip_with_variable_and_literal(shop_stack: Stack) -> None:
    query = """query($hide: Boolean!) {
      topProducts(first: 1) { name inStock @skip(if: $hide) price @include(if: false) upc @skip(if: false) }
    }"""
    assert (
        outline(shop_stack.plan(query)) == "Seq[products, Unless($hide)[inventory@topProducts.@]]"
    )
    assert await shop_stack.query(query, {"hide": True}) == {
        "data": {"topProducts": [{"name": "Table", "upc": "1"}]}
    }
    assert await shop_stack.query(query, {"hide": False}) == {
        "data": {"topProducts": [{"name": "Table", "inStock": True, "upc": "1"}]}
    }


async def test_variables_reach_only_the_fetches_that_use_them(shop_stack: Stack) -> None:
    await shop_stack.query(QUERY, {"withReviews": True, "first": 1}, operation_name="Reviews")
    (products,) = shop_stack.subgraphs["products"].requests
    (reviews,) = shop_stack.subgraphs["reviews"].requests
    assert products["variables"] == {"first": 1}
    assert "$first:Int = 2" in products["query"].replace(": ", ":").replace(":Int=", ":Int = ")
    assert set(reviews["variables"]) == {"representations"}
    assert products["operationName"] == "Reviews__products__1"


async def test_variable_default_applies_when_omitted(shop_stack: Stack) -> None:
    response = await shop_stack.query(QUERY, {"withReviews": False})
    assert len(response["data"]["topProducts"]) == 2
    (products,) = shop_stack.subgraphs["products"].requests
    assert products["variables"] == {}  # the subgraph applies the declared default


async def test_invalid_variables_are_rejected_before_any_fetch(shop_stack: Stack) -> None:
    response = await shop_stack.query(QUERY, {"withReviews": "yes"})
    assert "data" not in response
    assert "withReviews" in response["errors"][0]["message"]
    assert shop_stack.subgraphs["products"].requests == []
