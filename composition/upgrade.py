"""Upgrade Federation 1 subgraphs (no `@link`, e.g. Saleor's) to Federation 2 semantics.

Follows the steps of Apollo's schemaUpgrader: type extensions become definitions, meaningless
`@external`s are dropped, inactive `@provides`/`@requires` parts removed, and what Fed 1 shared
implicitly becomes explicitly `@shareable` (value types declared elsewhere too, entity fields
also resolved by another subgraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import CompositionError
from .fieldset import FieldSetError, Selected, resolve_field_set, target_fields
from .metadata import Metadata
from .model import (
    Applied,
    Field,
    TypeDef,
    base_type_name,
    drop_directives,
    has_directive,
    string_value,
)
from .subgraph import Subgraph


@dataclass
class _Snapshot:
    """What other subgraphs looked like before any upgrade (Apollo upgrades clones)."""

    fields: dict[str, set[str]]
    first_key: dict[str, str]
    has_definition: dict[str, bool]
    external: set[str]
    partially_external: set[str]
    shareable: set[str]


def _snapshot(subgraph: Subgraph) -> _Snapshot:
    metadata = Metadata(subgraph)
    composite = [
        type_def for type_def in subgraph.types.values() if type_def.kind in ("object", "interface")
    ]
    every = [type_field for type_def in composite for type_field in type_def.fields.values()]
    first_keys: dict[str, str] = {}
    for type_def in composite:
        keys = type_def.applied("key")
        if keys:
            first_keys[type_def.name] = keys[0].arg_str("fields") or ""
    return _Snapshot(
        {type_def.name: set(type_def.fields) for type_def in composite},
        first_keys,
        {type_def.name: type_def.has_definition for type_def in composite},
        {type_field.coordinate for type_field in every if metadata.is_external(type_field)},
        {
            type_field.coordinate
            for type_field in every
            if metadata.is_partially_external(type_field)
        },
        set(metadata.shareable),
    )


def upgrade_subgraphs(subgraphs: list[Subgraph]) -> list[CompositionError]:
    """Upgrade every Fed 1 subgraph in place; returns errors (none when all is well)."""
    if all(subgraph.is_fed2 for subgraph in subgraphs):
        return []
    snapshots = {subgraph.name: _snapshot(subgraph) for subgraph in subgraphs}
    errors: list[CompositionError] = []
    for subgraph in subgraphs:
        if not subgraph.is_fed2:
            errors += _Upgrader(subgraph, snapshots).upgrade()
    return errors


def _is_type_extension(type_def: TypeDef) -> bool:
    extends = type_def.has("extends")
    return (
        (type_def.has_extension or extends)
        and type_def.kind in ("object", "interface")
        and (extends or not type_def.has_definition)
    )


def _is_root_extension(subgraph: Subgraph, type_def: TypeDef) -> bool:
    return (
        type_def.kind == "object"
        and type_def.name in subgraph.roots.values()
        and (type_def.has("extends") or (type_def.has_extension and not type_def.has_definition))
    )


def print_selection(items: list[Selected]) -> str:
    parts = []
    for item in items:
        parts.append(
            item.field.name
            + (" { " + print_selection(item.children) + " }" if item.children else "")
        )
    return " ".join(parts)


class _Upgrader:
    def __init__(self, subgraph: Subgraph, snapshots: dict[str, _Snapshot]) -> None:
        self.subgraph = subgraph
        self.original = snapshots[subgraph.name]
        self.others = {name: snap for name, snap in snapshots.items() if name != subgraph.name}
        self.errors: list[CompositionError] = []

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, f"[{self.subgraph.name}] {message}"))

    def upgrade(self) -> list[CompositionError]:
        for type_def in self.subgraph.types.values():
            self._check_extension_with_no_base(type_def)
        for type_def in self.subgraph.types.values():
            if type_def.kind == "interface":
                for type_field in type_def.fields.values():
                    drop_directives(type_field, "external")
            if type_def.kind == "object":
                drop_directives(type_def, "external")
        self._remove_external_on_type_extensions()
        self._fix_inactive_provides_and_requires()
        for type_def in self.subgraph.types.values():
            if _is_type_extension(type_def) or _is_root_extension(self.subgraph, type_def):
                type_def.has_extension, type_def.has_definition = False, True
                for directive in type_def.directives:
                    directive.of_extension = False
                for type_field in type_def.fields.values():
                    type_field.of_extension = False
        for type_def in self.subgraph.types.values():
            if type_def.kind == "interface":
                drop_directives(type_def, "key")
                for type_field in type_def.fields.values():
                    drop_directives(type_field, "provides", "requires")
        self._remove_provides_on_non_composite()
        self._remove_unused_externals()
        if self.errors:
            return self.errors
        self.subgraph.is_fed2 = True
        self._add_shareable()
        return []

    def _check_extension_with_no_base(self, type_def: TypeDef) -> None:
        if _is_root_extension(self.subgraph, type_def) or not _is_type_extension(type_def):
            return
        if any(snap.has_definition.get(type_def.name) for snap in self.others.values()):
            return
        self.error(
            "EXTENSION_WITH_NO_BASE",
            f'Type "{type_def.name}" is an extension type, but there '
            f'is no type definition for "{type_def.name}" in any subgraph.',
        )

    def _remove_external_on_type_extensions(self) -> None:
        for type_def in self.subgraph.types.values():
            if type_def.kind not in ("object", "interface"):
                continue
            if not _is_type_extension(type_def) and not _is_root_extension(self.subgraph, type_def):
                continue
            keys = type_def.applied("key")
            if keys:
                for key in keys:
                    for target in target_fields(
                        self.subgraph, type_def, key.arg_str("fields") or "", False
                    ):
                        if target.parent == type_def.name:
                            drop_directives(target, "external")
                continue
            for snap in self.others.values():
                fields = snap.first_key.get(type_def.name)
                if not fields:
                    continue
                # Apollo resolves the other subgraph's key on its own type: the names that match
                for name in fields.replace("{", " ").replace("}", " ").split():
                    if name in type_def.fields and name in snap.fields.get(type_def.name, set()):
                        drop_directives(type_def.fields[name], "external")

    def _fix_inactive_provides_and_requires(self) -> None:
        for type_def in list(self.subgraph.types.values()):
            if type_def.kind not in ("object", "interface"):
                continue
            for type_field in type_def.fields.values():
                target = self.subgraph.type(base_type_name(type_field.type))
                if target is not None:
                    self._fix_applications(type_field, "provides", target)
                self._fix_applications(type_field, "requires", type_def)

    def _fix_applications(self, type_field: Field, name: str, parent: TypeDef) -> None:
        kept: list[Applied] = []
        for directive in type_field.directives:
            if directive.name != name:
                kept.append(directive)
                continue
            try:
                selection = resolve_field_set(
                    self.subgraph, parent, directive.arg_str("fields") or ""
                )
            except FieldSetError:
                kept.append(directive)
                continue
            if not _selects_non_external_leaf(self.subgraph, selection):
                kept.append(directive)
                continue
            updated = _only_external(self.subgraph, selection)
            if updated:
                kept.append(
                    Applied(
                        name,
                        {"fields": string_value(print_selection(updated))},
                        directive.of_extension,
                    )
                )
        type_field.directives = kept

    def _remove_provides_on_non_composite(self) -> None:
        for type_def in self.subgraph.types.values():
            if type_def.kind != "object":
                continue
            for type_field in type_def.fields.values():
                target = self.subgraph.type(base_type_name(type_field.type))
                if target is None or target.kind not in ("object", "interface", "union"):
                    drop_directives(type_field, "provides")

    def _remove_unused_externals(self) -> None:
        metadata = Metadata(self.subgraph)
        for type_def in list(self.subgraph.types.values()):
            if type_def.kind not in ("object", "interface"):
                continue
            for type_field in list(type_def.fields.values()):
                if metadata.is_external(type_field) and not metadata.is_used(type_field):
                    del type_def.fields[type_field.name]
            if not type_def.fields:
                if _is_referenced(self.subgraph, type_def.name):
                    self.error(
                        "TYPE_WITH_ONLY_UNUSED_EXTERNAL",
                        f"Type {type_def.name} contains only external fields and all those "
                        "fields are all unused (they do not appear in any @key, "
                        "@provides or @requires).",
                    )
                else:
                    del self.subgraph.types[type_def.name]

    def _add_shareable(self) -> None:
        subscription = self.subgraph.roots.get("subscription")
        roots = set(self.subgraph.roots.values())
        for type_def in self.subgraph.types.values():
            if type_def.kind != "object" or type_def.name == subscription:
                continue
            if type_def.has("key") or type_def.name in roots:
                for type_field in type_def.fields.values():
                    if type_field.coordinate in self.original.shareable or has_directive(
                        type_field, "shareable"
                    ):
                        continue
                    if any(self._resolved_in(snap, type_field) for snap in self.others.values()):
                        type_field.directives.append(Applied("shareable"))
            elif any(
                type_def.name in snap.fields for snap in self.others.values()
            ) and not type_def.has("shareable"):
                type_def.directives.append(Applied("shareable"))

    @staticmethod
    def _resolved_in(snap: _Snapshot, type_field: Field) -> bool:
        if type_field.name not in snap.fields.get(type_field.parent, set()):
            return False
        return (
            type_field.coordinate not in snap.external
            or type_field.coordinate in snap.partially_external
        )


def _is_external_or_has_external_implementations(subgraph: Subgraph, type_field: Field) -> bool:
    if has_directive(type_field, "external"):
        return True
    parent = subgraph.type(type_field.parent)
    if parent is not None and parent.kind == "interface":
        return any(
            type_field.name in implementation.fields
            and has_directive(implementation.fields[type_field.name], "external")
            for implementation in subgraph.implementations(parent.name)
        )
    return False


def _selects_non_external_leaf(subgraph: Subgraph, items: list[Selected]) -> bool:
    for item in items:
        if _is_external_or_has_external_implementations(subgraph, item.field):
            continue
        if not item.children or _selects_non_external_leaf(subgraph, item.children):
            return True
    return False


def _only_external(subgraph: Subgraph, items: list[Selected]) -> list[Selected]:
    out = []
    for item in items:
        if _is_external_or_has_external_implementations(subgraph, item.field):
            out.append(item)
        elif item.children:
            children = _only_external(subgraph, item.children)
            if children:
                out.append(Selected(item.parent, item.field, children))
    return out


def _is_referenced(subgraph: Subgraph, name: str) -> bool:
    for type_def in subgraph.types.values():
        if name in type_def.interfaces or name in type_def.members:
            return True
        for type_field in type_def.fields.values():
            if base_type_name(type_field.type) == name or any(
                base_type_name(arg.type) == name for arg in type_field.args.values()
            ):
                return True
    return name in subgraph.roots.values()
