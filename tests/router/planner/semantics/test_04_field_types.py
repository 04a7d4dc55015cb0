"""Semantic 4: field types that differ between subgraphs. Every fetch is valid against the
receiving subgraph's own schema: one response key with two types there (`ID!` and `ID` under
sibling type conditions) is aliased and renamed back (as Apollo does); a field that is an
interface in one subgraph and an object type in another gets only the type conditions that
subgraph can match. The fixture subgraphs validate every operation they receive."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import (
    assert_plan,
    assert_same_structure_as_apollo,
    plan,
)

FIXTURE = "type_conflicts"
QUERIES = [
    "{ items { ... on Shirt { id } ... on Mug { id } } }",
    "{ items { ... on Shirt { id color } ... on Mug { id color } } }",
    "{ thing { ... on Widget { size } } }",
    "{ thing { id ... on Widget { size } ... on Gadget { weight } } }",
    "{ thing { id ... on Gadget { weight } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


def test_aliases_are_in_the_json_form_as_output_rewrites() -> None:
    from router.planner import plan_to_json

    fetch = plan_to_json(plan(FIXTURE, QUERIES[0]))["node"]
    assert fetch["outputRewrites"] == [
        {"kind": "KeyRenamer", "path": ["items", "... on Mug", "id__alias_0"], "renameKeyTo": "id"}
    ]


async def test_conflicting_types_are_aliased(stacks: StackFactory) -> None:
    """Shirt.id is ID! and Mug.id is ID in s: the second is aliased, then renamed back."""
    query = "{ items { ... on Shirt { id } ... on Mug { id } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "s") {
            {
              items {
                __typename
                ... on Shirt {
                  id
                }
                ... on Mug {
                  id__alias_0: id
                }
              }
            }
            # rename id__alias_0 to id at items/... on Mug
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    # Unaliased, s would reject the operation (the fields cannot merge) and answer only errors.
    assert await stack.query(query) == {"data": {"items": [{"id": "S-1"}, {"id": None}]}}


async def test_aliases_with_entity_jumps(stacks: StackFactory) -> None:
    """The same with colors from r: keys and aliases together."""
    query = "{ items { ... on Shirt { id color } ... on Mug { id color } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "s") {
              {
                items {
                  __typename
                  ... on Shirt {
                    __typename
                    sku
                    id
                  }
                  ... on Mug {
                    __typename
                    sku
                    id__alias_0: id
                  }
                }
              }
              # rename id__alias_0 to id at items/... on Mug
            },
            Flatten(path: "items.@") {
              Fetch(service: "r") {
                {
                  ... on Shirt {
                    __typename
                    sku
                  }
                  ... on Mug {
                    __typename
                    sku
                  }
                } =>
                {
                  ... on Shirt {
                    __typename
                    color
                  }
                  ... on Mug {
                    __typename
                    color
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
        "data": {"items": [{"id": "S-1", "color": "white"}, {"id": None, "color": "black"}]}
    }


async def test_object_type_in_one_subgraph_interface_in_another(stacks: StackFactory) -> None:
    """r knows thing as a Widget: no type condition is sent there."""
    query = "{ thing { id ... on Widget { size } ... on Gadget { weight } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "r") {
            {
              thing {
                __typename
                id
                size
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"thing": {"id": "w1", "size": 3}}}
    (request,) = stack.requests_to("r")
    assert "Gadget" not in request["query"] and "...on" not in request["query"]
