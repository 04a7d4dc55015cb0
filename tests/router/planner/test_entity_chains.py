"""Entity chains across hops and back, multiple keys, lists, nested lists, null entities."""

from __future__ import annotations

from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline


async def test_chain_products_reviews_accounts(shop_stack: Stack) -> None:
    query = "{ topProducts(first: 2) { name reviews { body author { name } } } }"
    assert outline(shop_stack.plan(query)) == (
        "Seq[products, reviews@topProducts.@, accounts@topProducts.@.reviews.@.author]"
    )
    assert await shop_stack.query(query) == {
        "data": {
            "topProducts": [
                {
                    "name": "Table",
                    "reviews": [
                        {"body": "Love it!", "author": {"name": "Ada Lovelace"}},
                        {"body": "Prefer something else.", "author": None},
                    ],
                },
                {
                    "name": "Couch",
                    "reviews": [{"body": "Too expensive.", "author": {"name": "Ada Lovelace"}}],
                },
            ]
        },
        "errors": [
            {
                "message": "Cannot return null for non-nullable field User.name.",
                "path": ["topProducts", 0, "reviews", 1, "author", "name"],
            }
        ],
    }


async def test_chain_there_and_back_to_the_same_subgraph(shop_stack: Stack) -> None:
    query = '{ user(id: "u2") { name reviews { body author { name birthYear } } } }'
    assert (
        outline(shop_stack.plan(query))
        == "Seq[accounts, reviews@user, accounts@user.reviews.@.author]"
    )
    assert await shop_stack.query(query) == {
        "data": {
            "user": {
                "name": "Alan Turing",
                "reviews": [
                    {
                        "body": "Could be worse.",
                        "author": {"name": "Alan Turing", "birthYear": 1912},
                    }
                ],
            }
        }
    }


async def test_second_key_chosen_when_current_subgraph_cannot_provide_the_first(
    shop_stack: Stack,
) -> None:
    # reviews knows products by sku only; inventory needs upc: products is entered with sku
    # and provides upc, then inventory is entered with upc.
    query = "{ latestReviews { product { name inStock } } }"
    plan = shop_stack.plan(query)
    assert outline(plan) == (
        "Seq[reviews, products@latestReviews.@.product, inventory@latestReviews.@.product]"
    )
    products_fetch, inventory_fetch = plan.fetches()[1:]
    assert "sku" in str(products_fetch.requires) and "upc" not in str(products_fetch.requires)
    assert "upc" in str(inventory_fetch.requires)
    response = await shop_stack.query(query)
    assert response == {
        "data": {
            "latestReviews": [
                {"product": {"name": "Table", "inStock": True}},
                {"product": {"name": "Couch", "inStock": False}},
                {"product": {"name": "Chair", "inStock": True}},
                {"product": {"name": "Table", "inStock": True}},
            ]
        }
    }


async def test_representations_are_deduplicated(shop_stack: Stack) -> None:
    await shop_stack.query("{ latestReviews { product { name } } }")
    (request,) = shop_stack.subgraphs["products"].entity_requests()
    # Four reviews, three distinct products (S1 is reviewed twice).
    assert request["variables"]["representations"] == [
        {"__typename": "Product", "sku": "S1"},
        {"__typename": "Product", "sku": "S2"},
        {"__typename": "Product", "sku": "S3"},
    ]


async def test_nested_lists_of_entities(shop_stack: Stack) -> None:
    query = "{ productGrid { upc inStock } }"
    assert outline(shop_stack.plan(query)) == "Seq[products, inventory@productGrid.@.@]"
    assert await shop_stack.query(query) == {
        "data": {
            "productGrid": [
                [{"upc": "1", "inStock": True}, {"upc": "2", "inStock": False}],
                [{"upc": "3", "inStock": True}],
            ]
        }
    }


async def test_null_entity_at_root_needs_no_entity_fetch(shop_stack: Stack) -> None:
    query = '{ product(upc: "404") { name inStock } }'
    assert outline(shop_stack.plan(query)) == "Seq[products, inventory@product]"
    assert await shop_stack.query(query) == {"data": {"product": None}}
    assert shop_stack.subgraphs["inventory"].requests == []


async def test_parallel_root_fields_from_different_subgraphs(shop_stack: Stack) -> None:
    query = "{ me { name } topProducts(first: 1) { name } }"
    assert outline(shop_stack.plan(query)) == "Par[accounts, products]"
    assert await shop_stack.query(query) == {
        "data": {"me": {"name": "Ada Lovelace"}, "topProducts": [{"name": "Table"}]}
    }


async def test_typename_and_aliases(shop_stack: Stack) -> None:
    query = """{
      __typename
      first: product(upc: "1") { __typename label: name stock: inStock }
      second: product(upc: "3") { name }
    }"""
    assert outline(shop_stack.plan(query)) == "Seq[products, inventory@first]"
    assert await shop_stack.query(query) == {
        "data": {
            "__typename": "Query",
            "first": {"__typename": "Product", "label": "Table", "stock": True},
            "second": {"name": "Chair"},
        }
    }


async def test_same_field_with_different_arguments_under_aliases(shop_stack: Stack) -> None:
    query = '{ me { a: birthYear b: birthYear(calendar: "hebrew") } }'
    assert outline(shop_stack.plan(query)) == "accounts"
    assert await shop_stack.query(query) == {"data": {"me": {"a": 1815, "b": 5576}}}
