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
    meta = Metadata(subgraph)
    composite = [t for t in subgraph.types.values() if t.kind in ("object", "interface")]
    every = [f for t in composite for f in t.fields.values()]
    keys = {t.name: k for t in composite for k in [t.applied("key")] if k}
    return _Snapshot(
        {t.name: set(t.fields) for t in composite},
        {n: k[0].arg_str("fields") or "" for n, k in keys.items()},
        {t.name: t.has_definition for t in composite},
        {f.coordinate for f in every if meta.is_external(f)},
        {f.coordinate for f in every if meta.is_partially_external(f)},
        set(meta.shareable),
    )


def upgrade_subgraphs(subgraphs: list[Subgraph]) -> list[CompositionError]:
    """Upgrade every Fed 1 subgraph in place; returns errors (none when all is well)."""
    if all(s.is_fed2 for s in subgraphs):
        return []
    snapshots = {s.name: _snapshot(s) for s in subgraphs}
    errors: list[CompositionError] = []
    for s in subgraphs:
        if not s.is_fed2:
            errors += _Upgrader(s, snapshots).upgrade()
    return errors


def _is_type_extension(t: TypeDef) -> bool:
    extends = t.has("extends")
    return (
        (t.has_extension or extends)
        and t.kind in ("object", "interface")
        and (extends or not t.has_definition)
    )


def _is_root_extension(subgraph: Subgraph, t: TypeDef) -> bool:
    return (
        t.kind == "object"
        and t.name in subgraph.roots.values()
        and (t.has("extends") or (t.has_extension and not t.has_definition))
    )


def print_selection(items: list[Selected]) -> str:
    parts = []
    for s in items:
        parts.append(
            s.field.name + (" { " + print_selection(s.children) + " }" if s.children else "")
        )
    return " ".join(parts)


class _Upgrader:
    def __init__(self, subgraph: Subgraph, snapshots: dict[str, _Snapshot]) -> None:
        self.s = subgraph
        self.original = snapshots[subgraph.name]
        self.others = {n: snap for n, snap in snapshots.items() if n != subgraph.name}
        self.errors: list[CompositionError] = []

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, f"[{self.s.name}] {message}"))

    def upgrade(self) -> list[CompositionError]:
        for t in self.s.types.values():
            self._check_extension_with_no_base(t)
        for t in self.s.types.values():
            if t.kind == "interface":
                for f in t.fields.values():
                    f.directives = [d for d in f.directives if d.name != "external"]
            if t.kind == "object":
                t.directives = [d for d in t.directives if d.name != "external"]
        self._remove_external_on_type_extensions()
        self._fix_inactive_provides_and_requires()
        for t in self.s.types.values():
            if _is_type_extension(t) or _is_root_extension(self.s, t):
                t.has_extension, t.has_definition = False, True
                for d in t.directives:
                    d.of_extension = False
                for f in t.fields.values():
                    f.of_extension = False
        for t in self.s.types.values():
            if t.kind == "interface":
                t.directives = [d for d in t.directives if d.name != "key"]
                for f in t.fields.values():
                    f.directives = [
                        d for d in f.directives if d.name not in ("provides", "requires")
                    ]
        self._remove_provides_on_non_composite()
        self._remove_unused_externals()
        if self.errors:
            return self.errors
        self.s.is_fed2 = True
        self._add_shareable()
        return []

    def _check_extension_with_no_base(self, t: TypeDef) -> None:
        if _is_root_extension(self.s, t) or not _is_type_extension(t):
            return
        if any(snap.has_definition.get(t.name) for snap in self.others.values()):
            return
        self.error(
            "EXTENSION_WITH_NO_BASE",
            f'Type "{t.name}" is an extension type, but there '
            f'is no type definition for "{t.name}" in any subgraph.',
        )

    def _drop_external(self, f: Field) -> None:
        f.directives = [d for d in f.directives if d.name != "external"]

    def _remove_external_on_type_extensions(self) -> None:
        for t in self.s.types.values():
            if t.kind not in ("object", "interface"):
                continue
            if not _is_type_extension(t) and not _is_root_extension(self.s, t):
                continue
            keys = t.applied("key")
            if keys:
                for key in keys:
                    for f in target_fields(self.s, t, key.arg_str("fields") or "", False):
                        if f.parent == t.name:
                            self._drop_external(f)
                continue
            for snap in self.others.values():
                fields = snap.first_key.get(t.name)
                if not fields:
                    continue
                # Apollo resolves the other subgraph's key on its own type: the names that match
                for name in fields.replace("{", " ").replace("}", " ").split():
                    if name in t.fields and name in snap.fields.get(t.name, set()):
                        self._drop_external(t.fields[name])

    def _fix_inactive_provides_and_requires(self) -> None:
        for t in list(self.s.types.values()):
            if t.kind not in ("object", "interface"):
                continue
            for f in t.fields.values():
                target = self.s.type(base_type_name(f.type))
                if target is not None:
                    self._fix_applications(f, "provides", target)
                self._fix_applications(f, "requires", t)

    def _fix_applications(self, f: Field, name: str, parent: TypeDef) -> None:
        kept: list[Applied] = []
        for d in f.directives:
            if d.name != name:
                kept.append(d)
                continue
            try:
                selection = resolve_field_set(self.s, parent, d.arg_str("fields") or "")
            except FieldSetError:
                kept.append(d)
                continue
            if not _selects_non_external_leaf(self.s, selection):
                kept.append(d)
                continue
            updated = _only_external(self.s, selection)
            if updated:
                kept.append(
                    Applied(
                        name, {"fields": string_value(print_selection(updated))}, d.of_extension
                    )
                )
        f.directives = kept

    def _remove_provides_on_non_composite(self) -> None:
        for t in self.s.types.values():
            if t.kind != "object":
                continue
            for f in t.fields.values():
                target = self.s.type(base_type_name(f.type))
                if target is None or target.kind not in ("object", "interface", "union"):
                    f.directives = [d for d in f.directives if d.name != "provides"]

    def _remove_unused_externals(self) -> None:
        meta = Metadata(self.s)
        for t in list(self.s.types.values()):
            if t.kind not in ("object", "interface"):
                continue
            for f in list(t.fields.values()):
                if meta.is_external(f) and not meta.is_used(f):
                    del t.fields[f.name]
            if not t.fields:
                if _is_referenced(self.s, t.name):
                    self.error(
                        "TYPE_WITH_ONLY_UNUSED_EXTERNAL",
                        f"Type {t.name} contains only external fields and all those "
                        "fields are all unused (they do not appear in any @key, "
                        "@provides or @requires).",
                    )
                else:
                    del self.s.types[t.name]

    def _add_shareable(self) -> None:
        subscription = self.s.roots.get("subscription")
        roots = set(self.s.roots.values())
        for t in self.s.types.values():
            if t.kind != "object" or t.name == subscription:
                continue
            if t.has("key") or t.name in roots:
                for f in t.fields.values():
                    if f.coordinate in self.original.shareable or has_directive(f, "shareable"):
                        continue
                    if any(self._resolved_in(snap, f) for snap in self.others.values()):
                        f.directives.append(Applied("shareable"))
            elif any(t.name in snap.fields for snap in self.others.values()) and not t.has(
                "shareable"
            ):
                t.directives.append(Applied("shareable"))

    @staticmethod
    def _resolved_in(snap: _Snapshot, f: Field) -> bool:
        if f.name not in snap.fields.get(f.parent, set()):
            return False
        return f.coordinate not in snap.external or f.coordinate in snap.partially_external


def _is_external_or_has_external_implementations(subgraph: Subgraph, f: Field) -> bool:
    if has_directive(f, "external"):
        return True
    parent = subgraph.type(f.parent)
    if parent is not None and parent.kind == "interface":
        return any(
            f.name in impl.fields and has_directive(impl.fields[f.name], "external")
            for impl in subgraph.implementations(parent.name)
        )
    return False


def _selects_non_external_leaf(subgraph: Subgraph, items: list[Selected]) -> bool:
    for s in items:
        if _is_external_or_has_external_implementations(subgraph, s.field):
            continue
        if not s.children or _selects_non_external_leaf(subgraph, s.children):
            return True
    return False


def _only_external(subgraph: Subgraph, items: list[Selected]) -> list[Selected]:
    out = []
    for s in items:
        if _is_external_or_has_external_implementations(subgraph, s.field):
            out.append(s)
        elif s.children:
            children = _only_external(subgraph, s.children)
            if children:
                out.append(Selected(s.parent, s.field, s.has_arguments, children))
    return out


def _is_referenced(subgraph: Subgraph, name: str) -> bool:
    for t in subgraph.types.values():
        if name in t.interfaces or name in t.members:
            return True
        for f in t.fields.values():
            if base_type_name(f.type) == name or any(
                base_type_name(a.type) == name for a in f.args.values()
            ):
                return True
    return name in subgraph.roots.values()
