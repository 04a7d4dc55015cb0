"""The client's response in one pass over a shape compiled once per plan: for each object type
and selection set, the flat list of fields to copy with their output types already resolved, so
building a response does no schema lookups, no path bookkeeping and no copies of leaf values or
leaf lists.

This pass handles the common case only. When it meets a null in a non-null position (which
needs the error's path and the nearest nullable parent) it gives up and the caller runs the
reference ResponseBuilder, whose output is the same in every case this pass completes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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

from router.executor.response import ResponseBuilder
from router.planner.normalize.selection import Condition, Field, NormalizedOperation, Selection
from router.planner.plan import QueryPlan

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})

# Field kinds
_TYPENAME, _RAW, _VALUE = 0, 1, 2
_LEAF_VALUE = 3  # a _VALUE of a leaf type (not an enum): copied as it is, or a null checked
# Type tokens (_ENUM: a leaf whose value must be one clients can see)
_LEAF, _OBJECT, _LIST, _ENUM = 0, 1, 2, 3


class NeedsReference(Exception):
    """A null where the schema forbids one: only the reference builder reports it exactly."""


@dataclass(slots=True)
class _Type:
    """An output type, unwrapped once: `non_null` applies to this level."""

    non_null: bool
    kind: int
    item: _Type | None = None  # for lists
    static: GraphQLObjectType | GraphQLInterfaceType | None = None  # for objects
    abstract: bool = False
    leaf_list: bool = False  # a list of nullable leaves: returned as it came
    enum_values: frozenset[str] = frozenset()  # for enums: the values of the API schema


@dataclass(slots=True)
class _Field:
    key: str
    kind: int
    conditions: tuple[Condition, ...]
    type: _Type | None
    selections: tuple[Selection, ...]


class _Node:
    """One selection set compiled for one object type: the fields to copy, in order."""

    __slots__ = ("fields", "plain", "typename")

    def __init__(self, typename: str, fields: tuple[_Compiled, ...], plain: bool) -> None:
        self.typename = typename
        self.fields = fields
        self.plain = plain  # no @skip/@include and unique keys: nothing to check per field


class _Child:
    """The sub-selections of one composite field, with their compiled nodes by runtime type
    (compiled on first use, then found without building a key)."""

    __slots__ = ("nodes", "selections", "static")

    def __init__(self, selections: tuple[Selection, ...]) -> None:
        self.selections = selections
        self.static: _Node | None = None  # the node of a non-abstract field type, once compiled
        self.nodes: dict[str, _Node] = {}


# (response key, kind, conditions, type, sub-selections): a tuple unpacks fastest in the loop.
_Compiled = tuple[str, int, tuple[Condition, ...], "_Type | None", _Child]


class ResponseShape:
    """Compiled for one operation; safe to share between requests (it only reads, and what it
    compiles on first use is the same whichever request compiles it)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        possible_types: Mapping[str, frozenset[str]],
        operation: NormalizedOperation,
    ) -> None:
        self.schema = schema
        self.possible_types = possible_types
        root = schema.type_map[operation.root_type]
        assert isinstance(root, GraphQLObjectType)
        self.root = root
        self.selections = operation.selections + operation.introspection
        self._root: _Node | None = None
        self._types: dict[int, _Type] = {}

    def build(self, data: dict[str, Any], variables: Mapping[str, Any]) -> dict[str, Any]:
        """Raises NeedsReference when the reference builder must decide."""
        if self._root is None:
            self._root = self._compile(self.root, self.selections)
        return self._object(data, self._root, variables)

    def _object(
        self, value: dict[str, Any], node: _Node, variables: Mapping[str, Any]
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if node.plain:
            for key, kind, _, shape, child in node.fields:
                if kind == _LEAF_VALUE:
                    item = value.get(key)
                    if item is None and shape.non_null:  # type: ignore[union-attr]
                        raise NeedsReference
                    result[key] = item
                elif kind == _VALUE:
                    result[key] = self._complete(value.get(key), shape, child, variables)  # type: ignore[arg-type]
                elif kind == _TYPENAME:
                    result[key] = node.typename
                else:
                    result[key] = value.get(key)
            return result
        for key, kind, conditions, shape, child in node.fields:
            if conditions and not _holds(conditions, variables):
                continue
            if key in result:
                continue
            if kind in (_VALUE, _LEAF_VALUE):
                result[key] = self._complete(value.get(key), shape, child, variables)  # type: ignore[arg-type]
            elif kind == _TYPENAME:
                result[key] = node.typename
            else:
                result[key] = value.get(key)
        return result

    def _complete(
        self,
        value: Any,
        shape: _Type,
        child: _Child,
        variables: Mapping[str, Any],
    ) -> Any:
        if value is None:
            if shape.non_null:
                raise NeedsReference
            return None
        kind = shape.kind
        if kind == _LEAF:
            return value
        if kind == _ENUM:
            if value not in shape.enum_values:  # @inaccessible: the reference builder reports it
                raise NeedsReference
            return value
        if kind == _LIST:
            if not isinstance(value, list):
                if shape.non_null:
                    raise NeedsReference
                return None
            if shape.leaf_list:
                return value
            item = shape.item
            assert item is not None
            if item.kind == _OBJECT and not item.abstract:  # a list of one object type
                node = child.static or self._static_node(item, child)
                return [
                    self._object(entry, node, variables)
                    if type(entry) is dict
                    else self._complete(entry, item, child, variables)
                    for entry in value
                ]
            return [self._complete(entry, item, child, variables) for entry in value]
        if not isinstance(value, dict):
            if shape.non_null:
                raise NeedsReference
            return None
        if not shape.abstract:
            return self._object(value, child.static or self._static_node(shape, child), variables)
        runtime = self._runtime_type(value, shape)
        if runtime is None:
            if shape.non_null:
                raise NeedsReference
            return None
        found = child.nodes.get(runtime.name)
        if found is None:
            found = child.nodes[runtime.name] = self._compile(runtime, child.selections)
        return self._object(value, found, variables)

    def _static_node(self, shape: _Type, child: _Child) -> _Node:
        assert shape.static is not None
        child.static = self._compile(shape.static, child.selections)
        return child.static

    def _runtime_type(
        self, value: dict[str, Any], shape: _Type
    ) -> GraphQLObjectType | GraphQLInterfaceType | None:
        static = shape.static
        typename = value.get("__typename")
        runtime = self.schema.type_map.get(typename) if isinstance(typename, str) else None
        if isinstance(runtime, GraphQLObjectType):
            return runtime
        if runtime is None and isinstance(typename, str):
            raise NeedsReference  # a type clients cannot see: the reference builder reports it
        return static if isinstance(static, GraphQLInterfaceType) else None

    def _compile(
        self,
        object_type: GraphQLObjectType | GraphQLInterfaceType,
        selections: tuple[Selection, ...],
    ) -> _Node:
        """Raises NeedsReference for a selection set that repeats a response key with
        sub-selections to merge (the reference builder merges them); it is compiled again,
        and refused again, by each request that meets it: rare, and never cached wrongly."""
        flattened: list[_Field] = []
        self._flatten(object_type, selections, (), flattened)
        keys = [f.key for f in flattened]
        nested = [f.key for f in flattened if f.selections or _composite(f.type)]
        if len(set(nested)) != len(nested):
            raise NeedsReference
        plain = not any(f.conditions for f in flattened)
        if plain:  # the first field of a response key wins; the others would be skipped
            flattened = [f for i, f in enumerate(flattened) if f.key not in keys[:i]]
        fields = tuple(
            (f.key, _kind(f), f.conditions, f.type, _Child(f.selections)) for f in flattened
        )
        return _Node(object_type.name, fields, plain)

    def _flatten(
        self,
        object_type: GraphQLObjectType | GraphQLInterfaceType,
        selections: tuple[Selection, ...],
        outer: tuple[Condition, ...],
        into: list[_Field],
    ) -> None:
        for selection in selections:
            conditions = outer + tuple(sorted(selection.conditions))
            if not isinstance(selection, Field):
                condition = selection.type_condition
                if condition == object_type.name or object_type.name in self.possible_types.get(
                    condition, ()
                ):
                    self._flatten(object_type, selection.selections, conditions, into)
                continue
            if selection.name == "__typename":
                into.append(_Field(selection.response_key, _TYPENAME, conditions, None, ()))
            elif selection.name in INTROSPECTION_FIELDS:
                into.append(_Field(selection.response_key, _RAW, conditions, None, ()))
            else:
                definition = object_type.fields[selection.name]
                into.append(
                    _Field(
                        selection.response_key,
                        _VALUE,
                        conditions,
                        self._type(definition.type),
                        selection.selections,
                    )
                )

    def _type(self, output_type: GraphQLOutputType) -> _Type:
        cached = self._types.get(id(output_type))
        if cached is not None:
            return cached
        non_null = isinstance(output_type, GraphQLNonNull)
        inner = output_type.of_type if isinstance(output_type, GraphQLNonNull) else output_type
        if isinstance(inner, GraphQLList):
            item = self._type(inner.of_type)
            shape = _Type(
                non_null, _LIST, item=item, leaf_list=item.kind == _LEAF and not item.non_null
            )
        elif isinstance(inner, GraphQLEnumType):
            shape = _Type(non_null, _ENUM, enum_values=frozenset(inner.values))
        elif is_leaf_type(inner):
            shape = _Type(non_null, _LEAF)
        else:
            composite = isinstance(inner, GraphQLObjectType | GraphQLInterfaceType)
            static = inner if isinstance(inner, GraphQLObjectType | GraphQLInterfaceType) else None
            assert composite or is_abstract_type(inner)
            shape = _Type(non_null, _OBJECT, static=static, abstract=is_abstract_type(inner))
        self._types[id(output_type)] = shape
        return shape


def _kind(field: _Field) -> int:
    leaf = field.kind == _VALUE and field.type is not None and field.type.kind == _LEAF
    return _LEAF_VALUE if leaf else field.kind


def _composite(shape: _Type | None) -> bool:
    """An object, or a list of them at any depth: its sub-selections may need merging."""
    while shape is not None and shape.kind == _LIST:
        shape = shape.item
    return shape is not None and shape.kind == _OBJECT


def _holds(conditions: tuple[Condition, ...], variables: Mapping[str, Any]) -> bool:
    for condition in conditions:
        if bool(variables.get(condition.variable)) != condition.passes_when:
            return False
    return True


class ResponseAssembler:
    """Shapes cached per plan object (the plan cache hands out one object per distinct
    operation, so the shape is compiled once per operation); the reference builder whenever the
    fast pass cannot decide."""

    def __init__(
        self,
        schema: GraphQLSchema,
        possible_types: Mapping[str, frozenset[str]],
        capacity: int = 1000,
    ) -> None:
        self.schema = schema
        self.possible_types = possible_types
        self.capacity = capacity
        # id(plan) -> (plan, shape): holding the plan keeps its id from being reused.
        self._shapes: dict[int, tuple[QueryPlan, ResponseShape]] = {}

    def shape_for(self, plan: QueryPlan, operation: NormalizedOperation) -> ResponseShape:
        entry = self._shapes.get(id(plan))
        if entry is not None and entry[0] is plan:
            return entry[1]
        shape = ResponseShape(self.schema, self.possible_types, operation)
        if len(self._shapes) >= self.capacity:
            self._shapes.pop(next(iter(self._shapes)))  # oldest first
        self._shapes[id(plan)] = (plan, shape)
        return shape

    def build(
        self,
        plan: QueryPlan,
        operation: NormalizedOperation,
        data: dict[str, Any],
        variables: Mapping[str, Any],
        errors: list[dict[str, Any]],
    ) -> dict[str, Any] | None:
        """The client's `data`; non-null violations are appended to `errors`."""
        try:
            return self.shape_for(plan, operation).build(data, variables)
        except NeedsReference:
            builder = ResponseBuilder(self.schema, self.possible_types, variables, errors)
            return builder.build(operation, data)
