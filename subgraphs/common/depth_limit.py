"""A depth limit as a plain graphql-core validation rule.

Strawberry's QueryDepthLimiter builds a new rule class per request, which changes the
ValidationCache's key and so defeats the cache; a rule class defined once keeps validation
cached for the repeated documents routers and services send. Depth is measured like the
router's guard does (fragments expanded, memoized), introspection fields left out."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, ValidationRule

from subgraphs.common.operation_shape import ShapeMeasure

MAX_QUERY_DEPTH = 20


class MaxDepthRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        depth = ShapeMeasure(self.context.document, skip_introspection=True).operation(node).depth
        if depth > MAX_QUERY_DEPTH:
            name = node.name.value if node.name else "anonymous"
            self.report_error(
                GraphQLError(
                    f"'{name}' exceeds the maximum query depth of {MAX_QUERY_DEPTH}",
                    node,
                    extensions={"code": "QUERY_TOO_DEEP"},
                )
            )
