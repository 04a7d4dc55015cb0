"""The client's response: the merged response tree projected through the client's normalized
operation (dropping what the planner added, applying type conditions and @skip/@include), with
GraphQL null propagation: a null in a non-null position nulls the nearest nullable parent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    is_abstract_type,
    is_leaf_type,
)

from router.executor.collect import collect_fields
from router.planner.normalize.selection import Field, NormalizedOperation, Selection

Path = list[str | int]


class _Bubble:
    """A non-null violation below: the enclosing nullable position becomes null."""


BUBBLE = _Bubble()
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class ResponseBuilder:
    def __init__(
        self,
        schema: GraphQLSchema,
        possible_types: Mapping[str, frozenset[str]],
        variables: Mapping[str, Any],
        errors: list[dict[str, Any]],
    ) -> None:
        self.schema = schema
        self.possible_types = possible_types
        self.variables = variables
        self.errors = errors
        self._error_paths = [tuple(e["path"]) for e in errors if isinstance(e.get("path"), list)]

    def build(self, operation: NormalizedOperation, data: dict[str, Any]) -> dict[str, Any] | None:
        root = self.schema.type_map[operation.root_type]
        assert isinstance(root, GraphQLObjectType)
        selections = operation.selections + operation.introspection
        result = self._object(data, root, selections, [])
        return None if isinstance(result, _Bubble) else result

    def _applies(self, selection: Selection, typename: str) -> bool:
        if any(not c.holds(dict(self.variables)) for c in selection.conditions):
            return False
        if isinstance(selection, Field):
            return True
        condition = selection.type_condition
        return condition == typename or typename in self.possible_types.get(condition, ())

    def _object(
        self,
        value: dict[str, Any],
        object_type: GraphQLObjectType | GraphQLInterfaceType,
        selections: tuple[Selection, ...],
        path: Path,
    ) -> dict[str, Any] | _Bubble:
        result: dict[str, Any] = {}
        typename = object_type.name
        fields = collect_fields(selections, lambda s: self._applies(s, typename))
        for key, selection in fields.items():
            if selection.name == "__typename":
                result[key] = object_type.name
                continue
            if selection.name in INTROSPECTION_FIELDS:
                result[key] = value.get(key)
                continue
            definition = object_type.fields[selection.name]
            coordinate = f"{object_type.name}.{selection.name}"
            completed = self._complete(
                value.get(key), definition.type, selection, coordinate, [*path, key]
            )
            if isinstance(completed, _Bubble):
                return BUBBLE
            result[key] = completed
        return result

    def _complete(
        self,
        value: Any,
        output_type: GraphQLOutputType,
        field: Field,
        coordinate: str,
        path: Path,
    ) -> Any:
        if isinstance(output_type, GraphQLNonNull):
            completed = self._complete(value, output_type.of_type, field, coordinate, path)
            if completed is None or isinstance(completed, _Bubble):
                if completed is None:
                    self._null_error(coordinate, path)
                return BUBBLE
            return completed
        if value is None:
            return None
        if isinstance(output_type, GraphQLList):
            if not isinstance(value, list):
                return None
            items = []
            for index, item in enumerate(value):
                completed = self._complete(
                    item, output_type.of_type, field, coordinate, [*path, index]
                )
                if isinstance(completed, _Bubble):
                    return None  # this list is the nearest nullable position
                items.append(completed)
            return items
        if is_leaf_type(output_type):
            return self._leaf(value, output_type, coordinate, path)
        if not isinstance(value, dict):
            return None
        runtime = self._runtime_type(value, output_type, coordinate, path)
        if runtime is None:
            return None
        completed_object = self._object(value, runtime, field.selections, path)
        return None if isinstance(completed_object, _Bubble) else completed_object

    def _runtime_type(
        self, value: dict[str, Any], static: GraphQLOutputType, coordinate: str, path: Path
    ) -> GraphQLObjectType | GraphQLInterfaceType | None:
        if not is_abstract_type(static):
            assert isinstance(static, GraphQLObjectType)
            return static
        typename = value.get("__typename")
        runtime = self.schema.type_map.get(typename) if isinstance(typename, str) else None
        if isinstance(runtime, GraphQLObjectType):
            return runtime
        if isinstance(typename, str) and typename not in self.schema.type_map:
            # A type clients cannot see (@inaccessible): never reported under the abstract
            # type's name.
            where = _describe(path, coordinate, str(static))
            self._invalid(f"Invalid __typename found for object at {where}.", path)
            return None
        # Only an @interfaceObject subgraph answered (it knows the interface, not the concrete
        # type); the planner fetched the concrete type whenever the selection depends on it.
        return static if isinstance(static, GraphQLInterfaceType) else None

    def _leaf(self, value: Any, output_type: GraphQLOutputType, coordinate: str, path: Path) -> Any:
        """An enum value clients cannot see (@inaccessible) never reaches them: null, with an
        error (non-null positions then bubble as usual)."""
        if isinstance(output_type, GraphQLEnumType) and value not in output_type.values:
            where = _describe(path, coordinate, output_type.name)
            self._invalid(f"Invalid value found for {where}.", path)
            return None
        return value

    def _invalid(self, message: str, path: Path) -> None:
        self.errors.append(
            {"message": message, "path": list(path), "extensions": {"code": "INVALID_GRAPHQL"}}
        )
        self._error_paths.append(tuple(path))

    def _null_error(self, coordinate: str, path: Path) -> None:
        """Report the violation unless an error already explains this null."""
        here = tuple(path)
        for error_path in self._error_paths:
            shorter = min(len(error_path), len(here))
            if error_path[:shorter] == here[:shorter]:
                return
        self.errors.append(
            {
                "message": f"Cannot return null for non-nullable field {coordinate}.",
                "path": path,
            }
        )
        self._error_paths.append(here)


def _describe(path: Path, coordinate: str, type_name: str) -> str:
    """Where a value is, worded as Apollo's gateway words it in errors."""
    last = path[-1] if path else None
    if isinstance(last, int):
        return f"array element of type {type_name} at index {last}"
    return f"field {coordinate}"


def selected_by_client(selections: tuple[Selection, ...], path: list[str | int]) -> bool:
    """Whether a response path names fields the client asked for (list indices skipped): a
    failed fetch also filled fields only the planner wanted, which the client must not see."""
    current = selections
    for segment in path:
        if isinstance(segment, int):
            continue
        found = _find_field(current, segment)
        if found is None:
            return False
        current = found.selections
    return True


def _find_field(selections: tuple[Selection, ...], response_key: str) -> Field | None:
    for selection in selections:
        if isinstance(selection, Field):
            if selection.response_key == response_key:
                return selection
        else:
            found = _find_field(selection.selections, response_key)
            if found is not None:
                return found
    return None
