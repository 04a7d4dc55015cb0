"""The shape of a GraphQL operation — depth, aliases, root fields — counted with fragments
expanded, for the router's guards and the subgraphs' depth limit alike.

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
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Shape:
    depth: int
    aliases: int
    root_fields: int


class ShapeMeasure:
    """Measures the operations of one document. `skip_introspection` leaves `__schema`,
    `__type` and `__typename` out (their shape is the schema's, not the caller's)."""

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
        """Depth, aliases and fields at this level of a selection set."""
        depth = aliases = fields = 0
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                if self.skip_introspection and selection.name.value.startswith("__"):
                    continue
                inner = self.selection_set(selection.selection_set)
                depth = max(depth, 1 + inner.depth)
                aliases += inner.aliases + (1 if selection.alias else 0)
                fields += 1
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
            else:
                continue
            depth = max(depth, inner.depth)
            aliases += inner.aliases
            fields += inner.root_fields
        return Shape(depth, aliases, fields)

    def fragment(self, name: str) -> Shape:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return Shape(0, 0, 0)
        self.visiting.add(name)
        result = self.selection_set(definition.selection_set)
        self.visiting.discard(name)
        self.memo[name] = result
        return result


def measure(document: DocumentNode) -> Shape:
    """The largest figures over the document's operations."""
    measuring = ShapeMeasure(document)
    shapes = [
        measuring.operation(d)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
    return Shape(
        max((s.depth for s in shapes), default=0),
        max((s.aliases for s in shapes), default=0),
        max((s.root_fields for s in shapes), default=0),
    )
