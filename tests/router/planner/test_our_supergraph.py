"""Our own supergraph (schema/supergraph.graphql): every root field, with its leaves and its
objects' leaves two levels down, plans without error, only reaches subgraphs that resolve the
fields, and has the fetch structure Apollo's reference planner gives. (Responses over the real
stack with the Saleor fake are not covered yet.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)

from bench.support.apollo import node_available, run_node_tool
from router.planner import QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import Supergraph, load_supergraph
from tests.router.fixtures.structure import apollos
from tests.router.fixtures.structure import ours as our_shape

SUPERGRAPH = Path(__file__).resolve().parents[3] / "schema" / "supergraph.graphql"
pytestmark = pytest.mark.skipif(not SUPERGRAPH.exists(), reason="no schema/supergraph.graphql yet")


@pytest.fixture(scope="module")
def ours() -> Supergraph:
    return load_supergraph(SUPERGRAPH.read_text())


def _selection(field_type: GraphQLOutputType, depth: int) -> str:
    named = get_named_type(field_type)
    if is_leaf_type(named):
        return ""
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType) or depth == 0:
        return "{ __typename }"
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        inner = _selection(field.type, depth - 1)
        if inner or is_leaf_type(get_named_type(field.type)):
            parts.append(f"{name} {inner}".strip())
    return "{ " + " ".join(parts) + " }"


def _operation(name: str, field: GraphQLField) -> tuple[str, str]:
    required = {a: arg for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}
    definitions = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    arguments = ", ".join(f"{a}: ${a}" for a in required)
    header = f"query Q({definitions})" if definitions else "query Q"
    call = f"{name}({arguments})" if arguments else name
    return name, f"{header} {{ {call} {_selection(field.type, 2)} }}"


def _root_operations() -> list[tuple[str, str]]:
    if not SUPERGRAPH.exists():
        return []
    query_type = load_supergraph(SUPERGRAPH.read_text()).api_schema.query_type
    assert query_type is not None
    return [_operation(name, field) for name, field in query_type.fields.items()]


@pytest.mark.parametrize(("root_field", "query"), _root_operations())
def test_every_root_field_plans(ours: Supergraph, root_field: str, query: str) -> None:
    document = parse(query)
    assert validate(ours.api_schema, document) == []
    plan = QueryPlanner(ours).plan(normalize_operation(ours.api_schema, document))
    fetches = plan.fetches()
    assert fetches, root_field
    assert all(fetch.service in ours.subgraphs for fetch in fetches)
    root_graphs = {
        entry.graph for entry in ours.types["Query"].fields[root_field].resolvers(frozenset())
    }
    assert fetches[0].service in root_graphs


@pytest.mark.skipif(not node_available(), reason="node/npm not installed")
def test_same_fetch_structure_as_apollo(ours: Supergraph) -> None:
    operations = _root_operations()
    result = run_node_tool(
        "plan.mjs",
        {"supergraph": SUPERGRAPH.read_text(), "operations": [{"query": q} for _, q in operations]},
    )
    references = result["plans"]
    assert isinstance(references, list)
    planner = QueryPlanner(ours)
    for (root_field, query), reference in zip(operations, references, strict=True):
        assert "error" not in reference, (root_field, reference.get("error"))
        plan = planner.plan(normalize_operation(ours.api_schema, parse(query)))
        assert our_shape(plan) == apollos(reference["plan"]), (root_field, reference["pretty"])
