"""Type conditions: drop fragments that can never apply, hoist those that always apply (same
type, or any fragment inside an object type), and re-type hoisted fields for their new parent."""

from __future__ import annotations

from dataclasses import replace

from graphql import GraphQLSchema, is_abstract_type

from router.planner.normalize.build import field_type_name
from router.planner.normalize.merge import merge_selections, with_conditions
from router.planner.normalize.selection import Field, Selection


def _possible(schema: GraphQLSchema, name: str) -> frozenset[str]:
    graphql_type = schema.type_map[name]
    if is_abstract_type(graphql_type):
        return frozenset(t.name for t in schema.get_possible_types(graphql_type))
    return frozenset({name})


def simplify_type_conditions(
    schema: GraphQLSchema, parent: str, selections: tuple[Selection, ...]
) -> tuple[Selection, ...]:
    parent_possible = _possible(schema, parent)
    parent_is_object = not is_abstract_type(schema.type_map[parent])
    result: list[Selection] = []
    for selection in selections:
        if isinstance(selection, Field):
            type_name = field_type_name(schema, parent, selection.name)
            children = (
                simplify_type_conditions(schema, type_name, selection.selections)
                if selection.selections
                else ()
            )
            result.append(replace(selection, type_name=type_name, selections=children))
            continue
        condition = selection.type_condition
        if not parent_possible & _possible(schema, condition):
            continue  # can never match here
        if condition == parent or parent_is_object:
            hoisted = simplify_type_conditions(schema, parent, selection.selections)
            result.extend(with_conditions(h, selection.conditions) for h in hoisted)
        else:
            result.append(
                replace(
                    selection,
                    selections=simplify_type_conditions(schema, condition, selection.selections),
                )
            )
    return merge_selections(tuple(result))
