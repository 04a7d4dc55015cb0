"""The shape of a GraphQL operation — depth, aliases, root fields, fields — counted with
fragments expanded, for the router's guards and the subgraphs' alike (both check it before
validating: validation is the costly step, quadratic in repeated fields).

Fragment results are memoized, so a document that spreads a fragment many times over (at
many levels) is measured in linear time, and cycles (invalid anyway) end the walk instead of
recursing forever."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Shape:
    depth: int
    aliases: int
    root_fields: int
    fields: int = 0  # every field selection, at every level


class ShapeMeasure:
    """Measures the operations of one document. `skip_introspection` leaves `__schema`,
    `__type` and `__typename` out of the depth (their shape is the schema's, not the
    caller's); they still count as fields and aliases."""

    def __init__(self, document: DocumentNode, skip_introspection: bool = False) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.skip_introspection = skip_introspection
        self.memo: dict[str, Shape] = {}
        self.visiting: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> Shape:
        return self.selection_set(operation.selection_set)

    def selection_set(self, node: SelectionSetNode | None) -> Shape:
        """Depth, aliases, fields at this level (`root_fields`) and in all (`fields`)."""
        depth = aliases = level_fields = fields = 0
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                inner = self.selection_set(selection.selection_set)
                if not (self.skip_introspection and selection.name.value.startswith("__")):
                    depth = max(depth, 1 + inner.depth)
                aliases += inner.aliases + (1 if selection.alias else 0)
                level_fields += 1
                fields += 1 + inner.fields
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
            else:
                continue
            depth = max(depth, inner.depth)
            aliases += inner.aliases
            level_fields += inner.root_fields
            fields += inner.fields
        return Shape(depth, aliases, level_fields, fields)

    def fragment(self, name: str) -> Shape:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return Shape(0, 0, 0, 0)
        self.visiting.add(name)
        result = self.selection_set(definition.selection_set)
        self.visiting.discard(name)
        self.memo[name] = result
        return result


def measure(document: DocumentNode, skip_introspection: bool = False) -> Shape:
    """The largest figures over the document's operations."""
    measuring = ShapeMeasure(document, skip_introspection)
    shapes = [
        measuring.operation(d)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
    return Shape(
        max((s.depth for s in shapes), default=0),
        max((s.aliases for s in shapes), default=0),
        max((s.root_fields for s in shapes), default=0),
        max((s.fields for s in shapes), default=0),
    )


@dataclass(frozen=True)
class ShapeLimits:
    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_fields: int


def limit_errors(shape: Shape, limits: ShapeLimits) -> list[GraphQLError]:
    """An error (with Apollo Router's code) per figure over its limit."""
    checks = (
        (shape.depth, limits.max_depth, "MAX_DEPTH_LIMIT", "depth"),
        (shape.aliases, limits.max_aliases, "MAX_ALIASES_LIMIT", "aliases"),
        (shape.root_fields, limits.max_root_fields, "MAX_ROOT_FIELDS_LIMIT", "root fields"),
        (shape.fields, limits.max_fields, "MAX_FIELDS_LIMIT", "fields"),
    )
    return [
        GraphQLError(
            f"Maximum {what} limit exceeded in this operation: {value} > {limit}",
            extensions={"code": code},
        )
        for value, limit, code, what in checks
        if value > limit
    ]
