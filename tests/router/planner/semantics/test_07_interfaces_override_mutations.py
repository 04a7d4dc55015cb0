"""Semantic 7: @interfaceObject (fields of an interface resolved by a subgraph that knows no
implementation, its entities sent with the interface's name; the concrete type fetched where it
is known), entity interfaces (@key on an interface), @override (for good, and progressively
under a label), and shareable mutation fields (called once, in the cheapest subgraph)."""

from __future__ import annotations

from tests.router.fixtures import entity_interfaces
from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "entity_interfaces"
QUERIES = [
    "{ media { id title rating reviewCount } }",
    "{ topRated { id rating reviewCount } }",
    "{ topRated { rating ... on Movie { minutes critics } } }",
    "{ topRated { __typename rating } }",
    "{ media { ... on Book { rating pages } } }",
    'mutation { touch(id: "b1") { id title } }',
    'mutation { touch(id: "b1") { rating } }',
    'mutation { a: touch(id: "b1") { rating } b: touch(id: "m1") { title } }',
]
OVERRIDE_QUERY = "{ accounts { owner balance tier } }"


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)
    assert_same_structure_as_apollo("override", [OVERRIDE_QUERY])
    assert_same_structure_as_apollo("override", [OVERRIDE_QUERY], frozenset({"tierMigration"}))


async def test_interface_object_fields_with_the_interface_name(stacks: StackFactory) -> None:
    """rating from the @interfaceObject (entities sent as Media), reviewCount from the entity interface."""
    query = "{ media { id title rating reviewCount } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                media {
                  __typename
                  id
                  title
                }
              }
            },
            Parallel {
              Flatten(path: "media.@") {
                Fetch(service: "ratings") {
                  {
                    ... on Media {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Media {
                      __typename
                      rating
                    }
                  }
                  # __typename of ... on Media sent as Media
                },
              },
              Flatten(path: "media.@") {
                Fetch(service: "reviews") {
                  {
                    ... on Media {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Media {
                      __typename
                      reviewCount
                    }
                  }
                  # __typename of ... on Media sent as Media
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {
            "media": [
                {"id": "b1", "title": "Dune", "rating": 4, "reviewCount": 2},
                {"id": "m1", "title": "Alien", "rating": 5, "reviewCount": 7},
            ]
        }
    }
    (ratings,) = stack.requests_to("ratings")
    assert {r["__typename"] for r in ratings["variables"]["representations"]} == {"Media"}


async def test_type_conditions_on_an_interface_object(stacks: StackFactory) -> None:
    """ratings cannot tell a Movie: the entity interfaces answer type conditions."""
    query = "{ topRated { rating ... on Movie { minutes critics } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "ratings") {
              {
                topRated {
                  __typename
                  id
                  rating
                }
              }
            },
            Parallel {
              Flatten(path: "topRated.@") {
                Fetch(service: "media") {
                  {
                    ... on Media {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Media {
                      __typename
                      ... on Movie {
                        minutes
                      }
                    }
                  }
                  # __typename of ... on Media sent as Media
                },
              },
              Flatten(path: "topRated.@") {
                Fetch(service: "reviews") {
                  {
                    ... on Media {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Media {
                      __typename
                      ... on Movie {
                        critics
                      }
                    }
                  }
                  # __typename of ... on Media sent as Media
                },
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {
            "topRated": [
                {"rating": 5, "minutes": 117, "critics": ["Ebert"]},
                {"rating": 4},
            ]
        }
    }


async def test_concrete_typename_of_an_interface_object(stacks: StackFactory) -> None:
    """__typename comes from a subgraph that knows the concrete type."""
    query = "{ topRated { __typename rating } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "ratings") {
              {
                topRated {
                  __typename
                  id
                  rating
                }
              }
            },
            Flatten(path: "topRated.@") {
              Fetch(service: "media") {
                {
                  ... on Media {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Media {
                    __typename
                  }
                }
                # __typename of ... on Media sent as Media
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {
            "topRated": [
                {"__typename": "Movie", "rating": 5},
                {"__typename": "Book", "rating": 4},
            ]
        }
    }


async def test_shareable_mutation_field_runs_once_where_cheapest(stacks: StackFactory) -> None:
    """title is in media only: touch runs there, once."""
    query = 'mutation { touch(id: "b1") { id title } }'
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "media") {
            mutation {
              touch(id: "b1") {
                __typename
                id
                title
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    entity_interfaces.TOUCHES.clear()
    assert await stack.query(query) == {"data": {"touch": {"id": "b1", "title": "Dune"}}}
    assert entity_interfaces.TOUCHES == ["media:b1"]


async def test_shareable_mutation_fields_in_order(stacks: StackFactory) -> None:
    """Each root field from its cheapest subgraph, in order."""
    query = 'mutation { a: touch(id: "b1") { rating } b: touch(id: "m1") { title } }'
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "ratings") {
              mutation {
                a: touch(id: "b1") {
                  __typename
                  rating
                }
              }
            },
            Fetch(service: "media") {
              mutation {
                b: touch(id: "m1") {
                  __typename
                  title
                }
              }
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    entity_interfaces.TOUCHES.clear()
    assert await stack.query(query) == {"data": {"a": {"rating": 4}, "b": {"title": "Alien"}}}
    assert entity_interfaces.TOUCHES == ["ratings:b1", "media:m1"]


async def test_override_for_good_and_progressive(stacks: StackFactory) -> None:
    """balance moved to ledger for good; tier moves to ledger only while its label is on."""
    assert_plan(
        "override",
        OVERRIDE_QUERY,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "legacy") {
              {
                accounts {
                  __typename
                  id
                  owner
                  tier
                }
              }
            },
            Flatten(path: "accounts.@") {
              Fetch(service: "ledger") {
                {
                  ... on Account {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Account {
                    __typename
                    balance
                  }
                }
              },
            },
          },
        }
        """,
    )
    assert_plan(
        "override",
        OVERRIDE_QUERY,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "legacy") {
              {
                accounts {
                  __typename
                  id
                  owner
                }
              }
            },
            Flatten(path: "accounts.@") {
              Fetch(service: "ledger") {
                {
                  ... on Account {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Account {
                    __typename
                    balance
                    tier
                  }
                }
              },
            },
          },
        }
        """,
        frozenset({"tierMigration"}),
    )
    stack = await stacks("override")
    assert await stack.query(OVERRIDE_QUERY) == {
        "data": {
            "accounts": [
                {"owner": "Ada", "balance": 100, "tier": "legacy-tier"},
                {"owner": "Alan", "balance": 250, "tier": "legacy-tier"},
            ]
        }
    }
