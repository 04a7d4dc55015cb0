"""Normalize a validated operation: inline fragments, apply @skip/@include, type and merge fields,
simplify type conditions, and set introspection root fields aside for the router to answer."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    print_ast,
)

from router.planner.normalize.abstract import simplify_type_conditions
from router.planner.normalize.build import build_selections
from router.planner.normalize.fragments import fragment_definitions, inline_spreads
from router.planner.normalize.printer import print_selections
from router.planner.normalize.selection import Field, NormalizedOperation, VariableDefinition


def select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) != 1:
            raise GraphQLError("Must provide operation name if query contains multiple operations.")
        return operations[0]
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    raise GraphQLError(f"Unknown operation named '{operation_name}'.")


def normalize_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None = None
) -> NormalizedOperation:
    operation = select_operation(document, operation_name)
    kind = operation.operation.value
    root = schema.get_root_type(operation.operation)
    if root is None:
        raise GraphQLError(f"Schema is not configured for {kind} operations.")
    selection_set = inline_spreads(operation.selection_set, fragment_definitions(document))
    selections = simplify_type_conditions(
        schema, root.name, build_selections(schema, root.name, selection_set)
    )
    introspection = tuple(
        s for s in selections if isinstance(s, Field) and s.name in ("__schema", "__type")
    )
    planned = tuple(s for s in selections if s not in introspection)
    variables = tuple(
        VariableDefinition(
            v.variable.name.value,
            print_ast(v.type),
            print_ast(v.default_value) if v.default_value is not None else None,
        )
        for v in operation.variable_definitions or ()
    )
    name = operation.name.value if operation.name else None
    signature = (
        f"{kind} {name or ''}({', '.join(v.printed() for v in variables)})"
        f"{{{print_selections(planned)}}}"
    )
    return NormalizedOperation(
        kind=kind,
        name=name,
        root_type=root.name,
        selections=planned,
        variables=variables,
        introspection=introspection,
        signature=signature,
    )
