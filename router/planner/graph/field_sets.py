"""Keys, @requires and @provides field sets as normalized selections on a supergraph type, so
the planner plans them exactly like client selections."""

from __future__ import annotations

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode, print_ast

from router.planner.normalize.selection import Field, InlineFragment, Selection
from router.supergraph.model import Supergraph

TYPENAME = Field("__typename", "__typename", type_name="String")


class FieldSets:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self._cache: dict[tuple[str, int], tuple[Selection, ...]] = {}
        self._keep: list[SelectionSetNode] = []  # ids stay valid while cached

    def selections(self, parent: str, selection_set: SelectionSetNode) -> tuple[Selection, ...]:
        cache_key = (parent, id(selection_set))
        cached = self._cache.get(cache_key)
        if cached is None:
            cached = self._cache[cache_key] = self._convert(parent, selection_set)
            self._keep.append(selection_set)
        return cached

    def _convert(self, parent: str, selection_set: SelectionSetNode) -> tuple[Selection, ...]:
        result: list[Selection] = []
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                name = node.name.value
                if name == "__typename":
                    result.append(TYPENAME)
                    continue
                meta = self.supergraph.field(parent, name)
                type_name = meta.type_name if meta is not None else "String"
                arguments = tuple(
                    sorted((a.name.value, print_ast(a.value)) for a in node.arguments or ())
                )
                children = (
                    self._convert(type_name, node.selection_set) if node.selection_set else ()
                )
                result.append(
                    Field(name, name, arguments, selections=children, type_name=type_name)
                )
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else parent
                result.append(
                    InlineFragment(
                        condition, selections=self._convert(condition, node.selection_set)
                    )
                )
        return tuple(result)
