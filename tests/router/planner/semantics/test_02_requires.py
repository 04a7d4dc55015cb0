"""Semantic 2: @requires. Required fields come from a subgraph the plan already visited (a
cycle: a -> b -> a re-enters a), through chains (c's field feeds b's), with arguments (two
argument sets of one field, each sent to the field needing it), and as selections with nested
type conditions on an interface (the representation carries exactly that selection). A
required field that is null is sent as null: the entity is never left out of the fetch."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "requires_chain"
QUERIES = [
    "{ things { id fa } }",
    "{ things { id shipping } }",
    "{ things { label } }",
    "{ things { chained } }",
    "{ things { fa shipping label chained } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


def _representations(stack: object, subgraph: str) -> list[list[dict[str, object]]]:
    return [r["variables"]["representations"] for r in stack.requests_to(subgraph)]  # type: ignore[attr-defined]


async def test_cycle_reenters_the_first_subgraph(stacks: StackFactory) -> None:
    """fa (in a) requires fb (in b), which requires rank (in a): a, b, then a again."""
    query = "{ things { id fa } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                things {
                  __typename
                  id
                  rank
                }
              }
            },
            Flatten(path: "things.@") {
              Fetch(service: "b") {
                {
                  ... on Thing {
                    __typename
                    id
                    rank
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    fb
                  }
                }
              },
            },
            Flatten(path: "things.@") {
              Fetch(service: "a") {
                {
                  ... on Thing {
                    __typename
                    id
                    fb
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    fa
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
            "things": [
                {"id": "t1", "fa": "fa(fb(1))"},
                {"id": "t2", "fa": "fa(fb(2))"},
                {"id": "t3", "fa": "fa(fb(3))"},
            ]
        }
    }
    assert len(stack.requests_to("a")) == 2


async def test_null_required_value_is_sent_as_null(stacks: StackFactory) -> None:
    """t2's weight is null: t2 is still sent, with weight null, and gets its shipping."""
    query = "{ things { id shipping } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                things {
                  __typename
                  id
                  weight
                }
              }
            },
            Flatten(path: "things.@") {
              Fetch(service: "b") {
                {
                  ... on Thing {
                    __typename
                    id
                    weight
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    shipping
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
            "things": [
                {"id": "t1", "shipping": 20},
                {"id": "t2", "shipping": 0},
                {"id": "t3", "shipping": 10},
            ]
        }
    }
    assert _representations(stack, "b") == [
        [
            {"__typename": "Thing", "id": "t1", "weight": 10},
            {"__typename": "Thing", "id": "t2", "weight": None},
            {"__typename": "Thing", "id": "t3", "weight": 5},
        ]
    ]


async def test_required_selection_with_type_conditions(stacks: StackFactory) -> None:
    """The representation carries exactly the required `item { ... on Book { pages } ... on Disc { minutes } }`, with the __typename that tells which condition applied (Apollo leaves it out)."""
    query = "{ things { label } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                things {
                  __typename
                  id
                  item {
                    __typename
                    ... on Book {
                      pages
                    }
                    ... on Disc {
                      minutes
                    }
                  }
                }
              }
            },
            Flatten(path: "things.@") {
              Fetch(service: "b") {
                {
                  ... on Thing {
                    __typename
                    id
                    item {
                      __typename
                      ... on Book {
                        pages
                      }
                      ... on Disc {
                        minutes
                      }
                    }
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    label
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
            "things": [
                {"label": "Book:100"},
                {"label": "Disc:40"},
                {"label": "none"},
            ]
        }
    }
    assert _representations(stack, "b") == [
        [
            {"__typename": "Thing", "id": "t1", "item": {"__typename": "Book", "pages": 100}},
            {"__typename": "Thing", "id": "t2", "item": {"__typename": "Disc", "minutes": 40}},
            {"__typename": "Thing", "id": "t3", "item": None},
        ]
    ]


async def test_chain_through_a_third_subgraph(stacks: StackFactory) -> None:
    """chained (b) requires score (c), which requires name (a)."""
    query = "{ things { chained } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                things {
                  __typename
                  id
                  name
                }
              }
            },
            Flatten(path: "things.@") {
              Fetch(service: "c") {
                {
                  ... on Thing {
                    __typename
                    id
                    name
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    score
                  }
                }
              },
            },
            Flatten(path: "things.@") {
              Fetch(service: "b") {
                {
                  ... on Thing {
                    __typename
                    id
                    score
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    chained
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
            "things": [
                {"chained": "chained(5)"},
                {"chained": "chained(4)"},
                {"chained": "chained(5)"},
            ]
        }
    }


async def test_every_requirement_at_once(stacks: StackFactory) -> None:
    """All of them in one operation: the required fields share fetches."""
    query = "{ things { fa shipping label chained } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                things {
                  __typename
                  id
                  weight
                  item {
                    __typename
                    ... on Book {
                      pages
                    }
                    ... on Disc {
                      minutes
                    }
                  }
                  name
                  rank
                }
              }
            },
            Parallel {
              Sequence {
                Flatten(path: "things.@") {
                  Fetch(service: "b") {
                    {
                      ... on Thing {
                        __typename
                        id
                        weight
                        item {
                          __typename
                          ... on Book {
                            pages
                          }
                          ... on Disc {
                            minutes
                          }
                        }
                        rank
                      }
                    } =>
                    {
                      ... on Thing {
                        __typename
                        shipping
                        label
                        fb
                      }
                    }
                  },
                },
                Flatten(path: "things.@") {
                  Fetch(service: "a") {
                    {
                      ... on Thing {
                        __typename
                        id
                        fb
                      }
                    } =>
                    {
                      ... on Thing {
                        __typename
                        fa
                      }
                    }
                  },
                },
              },
              Sequence {
                Flatten(path: "things.@") {
                  Fetch(service: "c") {
                    {
                      ... on Thing {
                        __typename
                        id
                        name
                      }
                    } =>
                    {
                      ... on Thing {
                        __typename
                        score
                      }
                    }
                  },
                },
                Flatten(path: "things.@") {
                  Fetch(service: "b") {
                    {
                      ... on Thing {
                        __typename
                        id
                        score
                      }
                    } =>
                    {
                      ... on Thing {
                        __typename
                        chained
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
    response = await stack.query(query)
    assert response["data"]["things"][1] == {
        "fa": "fa(fb(2))",
        "shipping": 0,
        "label": "Disc:40",
        "chained": "chained(4)",
    }
    assert "errors" not in response


ARGUMENTS = "requires_args"


async def test_required_field_with_two_argument_sets(stacks: StackFactory) -> None:
    """shippingEUR requires price(currency: "EUR"), shippingUSD price(currency: "USD"): each
    argument set is fetched under its own response key and sent to the field needing it (one
    representation cannot carry `price` twice, so two fetches; Apollo sends USD to both)."""
    query = '{ items { id price(currency: "GBP") shippingEUR shippingUSD } }'
    assert_plan(
        ARGUMENTS,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "pricing") {
              {
                items {
                  __typename
                  id
                  price__alias_0: price(currency: "EUR")
                  weightKg
                  price__alias_1: price(currency: "USD")
                  price(currency: "GBP")
                }
              }
            },
            Parallel {
              Flatten(path: "items.@") {
                Fetch(service: "shipping") {
                  {
                    ... on Item {
                      __typename
                      id
                      price <- price__alias_0
                      weightKg
                    }
                  } =>
                  {
                    ... on Item {
                      __typename
                      shippingEUR
                    }
                  }
                },
              },
              Flatten(path: "items.@") {
                Fetch(service: "shipping") {
                  {
                    ... on Item {
                      __typename
                      id
                      price <- price__alias_1
                    }
                  } =>
                  {
                    ... on Item {
                      __typename
                      shippingUSD
                    }
                  }
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(ARGUMENTS)
    assert await stack.query(query) == {
        "data": {
            "items": [
                {"id": "i1", "price": 20.0, "shippingEUR": 4.0, "shippingUSD": 3.0},
                {"id": "i2", "price": 150.0, "shippingEUR": 45.0, "shippingUSD": 22.5},
            ]
        }
    }
