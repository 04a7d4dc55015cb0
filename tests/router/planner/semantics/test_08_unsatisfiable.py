"""Semantic 8: an operation no plan can satisfy is refused at plan time with a clear error,
never answered with silent nulls; an operation needing more planning work than the budget
allows is refused just as clearly (never a hang); a satisfiable operation always plans.

Apollo's composition refuses supergraphs with unsatisfiable operations, so the one here is
written by hand: pricing knows Product only by `sku`, which no other subgraph can provide."""

from __future__ import annotations

import time

import pytest
from graphql import parse

from router.pipeline import GraphQLRequest, Router, RouterConfig
from router.planner import PlanningBudgetExceeded, PlanningError, QueryPlanner
from router.planner.normalize import normalize_operation
from router.planner.paths.budget import Budget
from router.supergraph import load_supergraph
from tests.router.planner.semantics.support import supergraph

UNSATISFIABLE = """
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION) {
  query: Query
}
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum join__Graph {
  CATALOG @join__graph(name: "catalog", url: "http://catalog.invalid/graphql")
  PRICING @join__graph(name: "pricing", url: "http://pricing.invalid/graphql")
}
type Query @join__type(graph: CATALOG) @join__type(graph: PRICING) {
  products: [Product!]! @join__field(graph: CATALOG)
}
type Product
  @join__type(graph: CATALOG, key: "upc")
  @join__type(graph: PRICING, key: "sku") {
  upc: String! @join__field(graph: CATALOG)
  sku: String! @join__field(graph: PRICING)
  name: String! @join__field(graph: CATALOG)
  price: Int! @join__field(graph: PRICING)
}
"""


def _plan(query: str, budget: Budget | None = None) -> object:
    loaded = load_supergraph(UNSATISFIABLE)
    operation = normalize_operation(loaded.api_schema, parse(query))
    return QueryPlanner(loaded, budget).plan(operation)


def test_satisfiable_part_plans() -> None:
    assert _plan("{ products { upc name } }") is not None


def test_unreachable_field_is_refused_at_plan_time() -> None:
    with pytest.raises(PlanningError) as refused:
        _plan("{ products { name price } }")
    assert str(refused.value) == (
        "no plan can resolve field 'price' from Product(catalog): no subgraph reachable from "
        "there resolves it (the supergraph cannot satisfy this operation)"
    )


async def test_router_answers_a_planning_error_without_data() -> None:
    router = Router(load_supergraph(UNSATISFIABLE), RouterConfig(subgraph_urls={}))
    try:
        response = await router.handle(GraphQLRequest("{ products { name price } }", None, {}))
    finally:
        await router.close()
    assert "data" not in response
    (error,) = response["errors"]
    assert error["extensions"] == {"code": "QUERY_PLANNING_FAILED"}
    assert error["message"].startswith("query planning failed: no plan can resolve field 'price'")


def test_budget_exhaustion_is_a_clear_error() -> None:
    loaded = supergraph("requires_chain")
    operation = normalize_operation(
        loaded.api_schema, parse("{ things { fa shipping label chained } }")
    )
    with pytest.raises(PlanningBudgetExceeded) as refused:
        QueryPlanner(loaded, Budget(max_steps=5)).plan(operation)
    assert "planning this operation needs more than 5 search steps" in str(refused.value)


def test_large_operation_plans_or_fails_fast() -> None:
    """Hundreds of aliased cross-subgraph selections: bounded time either way."""
    loaded = supergraph("shareable_split")
    fields = " ".join(
        f"a{i}: things {{ meta {{ created tags }} color }} c{i}: config {{ locale region }}"
        for i in range(150)
    )
    operation = normalize_operation(loaded.api_schema, parse(f"{{ {fields} }}"))
    started = time.perf_counter()
    try:
        plan = QueryPlanner(loaded).plan(operation)
    except PlanningBudgetExceeded:
        pass
    else:
        # One root fetch per subgraph, and one entity fetch per aliased list of things.
        assert len(plan.fetches()) == 2 + 150
    assert time.perf_counter() - started < 30
