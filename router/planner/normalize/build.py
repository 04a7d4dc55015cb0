"""Validated operation AST (spread-free) -> normalized selections, typed against the API schema.
Literal @skip/@include are applied here; variable ones become Conditions."""

from __future__ import annotations

from graphql import (
    FieldNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    print_ast,
)

from router.planner.normalize.conditions import AlwaysSkipped, read_conditions
from router.planner.normalize.selection import Field, InlineFragment, Selection


def variables_in(value: ValueNode) -> set[str]:
    if isinstance(value, VariableNode):
        return {value.name.value}
    if isinstance(value, ListValueNode):
        return set().union(*(variables_in(v) for v in value.values)) if value.values else set()
    if isinstance(value, ObjectValueNode):
        return (
            set().union(*(variables_in(f.value) for f in value.fields)) if value.fields else set()
        )
    return set()


def field_type_name(schema: GraphQLSchema, parent: str, field_name: str) -> str:
    if field_name.startswith("__"):
        return "String" if field_name == "__typename" else ""
    parent_type = schema.type_map[parent]
    if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
        raise KeyError(f"{parent} has no field {field_name}")
    name: str = get_named_type(parent_type.fields[field_name].type).name
    return name


def build_selections(
    schema: GraphQLSchema, parent: str, selection_set: SelectionSetNode
) -> tuple[Selection, ...]:
    built: list[Selection] = []
    for node in selection_set.selections:
        try:
            conditions = read_conditions(node.directives)
        except AlwaysSkipped:
            continue
        if isinstance(node, FieldNode):
            name = node.name.value
            type_name = field_type_name(schema, parent, name)
            arguments = tuple(
                sorted((a.name.value, print_ast(a.value)) for a in node.arguments or ())
            )
            used: set[str] = set()
            for argument in node.arguments or ():
                used |= variables_in(argument.value)
            # Introspection is answered by graphql-core from the API schema: copied, not projected.
            children = (
                build_selections(schema, type_name, node.selection_set)
                if node.selection_set and type_name
                else ()
            )
            built.append(
                Field(
                    response_key=node.alias.value if node.alias else name,
                    name=name,
                    arguments=arguments,
                    variables=frozenset(used),
                    conditions=conditions,
                    selections=children,
                    type_name=type_name,
                )
            )
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else parent
            built.append(
                InlineFragment(
                    condition, conditions, build_selections(schema, condition, node.selection_set)
                )
            )
    return tuple(built)
