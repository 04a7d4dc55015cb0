"""Semantic 11: the cost. Fewest fetches first, then the least sequential depth, as Apollo;
ties broken deterministically (subgraph order), in favour of paths using @provides over key
jumps. Each choice below is the one Apollo's planner makes too."""

from __future__ import annotations

from graphql import parse

from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import (
    assert_plan,
    assert_same_structure_as_apollo,
    supergraph,
)

FIXTURE = "costs"
QUERIES = ["{ t { p q } }", "{ t { q } }", "{ t { r } }", "{ t { p r } }", "{ t { q r } }"]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)
    assert_same_structure_as_apollo("shareable", ["{ things { name color size } }"])
    assert_same_structure_as_apollo(
        "provides", ["{ topReviews { author { name email } product { name price } } }"]
    )


def test_plans_are_deterministic() -> None:
    """One planner or another, any field order: the same plan."""
    loaded = supergraph(FIXTURE)
    plans = {
        str(QueryPlanner(loaded).plan(normalize_operation(loaded.api_schema, parse(query))))
        for query in ("{ t { q r p } }", "{ t { p q r } }", "{ t { r p q } }")
        for _ in range(3)
    }
    assert len(plans) == 1


def test_fewest_fetches_first() -> None:
    """size is only in sizes, color in colors and sizes: one fetch to sizes covers both."""
    assert "colors" not in str(
        QueryPlanner(supergraph("shareable")).plan(
            normalize_operation(
                supergraph("shareable").api_schema, parse("{ things { name color size } }")
            )
        )
    )


def test_provides_over_a_key_jump_at_equal_cost() -> None:
    """accounts is called for email anyway: name could come with it at no extra fetch, but the
    provided name in reviews is preferred."""
    loaded = supergraph("provides")
    operation = normalize_operation(
        loaded.api_schema, parse("{ topReviews { author { name email } } }")
    )
    reviews, accounts = QueryPlanner(loaded).plan(operation).fetches()
    assert "author{__typename id name}" in reviews.operation
    assert accounts.operation.endswith("{...on User{__typename email}}}")


async def test_least_depth_at_equal_fetch_count(stacks: StackFactory) -> None:
    """q through c needs b's code first (depth 3); through d it runs beside b (depth 2)."""
    query = "{ t { p q } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                t {
                  __typename
                  id
                }
              }
            },
            Parallel {
              Flatten(path: "t") {
                Fetch(service: "b") {
                  {
                    ... on T {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on T {
                      __typename
                      p
                    }
                  }
                },
              },
              Flatten(path: "t") {
                Fetch(service: "d") {
                  {
                    ... on T {
                      __typename
                      id
                    }
                  } =>
                  {
                    ... on T {
                      __typename
                      q
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
    assert await stack.query(query) == {"data": {"t": {"p": 1, "q": 2}}}
    assert stack.requests_to("c") == []


async def test_fewest_fetches_over_a_chain(stacks: StackFactory) -> None:
    """Alone, q through d takes one entity fetch, through c two."""
    query = "{ t { q } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                t {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "t") {
              Fetch(service: "d") {
                {
                  ... on T {
                    __typename
                    id
                  }
                } =>
                {
                  ... on T {
                    __typename
                    q
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"t": {"q": 2}}}
    assert stack.requests_to("b") == [] and stack.requests_to("c") == []


async def test_tie_broken_by_subgraph_order(stacks: StackFactory) -> None:
    """r is in b and d at the same cost: b, deterministically."""
    query = "{ t { r } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                t {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "t") {
              Fetch(service: "b") {
                {
                  ... on T {
                    __typename
                    id
                  }
                } =>
                {
                  ... on T {
                    __typename
                    r
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"t": {"r": 3}}}
    assert stack.requests_to("d") == []


async def test_shared_fetch_wins(stacks: StackFactory) -> None:
    """q needs d: r comes with it rather than from b."""
    query = "{ t { q r } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                t {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "t") {
              Fetch(service: "d") {
                {
                  ... on T {
                    __typename
                    id
                  }
                } =>
                {
                  ... on T {
                    __typename
                    q
                    r
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"t": {"q": 2, "r": 3}}}
    assert stack.requests_to("b") == []
