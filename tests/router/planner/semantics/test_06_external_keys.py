"""Semantic 6: @external key fields of a Federation 2 type are not local (the subgraph is left
through another key to get them); those of a Federation 1 `extend type` are (the subgraph
resolves them). Apollo's composition rewrites Federation 1 subgraphs, so the Federation 1
cases are the supergraphs older composition writes: `extension: true` types with external key
fields, and join v0.1 supergraphs, where only the owner's fields are listed."""

from __future__ import annotations

from graphql import parse

from router.pipeline import Router, RouterConfig
from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import load_supergraph
from tests.router.fixtures.compose import supergraph_path
from tests.router.fixtures.outline import outline
from tests.router.planner.semantics.conftest import StackFactory
from tests.router.planner.semantics.support import assert_plan, assert_same_structure_as_apollo

FIXTURE = "external_keys"
QUERIES = [
    "{ topReviews { author { id } } }",
    "{ me { reviews { author { id } } } }",
    "{ oldReviews { author { id } } }",
    "{ oldReviews { author { id name karma } } }",
]


def test_same_fetch_structure_as_apollo() -> None:
    assert_same_structure_as_apollo(FIXTURE, QUERIES)


def _extension_supergraph() -> str:
    """The composed supergraph as older composition writes a Federation 1 subgraph: its type
    is an extension and its key field is marked external."""
    sdl = supergraph_path(FIXTURE).read_text()
    sdl = sdl.replace(
        '@join__type(graph: LEGACY, key: "id")',
        '@join__type(graph: LEGACY, key: "id", extension: true)',
    )
    return sdl.replace(
        "id: ID! @join__field(graph: ACCOUNTS) @join__field(graph: LEGACY)",
        "id: ID! @join__field(graph: ACCOUNTS) @join__field(graph: LEGACY, external: true)",
    )


JOIN_V01 = """
schema
  @core(feature: "https://specs.apollo.dev/core/v0.1")
  @core(feature: "https://specs.apollo.dev/join/v0.1") {
  query: Query
}
directive @core(feature: String!) repeatable on SCHEMA
directive @join__owner(graph: join__Graph!) on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet) repeatable on OBJECT | INTERFACE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet) on FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
scalar join__FieldSet
enum join__Graph {
  ACCOUNTS @join__graph(name: "accounts", url: "http://accounts.fixture.invalid/graphql")
  LEGACY @join__graph(name: "legacy", url: "http://legacy.fixture.invalid/graphql")
}
type Query {
  me: User @join__field(graph: ACCOUNTS)
  oldReviews: [OldReview!]! @join__field(graph: LEGACY)
}
type OldReview {
  body: String! @join__field(graph: LEGACY)
  author: User! @join__field(graph: LEGACY)
}
type User
  @join__owner(graph: ACCOUNTS)
  @join__type(graph: ACCOUNTS, key: "id")
  @join__type(graph: LEGACY, key: "id") {
  id: ID!
  name: String!
  email: String!
  karma: Int! @join__field(graph: LEGACY)
}
"""


def _plan(sdl: str, query: str) -> str:
    supergraph = load_supergraph(sdl)
    operation = normalize_operation(supergraph.api_schema, parse(query))
    return outline(QueryPlanner(supergraph).plan(operation))


async def _run(stacks: StackFactory, sdl: str, query: str) -> dict[str, object]:
    stack = await stacks(FIXTURE)
    router = Router(load_supergraph(sdl), RouterConfig(subgraph_urls=stack.urls))
    try:
        return await stack.query(query, router=router)
    finally:
        await router.close()


async def test_extension_key_field_marked_external_is_local(stacks: StackFactory) -> None:
    query = "{ oldReviews { author { id karma } } }"
    assert _plan(_extension_supergraph(), query) == "legacy"
    assert await _run(stacks, _extension_supergraph(), query) == {
        "data": {
            "oldReviews": [
                {"author": {"id": "u1", "karma": 7}},
                {"author": {"id": "u2", "karma": 3}},
            ]
        }
    }


async def test_join_v01_key_fields_of_other_graphs_are_local(stacks: StackFactory) -> None:
    query = "{ oldReviews { author { id name } } }"
    assert _plan(JOIN_V01, query) == "Seq[legacy, accounts@oldReviews.@.author]"
    assert await _run(stacks, JOIN_V01, query) == {
        "data": {
            "oldReviews": [
                {"author": {"id": "u1", "name": "Ada"}},
                {"author": {"id": "u2", "name": "Alan"}},
            ]
        }
    }


async def test_external_key_field_of_a_federation_2_type_is_not_local(stacks: StackFactory) -> None:
    """reviews cannot resolve User.id: it leaves through the email key."""
    query = "{ topReviews { author { id } } }"
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
                    email
                  }
                }
              }
            },
            Flatten(path: "topReviews.@.author") {
              Fetch(service: "accounts") {
                {
                  ... on User {
                    __typename
                    email
                  }
                } =>
                {
                  ... on User {
                    __typename
                    id
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
        "data": {"topReviews": [{"author": {"id": "u1"}}, {"author": {"id": "u2"}}]}
    }


async def test_entering_with_the_external_key_then_leaving_with_the_other(
    stacks: StackFactory,
) -> None:
    """reviews is entered with id (sent to it) and left with email."""
    query = "{ me { reviews { author { id } } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Sequence {
            Fetch(service: "accounts") {
              {
                me {
                  __typename
                  id
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
                      author {
                        __typename
                        email
                      }
                    }
                  }
                }
              },
            },
            Flatten(path: "me.reviews.@.author") {
              Fetch(service: "accounts") {
                {
                  ... on User {
                    __typename
                    email
                  }
                } =>
                {
                  ... on User {
                    __typename
                    id
                  }
                }
              },
            },
          },
        }
        """,
    )
    stack = await stacks(FIXTURE)
    assert await stack.query(query) == {"data": {"me": {"reviews": [{"author": {"id": "u1"}}]}}}


async def test_federation_1_key_field_resolved_by_its_subgraph(stacks: StackFactory) -> None:
    """legacy resolves its key field: one fetch."""
    query = "{ oldReviews { author { id } } }"
    assert_plan(
        FIXTURE,
        query,
        """
        QueryPlan {
          Fetch(service: "legacy") {
            {
              oldReviews {
                author {
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
        "data": {"oldReviews": [{"author": {"id": "u1"}}, {"author": {"id": "u2"}}]}
    }
    assert stack.requests_to("accounts") == []
