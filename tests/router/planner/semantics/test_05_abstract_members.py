"""Semantic 5: abstract types whose members or implementations differ per subgraph. Type
conditions are split into the concrete types each subgraph has (an abstract one is kept where
the subgraph's types agree with the supergraph's, as Apollo does); a member found only in
another subgraph is never asked of a subgraph that cannot return it."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "abstract_members"
QUERIES = [
    "{ search { ... on Book { title pages } ... on Film { title year } ... on Album { tracks } } }",
    "{ results { ... on Book { title pages } ... on Film { title } ... on Album { tracks label } } }",
    "{ featured { id ... on Film { year } ... on Album { tracks } } }",
    "{ anyNode { id ... on Album { label tracks } ... on Book { title } } }",
    "{ shelf { __typename id } }",
    "{ results { ... on Node { id } } }",
    "{ search { ... on Node { id } ... on Film { year } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


async def test_union_member_unknown_to_the_subgraph(stacks: StackFactory) -> None:
    """search's Result has no Album: that condition is never sent (nor can it match)."""
    query = """
        { search { ... on Book { title pages } ... on Film { title year } ... on Album { tracks } } }
    """
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "search") {
              {
                search {
                  __typename
                  ... on Book {
                    __typename
                    id
                    title
                  }
                  ... on Film {
                    __typename
                    id
                    title
                  }
                }
              }
            },
            Flatten(path: "search.@") {
              Fetch(service: "catalog") {
                {
                  ... on Book {
                    __typename
                    id
                  }
                  ... on Film {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Book {
                    __typename
                    pages
                  }
                  ... on Film {
                    __typename
                    year
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
        "data": {"search": [{"title": "Dune", "pages": 412}, {"title": "Alien", "year": 1979}]}
    }
    assert all("Album" not in r["query"] for r in stack.requests_to("search"))


async def test_members_resolved_in_other_subgraphs(stacks: StackFactory) -> None:
    """catalog's Result is Book | Album: titles from search, labels from extra."""
    query = """
        { results { ... on Book { title pages } ... on Film { title } ... on Album { tracks label } } }
    """
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                results {
                  __typename
                  ... on Book {
                    __typename
                    id
                    pages
                  }
                  ... on Album {
                    __typename
                    id
                    tracks
                  }
                }
              }
            },
            Parallel {
              Flatten(path: "results.@") {
                Fetch(service: "search") {
                  {
                    ... on Book {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Book {
                      __typename
                      title
                    }
                  }
                },
              },
              Flatten(path: "results.@") {
                Fetch(service: "extra") {
                  {
                    ... on Album {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on Album {
                      __typename
                      label
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
    assert await stack.query(query) == {
        "data": {"results": [{"title": "Dune", "pages": 412}, {"tracks": 9, "label": "Harvest"}]}
    }
    assert all("Film" not in r["query"] for r in stack.requests_to("catalog"))


async def test_implementation_known_elsewhere(stacks: StackFactory) -> None:
    """Album is a Node only in extra: search is never asked about it."""
    query = "{ featured { id ... on Film { year } ... on Album { tracks } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "search") {
              {
                featured {
                  __typename
                  id
                  ... on Film {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "featured") {
              Fetch(service: "catalog") {
                {
                  ... on Film {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Film {
                    __typename
                    year
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"featured": {"id": "f1", "year": 1979}}}


async def test_object_implementing_the_interface_in_one_subgraph_only(stacks: StackFactory) -> None:
    """In catalog Album is no Node: the interface condition becomes one per member."""
    query = "{ results { ... on Node { id } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "catalog") {
            {
              results {
                __typename
                ... on Album {
                  id
                }
                ... on Book {
                  id
                }
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"results": [{"id": "b1"}, {"id": "a1"}]}}
    (request,) = stack.requests_to("catalog")
    assert "...on Node" not in request["query"]


async def test_abstract_condition_kept_where_types_agree(stacks: StackFactory) -> None:
    """search's Result members are all Nodes there: `... on Node` is sent as is."""
    query = "{ search { ... on Node { id } ... on Film { year } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "search") {
              {
                search {
                  __typename
                  ... on Node {
                    __typename
                    id
                  }
                  ... on Film {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "search.@") {
              Fetch(service: "catalog") {
                {
                  ... on Film {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Film {
                    __typename
                    year
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
        "data": {"search": [{"id": "b1"}, {"id": "f1", "year": 1979}]}
    }
