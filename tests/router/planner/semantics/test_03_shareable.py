"""Semantic 3: @shareable fields. The cheapest subgraph is chosen; a selection no single
subgraph resolves is split across several, at the root too (a shareable root field fetched
from two subgraphs in parallel, results merged); a child field reachable only elsewhere is
reached by re-entering the parent entity through its key."""

from __future__ import annotations

from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "shareable_split"
QUERIES = [
    "{ config { currency locale region } }",
    "{ config { currency } }",
    "{ things { meta { created tags } } }",
    "{ things { meta { tags } color } }",
    "{ things { id meta { created } } config { region } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)
    assert_same_structure_as_apollo("shareable", ["{ things { name color size } }"])


async def test_shareable_root_field_split_across_two_subgraphs(stacks: StackFactory) -> None:
    """No subgraph has both locale and region: two root fetches in parallel, one config."""
    query = "{ config { currency locale region } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Parallel {
            Fetch(service: "a") {
              {
                config {
                  locale
                  currency
                }
              }
            },
            Fetch(service: "b") {
              {
                config {
                  region
                }
              }
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {
        "data": {"config": {"currency": "EUR", "locale": "en", "region": "eu-west"}}
    }
    assert len(stack.requests_to("a")) == 1 and len(stack.requests_to("b")) == 1


async def test_shareable_root_field_from_one_subgraph(stacks: StackFactory) -> None:
    """Both resolve currency: one fetch, the first subgraph."""
    query = "{ config { currency } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "a") {
            {
              config {
                currency
              }
            }
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"config": {"currency": "EUR"}}}
    assert stack.requests_to("b") == []


async def test_child_field_reached_through_the_parent_key(stacks: StackFactory) -> None:
    """tags exists in b only and Meta has no key: Thing is entered again in b."""
    query = "{ things { meta { created tags } } }"
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
                  meta {
                    created
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
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    meta {
                      tags
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
            "things": [
                {"meta": {"created": "2024", "tags": ["new"]}},
                {"meta": {"created": "2019", "tags": []}},
            ]
        }
    }


async def test_one_entity_fetch_for_several_fields(stacks: StackFactory) -> None:
    """meta.tags and color both come from one b fetch."""
    query = "{ things { meta { tags } color } }"
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
                }
              }
            },
            Flatten(path: "things.@") {
              Fetch(service: "b") {
                {
                  ... on Thing {
                    __typename
                    id
                  }
                } =>
                {
                  ... on Thing {
                    __typename
                    meta {
                      tags
                    }
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
        "data": {
            "things": [
                {"meta": {"tags": ["new"]}, "color": "red"},
                {"meta": {"tags": []}, "color": "blue"},
            ]
        }
    }
    assert len(stack.requests_to("b")) == 1
