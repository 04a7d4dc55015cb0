"""Golden plans: the exact text `cmp plan` prints, compared line by line; and the fetch
structure Apollo's reference planner gives for the same operation (skipped without node)."""

from __future__ import annotations

import textwrap
from functools import cache
from typing import Any

import pytest
from graphql import parse

from bench.support.apollo import node_available, run_node_tool
from router.planner import QueryPlan, QueryPlanner
from router.planner.normalize import normalize_operation
from router.supergraph import Supergraph, load_supergraph
from tests.router.fixtures.compose import supergraph_path
from tests.router.fixtures.structure import apollos, ours


@cache
def supergraph(fixture: str) -> Supergraph:
    return load_supergraph(supergraph_path(fixture).read_text())


def plan(fixture: str, query: str, labels: frozenset[str] = frozenset()) -> QueryPlan:
    loaded = supergraph(fixture)
    operation = normalize_operation(loaded.api_schema, parse(query))
    return QueryPlanner(loaded).plan(operation, labels)


def assert_plan(
    fixture: str, query: str, expected: str, labels: frozenset[str] = frozenset()
) -> None:
    printed = str(plan(fixture, query, labels))
    assert printed == textwrap.dedent(expected).strip(), printed


def apollo_plans(
    fixture: str, queries: list[str], labels: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    if not node_available():
        pytest.skip("node/npm not installed: Apollo's planner is not available")
    loaded = supergraph(fixture)
    operations = [
        {"query": q, "labels": sorted(labels), "allLabels": sorted(loaded.override_labels)}
        for q in queries
    ]
    result = run_node_tool(
        "plan.mjs", {"supergraph": supergraph_path(fixture).read_text(), "operations": operations}
    )
    answers = result["plans"]
    assert isinstance(answers, list)
    return answers


def assert_same_structure_as_apollo(
    fixture: str, queries: list[str], labels: frozenset[str] = frozenset()
) -> None:
    """Same fetches (service, merge path, fields) in the same Sequence/Parallel structure."""
    for query, reference in zip(queries, apollo_plans(fixture, queries, labels), strict=True):
        assert "error" not in reference, (query, reference["error"])
        assert ours(plan(fixture, query, labels)) == apollos(reference["plan"]), (
            f"{query}\nours:\n{plan(fixture, query, labels)}\nApollo:\n{reference['pretty']}"
        )
