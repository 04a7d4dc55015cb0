"""Semantic 1: @provides is used wherever it applies (root fields, any depth, nested provided
selections, type conditions on interfaces and unions); a provided field comes from the providing
fetch and is never fetched again through `_entities`. The reviews fixture fails when asked for
an external field it does not provide on that path, so an avoidable call shows as an error."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "provides"
QUERIES = [
    "{ topReviews { body author { name address { city } } } }",
    "{ topReviews { author { name email } product { name price } } }",
    "{ topReviews { editor { name } } }",
    "{ spotlight { title } }",
    "{ feed { title ... on Movie { minutes } } }",
    "{ picks { ... on Book { title } ... on Movie { title } } }",
    "{ topReviews { author { address { city zip } } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


async def test_provided_fields_at_depth_in_one_fetch(stacks: StackFactory) -> None:
    """Nested provided selection in a list: one fetch, accounts never called."""
    query = "{ topReviews { body author { name address { city } } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              topReviews {
                body
                author {
                  name
                  address {
                    city
                  }
                }
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {
            "topReviews": [
                {"body": "Bright", "author": {"name": "Ada", "address": {"city": "London"}}},
                {"body": "Dim", "author": {"name": "Alan", "address": {"city": "Wilmslow"}}},
            ]
        }
    }
    assert stack.requests_to("accounts") == []


async def test_only_unprovided_fields_are_fetched_elsewhere(stacks: StackFactory) -> None:
    """name is provided on both paths: only email and price need entity fetches."""
    query = "{ topReviews { author { name email } product { name price } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                topReviews {
                  author {
                    __typename
                    id
                    name
                  }
                  product {
                    __typename
                    upc
                    name
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "topReviews.@.author") {
                Fetch(service: "accounts") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on User {
                      __typename
                      email
                    }
                  }
                },
              },
              Flatten(path: "topReviews.@.product") {
                Fetch(service: "products") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  {
                    ... on Product {
                      __typename
                      price
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
    response = await stack.query(query)
    assert response == {
        "data": {
            "topReviews": [
                {
                    "author": {"name": "Ada", "email": "ada@example.com"},
                    "product": {"name": "Lamp", "price": 30},
                },
                {
                    "author": {"name": "Alan", "email": "alan@example.com"},
                    "product": {"name": "Lamp", "price": 30},
                },
            ]
        }
    }
    (accounts_request,) = stack.requests_to("accounts")
    assert "{__typename email}" in accounts_request["query"]  # not name


async def test_no_provides_on_this_path(stacks: StackFactory) -> None:
    """editor has no @provides: name comes from its owner (reviews would fail)."""
    query = "{ topReviews { editor { name } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                topReviews {
                  editor {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "topReviews.@.editor") {
              Fetch(service: "accounts") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    __typename
                    name
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {"topReviews": [{"editor": {"name": "Alan"}}, {"editor": None}]}
    }


async def test_root_field_provides_through_interface_type_conditions(stacks: StackFactory) -> None:
    """A root field returning an interface provides title through type conditions."""
    query = "{ spotlight { title } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              spotlight {
                __typename
                ... on Book {
                  title
                }
                ... on Movie {
                  title
                }
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"spotlight": {"title": "Dune"}}}
    assert stack.requests_to("media") == []


async def test_provided_and_unprovided_under_one_interface(stacks: StackFactory) -> None:
    """title provided for every implementation; minutes from the media owner."""
    query = "{ feed { title ... on Movie { minutes } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                feed {
                  __typename
                  ... on Book {
                    title
                  }
                  ... on Movie {
                    __typename
                    title
                    id
                  }
                }
              }
            },
            Flatten(path: "feed.@") {
              Fetch(service: "media") {
                {
                  ... on Movie {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Movie {
                    __typename
                    minutes
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {"feed": [{"title": "Dune"}, {"title": "Alien", "minutes": 117}]}
    }


async def test_union_provides_only_for_one_member(stacks: StackFactory) -> None:
    """On the union, title is provided for Book only: Movie titles come from media."""
    query = "{ picks { ... on Book { title } ... on Movie { title } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                picks {
                  __typename
                  ... on Book {
                    title
                  }
                  ... on Movie {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "picks.@") {
              Fetch(service: "media") {
                {
                  ... on Movie {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Movie {
                    __typename
                    title
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"picks": [{"title": "Dune"}, {"title": "Alien"}]}}
    (media_request,) = stack.requests_to("media")
    assert media_request["variables"]["representations"] == [{"__typename": "Movie", "id": "m1"}]


async def test_partly_provided_value_type(stacks: StackFactory) -> None:
    """address { city } is provided, zip is not: the parent entity is entered again for it."""
    query = "{ topReviews { author { address { city zip } } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                topReviews {
                  author {
                    __typename
                    id
                    address {
                      city
                    }
                  }
                }
              }
            },
            Flatten(path: "topReviews.@.author") {
              Fetch(service: "accounts") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                {
                  ... on User {
                    __typename
                    address {
                      zip
                    }
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {
            "topReviews": [
                {"author": {"address": {"city": "London", "zip": "N1"}}},
                {"author": {"address": {"city": "Wilmslow", "zip": "SK9"}}},
            ]
        }
    }
