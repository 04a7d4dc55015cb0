"""Semantic 9: response assembly. Sub-selections of one response key selected under different
fragments or type conditions are merged (not the first one winning), also when parts come from
another subgraph; values clients cannot see never reach them: an @inaccessible enum value
becomes null with an error, an object of an @inaccessible type is never reported under its
union's or interface's name (null, with an error). Data, messages and codes are those of
Apollo's gateway (checked with tools/apollo/gateway.mjs), which reports these errors under
`extensions.valueCompletion`; we report them in `errors`, as the GraphQL spec asks."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "shaping"
QUERIES = [
    "{ items { meta { a } ... on Gadget { meta { b } } } }",
    "{ items { id ... on Gadget { meta { a } } ... on Item { meta { c } } } }",
    "{ statuses status }",
    "{ results { ... on Gadget { id } } firstResult { ... on Gadget { id } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


def _invalid(message: str, path: list[str | int]) -> dict[str, object]:
    return {"message": message, "path": path, "extensions": {"code": "INVALID_GRAPHQL"}}


async def test_sub_selections_merged_across_subgraphs(stacks: StackFactory) -> None:
    """meta { a } for every item, meta { b } for gadgets (from extra): both in one object."""
    query = "{ items { meta { a } ... on Gadget { meta { b } } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "shop") {
              {
                items {
                  __typename
                  ... on Gadget {
                    __typename
                    id
                  }
                  meta {
                    a
                  }
                }
              }
            },
            Flatten(path: "items.@") {
              Fetch(service: "extra") {
                {
                  ... on Gadget {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Gadget {
                    __typename
                    meta {
                      b
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
        "data": {"items": [{"meta": {"a": "ga", "b": "gb"}}, {"meta": {"a": "za"}}]}
    }


async def test_sub_selections_merged_across_type_conditions(stacks: StackFactory) -> None:
    """Two fragments select meta: the gadget's meta has both a and c."""
    query = "{ items { id ... on Gadget { meta { a } } ... on Item { meta { c } } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "shop") {
            {
              items {
                __typename
                id
                ... on Gadget {
                  meta {
                    a
                  }
                }
                meta {
                  c
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
            "items": [
                {"id": "g1", "meta": {"a": "ga", "c": "gc"}},
                {"id": "z1", "meta": {"c": "zc"}},
            ]
        }
    }


async def test_inaccessible_enum_values_never_reach_clients(stacks: StackFactory) -> None:
    """SECRET is @inaccessible: null, with an error, in a list and alone."""
    query = "{ statuses status }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "shop") {
            {
              statuses
              status
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {"statuses": ["ACTIVE", None, "RETIRED"], "status": None},
        "errors": [
            _invalid(
                "Invalid value found for array element of type Status at index 1.", ["statuses", 1]
            ),
            _invalid("Invalid value found for field Query.status.", ["status"]),
        ],
    }


async def test_objects_of_inaccessible_types_never_reach_clients(stacks: StackFactory) -> None:
    """A Hidden result is null with an error, never shown as a Result."""
    query = "{ results { ... on Gadget { id } } firstResult { ... on Gadget { id } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "shop") {
            {
              results {
                __typename
                ... on Gadget {
                  id
                }
              }
              firstResult {
                __typename
                ... on Gadget {
                  id
                }
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {"results": [{"id": "g1"}, None], "firstResult": None},
        "errors": [
            _invalid(
                "Invalid __typename found for object at array element of type Result at index 1.",
                ["results", 1],
            ),
            _invalid(
                "Invalid __typename found for object at field Query.firstResult.", ["firstResult"]
            ),
        ],
    }


async def test_merged_with_a_selection_left_empty_by_a_condition(stacks: StackFactory) -> None:
    """One `meta` under a condition with every sub-field skipped, another with `a`: merged."""
    query = (
        "query($x: Boolean!) { items { meta @include(if: $x) { c @skip(if: true) } meta { a } } }"
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query, {"x": True}) == {
        "data": {"items": [{"meta": {"a": "ga"}}, {"meta": {"a": "za"}}]}
    }
