"""Client variables checked against the operation's definitions (graphql-core coercion). The
coerced values (defaults applied) decide @skip/@include; subgraphs get what the client sent."""

from __future__ import annotations

from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from graphql.execution.values import get_variable_values

from router.planner.normalize import select_operation


def coerce_variables(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any],
) -> tuple[dict[str, Any], list[GraphQLError]]:
    operation = select_operation(document, operation_name)
    result = get_variable_values(schema, operation.variable_definitions or (), variables)
    if isinstance(result, list):
        return {}, result
    return dict(result.coerced), []
