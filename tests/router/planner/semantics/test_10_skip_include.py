"""Semantic 10: @skip/@include. A selection left empty by literal conditions is never sent to a
subgraph (an inline fragment holding only `f @include(if: false)` disappears; a field whose
every sub-field is skipped is fetched with `__typename`, and needs no other fetch: leaner than
Apollo, which still fetches keys for the skipped field). Variable conditions become Condition
nodes (Include/Skip) around the fetches and the fetches depending on them, as in Apollo."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import (
    assert_plan,
    assert_same_structure_as_apollo,
    plan,
)

FIXTURE = "shop"
VARIABLE_CONDITIONS = [
    "query($x: Boolean!) { topProducts { name reviews @include(if: $x) { body } } }",
    "query($x: Boolean!) { me @include(if: $x) { name } topProducts { name } }",
    "query($x: Boolean!, $y: Boolean!) { topProducts { name inStock @include(if: $x) @skip(if: $y) } }",
    "query($x: Boolean!) { topProducts { name ... @include(if: $x) { inStock shippingEstimate } } }",
    "query($x: Boolean!) { me @skip(if: $x) { name reviews { body } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, VARIABLE_CONDITIONS)
    assert_same_structure_as_apollo(
        "abstract", ["query($x: Boolean!) { media { id ... on Book @include(if: $x) { pages } } }"]
    )


def test_fragment_left_empty_is_not_sent() -> None:
    printed = str(plan("abstract", "{ media { id ... on Book { pages @include(if: false) } } }"))
    assert "Book" not in printed and "{}" not in printed


async def test_field_whose_every_sub_field_is_skipped(stacks: StackFactory) -> None:
    """product is still fetched (the client gets {}), with __typename only."""
    query = "{ latestReviews { product { inStock @skip(if: true) } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              latestReviews {
                product {
                  __typename
                }
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    response = await stack.query(query)
    assert response == {"data": {"latestReviews": [{"product": {}}] * 4}}
    assert stack.requests_to("products") == [] and stack.requests_to("inventory") == []


async def test_include_around_a_dependent_fetch(stacks: StackFactory) -> None:
    """The reviews fetch runs only when $x is true."""
    query = "query($x: Boolean!) { topProducts { name reviews @include(if: $x) { body } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  sku
                  name
                }
              }
            },
            Include(if: $x) {
              Flatten(path: "topProducts.@") {
                Fetch(service: "reviews") {
                  {
                    ... on Product {
                      __typename
                      sku
                    }
                  } =>
                  {
                    ... on Product {
                      __typename
                      reviews {
                        body
                      }
                    }
                  }
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    excluded = await stack.query(query, {"x": False})
    assert excluded == {"data": {"topProducts": [{"name": n} for n in ("Table", "Couch", "Chair")]}}
    assert stack.requests_to("reviews") == []
    included = await stack.query(query, {"x": True})
    assert included["data"]["topProducts"][1] == {
        "name": "Couch",
        "reviews": [{"body": "Too expensive."}],
    }


async def test_skip_around_a_sequence(stacks: StackFactory) -> None:
    """me and its reviews (fetched after it) are both under one Skip."""
    query = "query($x: Boolean!) { me @skip(if: $x) { name reviews { body } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Skip(if: $x) {
            Sequence {
              Fetch(service: "accounts") {
                {
                  me {
                    __typename
                    id
                    name
                  }
                }
              },
              Flatten(path: "me") {
                Fetch(service: "reviews") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      __typename
                      reviews {
                        body
                      }
                    }
                  }
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query, {"x": True}) == {"data": {}}
    assert stack.requests_to("accounts") == [] and stack.requests_to("reviews") == []
    response = await stack.query(query, {"x": False})
    assert response["data"]["me"]["name"] == "Ada Lovelace"


async def test_two_conditions_on_one_field(stacks: StackFactory) -> None:
    """inStock needs $x true and $y false: nested Include and Skip."""
    query = """
        query($x: Boolean!, $y: Boolean!) { topProducts { name inStock @include(if: $x) @skip(if: $y) } }
    """
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                topProducts {
                  __typename
                  upc
                  name
                }
              }
            },
            Include(if: $x) {
              Skip(if: $y) {
                Flatten(path: "topProducts.@") {
                  Fetch(service: "inventory") {
                    {
                      ... on Product {
                        __typename
                        upc
                      }
                    } =>
                    {
                      ... on Product {
                        __typename
                        inStock
                      }
                    }
                  },
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    for x, y, fetched in ((True, False, True), (True, True, False), (False, False, False)):
        stack.reset()
        response = await stack.query(query, {"x": x, "y": y})
        assert ("inStock" in response["data"]["topProducts"][0]) is fetched
        assert bool(stack.requests_to("inventory")) is fetched


async def test_field_whose_only_fragment_is_left_empty(stacks: StackFactory) -> None:
    """`media { ... on Book { pages @include(if: false) } }`: media is still fetched (the
    client gets empty objects), with no type condition left to send."""
    query = "{ media { ... on Book { pages @include(if: false) } } }"
    printed = str(plan("abstract", query))
    assert "Book" not in printed and printed.count("Fetch(") == 1
    stack = await stacks("abstract")
    assert await stack.query(query) == {"data": {"media": [{}, {}, {}]}}
