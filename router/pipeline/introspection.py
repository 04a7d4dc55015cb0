"""Introspection root fields (`__schema`, `__type`) answered from the API schema by graphql-core,
never sent to a subgraph."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    execute,
)

from router.planner.normalize import select_operation
from router.planner.normalize.fragments import fragment_definitions, inline_spreads


def _only_introspection(selection_set: SelectionSetNode) -> SelectionSetNode:
    kept: list[SelectionNode] = []
    for node in selection_set.selections:
        if isinstance(node, FieldNode) and node.name.value in ("__schema", "__type"):
            kept.append(node)
        elif isinstance(node, InlineFragmentNode):
            inner = _only_introspection(node.selection_set)
            if inner.selections:
                kept.append(replace(node, selection_set=inner))
    return replace(selection_set, selections=tuple(kept))


def run_introspection(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    operation = select_operation(document, operation_name)
    selection_set = _only_introspection(
        inline_spreads(operation.selection_set, fragment_definitions(document))
    )
    only: OperationDefinitionNode = replace(operation, selection_set=selection_set)
    result = execute(schema, DocumentNode(definitions=(only,)), variable_values=variables)
    assert isinstance(result, ExecutionResult)
    errors = [e.formatted for e in result.errors or ()]
    return dict(result.data or {}), [dict(e) for e in errors]


class IntrospectionResults:
    """Introspection answers per document and variables, for one schema. The playground asks
    the same large query on every load (2.7 MB of JSON for Saleor's schema, about a second to
    compute); the answer cannot change while the schema does not. A few documents are kept."""

    def __init__(self, schema: GraphQLSchema, capacity: int = 16) -> None:
        self.schema = schema
        self.capacity = capacity
        # Keyed by the prepared document's identity, which the entry keeps alive.
        self._answers: OrderedDict[
            tuple[int, str | None, str],
            tuple[DocumentNode, dict[str, Any], list[dict[str, Any]]],
        ] = OrderedDict()

    def run(
        self, document: DocumentNode, operation_name: str | None, variables: dict[str, Any]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        try:
            key = (id(document), operation_name, json.dumps(variables, sort_keys=True))
        except (TypeError, ValueError):  # variables that do not serialize: not kept
            return run_introspection(self.schema, document, operation_name, variables)
        found = self._answers.get(key)
        if found is None:
            data, errors = run_introspection(self.schema, document, operation_name, variables)
            found = self._answers[key] = (document, data, errors)
            while len(self._answers) > self.capacity:
                self._answers.popitem(last=False)
        else:
            self._answers.move_to_end(key)
        _document, data, errors = found
        return dict(data), [dict(e) for e in errors]
