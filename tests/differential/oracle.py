"""The reference answer to an operation, computed from a world's facts alone (no subgraph, no
planner): graphql-core executes the operation against the supergraph's API schema (as Apollo's
composition printed it), every field resolved by values.Truth. It tells which side is wrong
when our router and @apollo/gateway disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    build_schema,
    execute,
    parse,
    parse_value,
    value_from_ast_untyped,
)

from tests.differential.model import ROOTS, Field, World
from tests.differential.values import (
    Ref,
    Truth,
    is_a,
    literal_arguments,
    parse_field_set,
    project,
)


@dataclass
class Answer:
    data: Any
    errors: list[dict[str, Any]]


def with_defaults(field: Field, arguments: dict[str, Any]) -> dict[str, Any]:
    """Arguments as a subgraph receives them: defaults filled in."""
    complete = dict(arguments)
    for argument in field.args:
        if argument.name not in complete and argument.default is not None:
            complete[argument.name] = value_from_ast_untyped(parse_value(argument.default))
    return complete


class Oracle:
    def __init__(self, world: World, api_schema_sdl: str | None = None) -> None:
        """Without the API schema it answers for values only, not for operations."""
        self.world = world
        self.truth = Truth(world)
        self.schema: GraphQLSchema | None = build_schema(api_schema_sdl) if api_schema_sdl else None

    def answer(
        self, query: str, variables: dict[str, Any], operation_name: str | None = None
    ) -> Answer:
        assert self.schema is not None, "an oracle for operations needs the API schema"
        result = execute(
            self.schema,
            parse(query),
            variable_values=variables,
            operation_name=operation_name,
            field_resolver=self._resolve,
        )
        assert isinstance(result, ExecutionResult)
        return Answer(result.data, [dict(e.formatted) for e in result.errors or ()])

    def _resolve(self, parent: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        parent_type = info.parent_type.name
        if parent_type in ROOTS:
            concrete, number = parent_type, 0
        else:
            concrete, number = parent["__concrete"], parent["__n"]
        field = self.world.field_for(concrete, info.field_name)
        return _wrap(self.value(concrete, number, field, arguments))

    def required_values(self, concrete: str, number: int, field: Field) -> dict[str, Any]:
        """What a gateway must put in a representation for `field`'s @requires selection."""
        assert field.requires is not None
        return self._evaluate(parse_field_set(field.requires), concrete, number)

    def value(self, concrete: str, number: int, field: Field, arguments: dict[str, Any]) -> Any:
        required = None
        if field.requires is not None:
            selection = parse_field_set(field.requires)
            required = project(selection, self._evaluate(selection, concrete, number), self.world)
        return self.truth.value(concrete, number, field, with_defaults(field, arguments), required)

    def _evaluate(self, selection: SelectionSetNode, concrete: str, number: int) -> dict[str, Any]:
        """A selection's value on one object, as JSON with `__typename`s (what a gateway would
        put in a representation)."""
        result: dict[str, Any] = {"__typename": concrete}
        for node in selection.selections:
            if isinstance(node, FieldNode):
                field = self.world.field_for(concrete, node.name.value)
                raw = self.value(concrete, number, field, literal_arguments(node))
                result[node.name.value] = self._json(raw, node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                if condition is None or is_a(self.world, concrete, condition):
                    result.update(self._evaluate(node.selection_set, concrete, number))
        return result

    def _json(self, raw: Any, selection: SelectionSetNode | None) -> Any:
        if isinstance(raw, list):
            return [self._json(item, selection) for item in raw]
        if isinstance(raw, Ref):
            assert selection is not None
            return self._evaluate(selection, raw.typename, raw.number)
        return raw


def _wrap(raw: Any) -> Any:
    if isinstance(raw, list):
        return [_wrap(item) for item in raw]
    if isinstance(raw, Ref):
        return {"__typename": raw.typename, "__concrete": raw.typename, "__n": raw.number}
    return raw
