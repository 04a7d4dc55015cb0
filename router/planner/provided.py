"""`@provides` selections: fields a subgraph can return on one path although they are external
to it elsewhere. Kept as a small tree matched while walking down that path."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode


@dataclass(frozen=True)
class Provided:
    fields: dict[str, Provided] = field(default_factory=dict)
    on_types: dict[str, Provided] = field(default_factory=dict)

    def lookup(self, parent: str, name: str) -> Provided | None:
        found = self.fields.get(name)
        if found is None and parent in self.on_types:
            found = self.on_types[parent].fields.get(name)
        return found

    def __hash__(self) -> int:
        return id(self)


EMPTY = Provided()


@lru_cache(maxsize=1024)
def provided_from(selection_set: SelectionSetNode) -> Provided:
    fields: dict[str, Provided] = {}
    on_types: dict[str, Provided] = {}
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            fields[node.name.value] = (
                provided_from(node.selection_set) if node.selection_set else EMPTY
            )
        elif isinstance(node, InlineFragmentNode) and node.type_condition:
            on_types[node.type_condition.name.value] = provided_from(node.selection_set)
    return Provided(fields, on_types)
