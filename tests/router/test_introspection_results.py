"""Introspection answers are computed once per document and variables (the playground's
query is 2.7 MB of JSON on the project's supergraph) and stay what graphql-core answers."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import build_schema, get_introspection_query, graphql_sync, parse

from router.pipeline import introspection
from router.pipeline.introspection import IntrospectionResults

SCHEMA = build_schema('type Query { hello(name: String): String @deprecated(reason: "old") }')
TYPE = parse(
    "query T($n: String!, $d: Boolean!) { __type(name: $n) { name fields(includeDeprecated: $d) { name } } }"
)


def test_answers_are_computed_once_and_match_graphql_core(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    original = introspection.run_introspection

    def counted(*args: Any) -> Any:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(introspection, "run_introspection", counted)
    results = IntrospectionResults(SCHEMA, capacity=2)
    query = get_introspection_query()
    document = parse(query)
    first, errors = results.run(document, "IntrospectionQuery", {})
    assert errors == [] and first == graphql_sync(SCHEMA, query).data
    first["__schema"] = "changed by a caller"
    again, _ = results.run(document, "IntrospectionQuery", {})
    assert again == graphql_sync(SCHEMA, query).data and len(calls) == 1

    shown, _ = results.run(TYPE, "T", {"n": "Query", "d": True})
    hidden, _ = results.run(TYPE, "T", {"n": "Query", "d": False})
    assert shown["__type"]["fields"] == [{"name": "hello"}] and hidden["__type"]["fields"] == []
    assert len(calls) == 3
    results.run(document, "IntrospectionQuery", {})  # evicted by the two above (capacity 2)
    assert len(calls) == 4
