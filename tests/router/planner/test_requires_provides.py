"""@requires (with arguments; two fields requiring one field with different arguments),
@provides, @external and @inaccessible fields used as requirements."""

from __future__ import annotations

from router.planner import InputField, InputFragment
from tests.router.conftest import Stack
from tests.router.fixtures.outline import outline


async def test_requires_fetches_required_fields_first_and_sends_them(shop_stack: Stack) -> None:
    query = "{ topProducts(first: 2) { name shippingEstimate } }"
    plan = shop_stack.plan(query)
    assert outline(plan) == "Seq[products, inventory@topProducts.@]"
    inventory = plan.fetches()[1]
    assert inventory.requires == (
        InputFragment(
            "Product",
            (
                InputField("__typename", "__typename"),
                InputField("upc", "upc"),
                InputField("price", "price"),
                InputField("weight", "weight"),
            ),
        ),
    )
    assert await shop_stack.query(query) == {
        "data": {
            "topProducts": [
                {"name": "Table", "shippingEstimate": 50},
                {"name": "Couch", "shippingEstimate": 0},
            ]
        }
    }
    (request,) = shop_stack.subgraphs["inventory"].requests
    assert request["variables"]["representations"][0] == {
        "__typename": "Product",
        "upc": "1",
        "price": 899,
        "weight": 100,
    }


async def test_requires_through_another_hop(shop_stack: Stack) -> None:
    # From reviews, price/weight and the upc key all come from products first.
    query = "{ latestReviews { product { shippingEstimate } } }"
    assert outline(shop_stack.plan(query)) == (
        "Seq[reviews, products@latestReviews.@.product, inventory@latestReviews.@.product]"
    )
    response = await shop_stack.query(query)
    assert response == {
        "data": {
            "latestReviews": [
                {"product": {"shippingEstimate": 50}},
                {"product": {"shippingEstimate": 0}},
                {"product": {"shippingEstimate": 25}},
                {"product": {"shippingEstimate": 50}},
            ]
        }
    }


async def test_requires_an_inaccessible_field(shop_stack: Stack) -> None:
    query = '{ product(upc: "2") { stockNote } }'
    assert outline(shop_stack.plan(query)) == "Seq[products, inventory@product]"
    assert await shop_stack.query(query) == {"data": {"product": {"stockNote": "bin C-2"}}}
    rejected = await shop_stack.query('{ product(upc: "2") { internalCode } }')
    assert rejected["errors"][0]["message"].startswith("Cannot query field 'internalCode'")
    assert "data" not in rejected


async def test_provides_keeps_provided_fields_in_the_providing_subgraph(shop_stack: Stack) -> None:
    query = "{ latestReviews { author { username } } }"
    assert outline(shop_stack.plan(query)) == "reviews"
    response = await shop_stack.query(query)
    assert [r["author"]["username"] for r in response["data"]["latestReviews"]] == [
        "ada",
        "ada",
        "alan",
        "ghost",
    ]
    assert shop_stack.subgraphs["accounts"].requests == []


async def test_external_field_outside_a_provides_path_comes_from_its_owner(
    shop_stack: Stack,
) -> None:
    # username is external in reviews: reached through User.reviews (no @provides) it is
    # fetched from accounts.
    query = '{ user(id: "u1") { reviews { author { username } } } }'
    assert outline(shop_stack.plan(query)) == "Seq[accounts, reviews@user]"
    plan_with_hop = shop_stack.plan('{ user(id: "u1") { reviews { product { name } } } }')
    assert outline(plan_with_hop) == "Seq[accounts, reviews@user, products@user.reviews.@.product]"
    assert await shop_stack.query(query) == {
        "data": {
            "user": {"reviews": [{"author": {"username": "ada"}}, {"author": {"username": "ada"}}]}
        }
    }


async def test_two_fields_requiring_one_field_with_different_arguments(
    requires_args_stack: Stack,
) -> None:
    query = '{ items { id price(currency: "GBP") shippingEUR shippingUSD } }'
    plan = requires_args_stack.plan(query)
    assert outline(plan) == "Seq[pricing, Par[shipping@items.@, shipping@items.@]]"
    pricing, *shipping = plan.fetches()
    # Each argument set gets its own response key; each representation reads its own.
    assert 'price__alias_0:price(currency:"EUR")' in pricing.operation
    assert 'price__alias_1:price(currency:"USD")' in pricing.operation
    read_from = sorted(
        next(f.response_key for f in fetch.requires[0].selections if f.name == "price")  # type: ignore[union-attr]
        for fetch in shipping
    )
    assert read_from == ["price__alias_0", "price__alias_1"]
    assert await requires_args_stack.query(query) == {
        "data": {
            "items": [
                {"id": "i1", "price": 20.0, "shippingEUR": 4.0, "shippingUSD": 3.0},
                {"id": "i2", "price": 150.0, "shippingEUR": 45.0, "shippingUSD": 22.5},
            ]
        }
    }


async def test_client_aliases_of_a_required_field(requires_args_stack: Stack) -> None:
    query = '{ items { eur: price(currency: "EUR") usd: price(currency: "USD") shippingUSD } }'
    assert outline(requires_args_stack.plan(query)) == "Seq[pricing, shipping@items.@]"
    assert await requires_args_stack.query(query) == {
        "data": {
            "items": [
                {"eur": 20.0, "usd": 30.0, "shippingUSD": 3.0},
                {"eur": 150.0, "usd": 225.0, "shippingUSD": 22.5},
            ]
        }
    }
