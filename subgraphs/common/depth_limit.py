"""A depth limit as a plain graphql-core validation rule.

Strawberry's QueryDepthLimiter builds a new rule class per request, which changes the
ValidationCache's key and so defeats the cache; a rule class defined once keeps validation
cached for the repeated documents routers and services send."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

MAX_QUERY_DEPTH = 20


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    visiting: frozenset[str],
) -> int:
    if selection_set is None:
        return 0
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue  # introspection has its own shape; it is not a data query
            deepest = max(deepest, 1 + _depth(selection.selection_set, fragments, visiting))
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, visiting))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in visiting:  # cycles are another rule's job
                deepest = max(deepest, _depth(fragment.selection_set, fragments, visiting | {name}))
    return deepest


class MaxDepthRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        fragments = {
            definition.name.value: definition
            for definition in self.context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        depth = _depth(node.selection_set, fragments, frozenset())
        if depth > MAX_QUERY_DEPTH:
            name = node.name.value if node.name else "anonymous"
            self.report_error(
                GraphQLError(
                    f"'{name}' exceeds the maximum query depth of {MAX_QUERY_DEPTH}",
                    node,
                    extensions={"code": "QUERY_TOO_DEEP"},
                )
            )
