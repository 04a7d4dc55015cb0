"""What each subgraph can resolve on its own: its types, resolvable keys, fields it collects
directly (with @provides and @requires), and which subgraphs its keys lead to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..fieldset import FieldSetError, Selected, resolve_field_set
from ..metadata import Metadata
from ..model import TypeDef, base_type_name, directives_named, has_directive
from ..subgraph import Subgraph

# Fields with these directives are beyond this subset: treated as satisfiable.
BAIL_FIELD_DIRECTIVES = ("override",)
ROOT_KINDS = ("query", "mutation", "subscription")
DOWNCAST = "..."  # stands for the parent of a `... on T` step in a path's collected fields


# What a @provides makes locally resolvable below a field: field names, each with its own
# provided sub-selection.
Provided = frozenset[tuple[str, "Provided"]]
NOTHING_PROVIDED: Provided = frozenset()


class Uncertain(Exception):
    """Something this subset does not model: treat the field as satisfiable."""


@dataclass(frozen=True)
class Step:
    """A field collected along a path (its parent type and name), or a downcast
    (`DOWNCAST`, type name)."""

    parent: str
    name: str


def as_provided(items: list[Selected]) -> Provided:
    return frozenset((item.field.name, as_provided(item.children)) for item in items)


class SubgraphFacts:
    def __init__(self, subgraphs: Sequence[Subgraph]) -> None:
        self.subgraphs = list(subgraphs)
        self.names = [subgraph.name for subgraph in self.subgraphs]
        self.metadata = [Metadata(subgraph) for subgraph in self.subgraphs]

    def composite_type(self, index: int, name: str) -> TypeDef | None:
        """Object or interface type `name` of subgraph `index`."""
        type_def = self.subgraphs[index].type(name)
        return (
            type_def if type_def is not None and type_def.kind in ("object", "interface") else None
        )

    def resolvable_keys(self, index: int, type_name: str) -> list[str]:
        type_def = self.composite_type(index, type_name)
        if type_def is None:
            return []
        return [
            key.arg_str("fields") or ""
            for key in type_def.applied("key")
            if key.arg_bool("resolvable") is not False
        ]

    def _select(self, index: int, parent: TypeDef, field_set: str) -> list[Selected] | None:
        try:
            return resolve_field_set(self.subgraphs[index], parent, field_set)
        except FieldSetError:
            return None

    def _can_collect(self, index: int, parent: TypeDef, items: list[Selected]) -> bool:
        """Whether subgraph `index` can itself resolve a key's selection on `parent`."""
        metadata = self.metadata[index]
        own_keys = {
            item.field.name
            for key in parent.applied("key")
            for item in self._select(index, parent, key.arg_str("fields") or "") or []
        }
        for item in items:
            if metadata.is_external(item.field) and item.field.name not in own_keys:
                return False
            if item.children:
                child = self.composite_type(index, base_type_name(item.field.type))
                if child is None:
                    raise Uncertain
                if not self._can_collect(index, child, item.children):
                    return False
        return True

    def key_usable_from(self, index: int, type_name: str, key: str) -> bool:
        """Whether subgraph `index` can collect `key` of `type_name` to jump elsewhere by it."""
        parent = self.composite_type(index, type_name)
        if parent is None:
            return False
        items = self._select(index, parent, key)
        return items is not None and self._can_collect(index, parent, items)

    def cannot_resolve(
        self,
        index: int,
        type_name: str,
        field_name: str,
        provided: Provided = NOTHING_PROVIDED,
    ) -> str | None:
        """None when subgraph `index` resolves the field itself, else Apollo's reason."""
        type_def = self.composite_type(index, type_name)
        local_field = type_def.fields.get(field_name) if type_def is not None else None
        coordinate = f"{type_name}.{field_name}"
        if local_field is None:
            return f'cannot find field "{coordinate}"'
        if any(has_directive(local_field, name) for name in BAIL_FIELD_DIRECTIVES):
            raise Uncertain
        metadata = self.metadata[index]
        if type_def is not None and type_def.kind == "interface":
            for implementation in self.subgraphs[index].implementations(type_name):
                implementation_field = implementation.fields.get(field_name)
                if (
                    implementation_field is None
                    or metadata.is_external(implementation_field)
                    or directives_named(implementation_field, "requires")
                    or any(
                        has_directive(implementation_field, name) for name in BAIL_FIELD_DIRECTIVES
                    )
                ):
                    raise Uncertain
        if metadata.is_external(local_field):
            if any(name == field_name for name, _ in provided):
                return None
            return f'field "{coordinate}" is not resolvable because marked @external'
        for requires in directives_named(local_field, "requires"):
            if not self._requires_satisfied(index, type_name, requires.arg_str("fields") or ""):
                return f'cannot satisfy @require conditions on field "{coordinate}"'
        return None

    def provided_below(
        self, index: int, type_name: str, field_name: str, provided: Provided
    ) -> Provided:
        """What is provided on the type of `type_name.field_name` once subgraph `index` collects
        it: its own @provides, or what an enclosing @provides selected below it."""
        below = [set(selection) for name, selection in provided if name == field_name]
        type_def = self.composite_type(index, type_name)
        local_field = type_def.fields.get(field_name) if type_def is not None else None
        target = (
            self.subgraphs[index].type(base_type_name(local_field.type))
            if local_field is not None
            else None
        )
        if local_field is not None and target is not None:
            for provides in directives_named(local_field, "provides"):
                items = self._select(index, target, provides.arg_str("fields") or "")
                if items is None:
                    raise Uncertain
                below.append(set(as_provided(items)))
        return frozenset().union(*below) if below else NOTHING_PROVIDED

    def _requires_satisfied(self, index: int, type_name: str, field_set: str) -> bool:
        """A flat @requires: another subgraph reachable by key resolves each required field."""
        parent = self.composite_type(index, type_name)
        assert parent is not None
        items = self._select(index, parent, field_set)
        if items is None or any(item.children for item in items):
            raise Uncertain
        if not self.resolvable_keys(index, type_name):
            raise Uncertain  # Apollo's "missing usable key ... to resume query"
        others = [other for other in self._reachable(index, type_name) if other != index]
        return all(
            any(self._resolves_plainly(other, type_name, item.field.name) for other in others)
            for item in items
        )

    def _resolves_plainly(self, index: int, type_name: str, field_name: str) -> bool:
        """Subgraph `index` has the field, neither @external nor with its own @requires."""
        type_def = self.composite_type(index, type_name)
        local_field = type_def.fields.get(field_name) if type_def is not None else None
        return (
            local_field is not None
            and not self.metadata[index].is_external(local_field)
            and not directives_named(local_field, "requires")
        )

    def _reachable(self, start: int, type_name: str) -> list[int]:
        """The subgraphs reachable from `start` by key jumps on `type_name`, breadth first."""
        seen = [start]
        queue = [start]
        while queue:
            current = queue.pop(0)
            for other in range(len(self.subgraphs)):
                if other in seen:
                    continue
                if any(
                    self.key_usable_from(current, type_name, key)
                    for key in self.resolvable_keys(other, type_name)
                ):
                    seen.append(other)
                    queue.append(other)
        return seen

    def follows(self, index: int, start: str, steps: tuple[Step, ...]) -> bool:
        """Whether subgraph `index` can collect `steps` (and downcasts) in a row, from type
        `start` or from its root of that kind."""
        roots = self.subgraphs[index].roots
        current: str | None = roots.get(start) if start in ROOT_KINDS else start
        for step in steps:
            if step.parent == DOWNCAST:
                if self.subgraphs[index].type(step.name) is None:
                    return False
                current = step.name
                continue
            type_def = self.composite_type(index, current) if current is not None else None
            local_field = type_def.fields.get(step.name) if type_def is not None else None
            if local_field is None or self.metadata[index].is_external(local_field):
                return False
            current = base_type_name(local_field.type)
        return True
