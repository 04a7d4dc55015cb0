"""Guards on the shape of an operation, checked after parsing and before validation (cheap,
and they keep a hostile document from reaching the costlier stages): depth, aliases and root
fields, counted with fragments expanded. Fragment results are memoized, so a document that
spreads a fragment many times over is measured in linear time, and cycles (invalid anyway)
end the walk instead of recursing forever."""

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
class OperationLimits:
    max_document_bytes: int = 32_768
    max_tokens: int = 15_000  # graphql-core stops parsing beyond this many tokens
    max_depth: int = 20
    max_aliases: int = 30
    max_root_fields: int = 20


@dataclass(frozen=True)
class Shape:
    depth: int
    aliases: int
    root_fields: int


class _Measure:
    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.memo: dict[str, tuple[int, int, int]] = {}
        self.visiting: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None) -> tuple[int, int, int]:
        """(depth, aliases, fields at this level) of a selection set."""
        depth = aliases = fields = 0
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                inner_depth, inner_aliases, _ = self.selection_set(selection.selection_set)
                depth = max(depth, 1 + inner_depth)
                aliases += inner_aliases + (1 if selection.alias else 0)
                fields += 1
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
                depth, aliases, fields = max(depth, inner[0]), aliases + inner[1], fields + inner[2]
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                depth, aliases, fields = max(depth, inner[0]), aliases + inner[1], fields + inner[2]
        return depth, aliases, fields

    def fragment(self, name: str) -> tuple[int, int, int]:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0, 0, 0
        self.visiting.add(name)
        result = self.selection_set(definition.selection_set)
        self.visiting.discard(name)
        self.memo[name] = result
        return result


def measure(document: DocumentNode) -> Shape:
    """The largest figures over the document's operations."""
    measuring = _Measure(document)
    shapes = [
        measuring.selection_set(d.selection_set)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
    return Shape(
        max((s[0] for s in shapes), default=0),
        max((s[1] for s in shapes), default=0),
        max((s[2] for s in shapes), default=0),
    )


def limit_errors(document: DocumentNode, limits: OperationLimits) -> list[GraphQLError]:
    shape = measure(document)
    checks = (
        (shape.depth, limits.max_depth, "MAX_DEPTH_LIMIT", "depth"),
        (shape.aliases, limits.max_aliases, "MAX_ALIASES_LIMIT", "aliases"),
        (shape.root_fields, limits.max_root_fields, "MAX_ROOT_FIELDS_LIMIT", "root fields"),
    )
    return [
        GraphQLError(
            f"Maximum {what} limit exceeded in this operation: {value} > {limit}",
            extensions={"code": code},
        )
        for value, limit, code, what in checks
        if value > limit
    ]


def document_too_large(query: str, limits: OperationLimits) -> GraphQLError | None:
    size = len(query.encode())
    if size <= limits.max_document_bytes:
        return None
    return GraphQLError(
        f"The document is {size} bytes; at most {limits.max_document_bytes} are accepted",
        extensions={"code": "MAX_DOCUMENT_SIZE_LIMIT"},
    )
