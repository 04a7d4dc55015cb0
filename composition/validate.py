"""Per-subgraph validation (Apollo's subgraph rules): field sets of @key/@requires/@provides,
@external usage, and references to unknown types."""

from __future__ import annotations

from graphql import print_ast

from .errors import CompositionError
from .fieldset import FieldSetError, Selected, resolve_field_set
from .metadata import Metadata
from .model import (
    BUILTIN_SCALARS,
    Applied,
    Field,
    TypeDef,
    base_type_name,
    directives_named,
    type_to_string,
)
from .subgraph import Subgraph


def _directive_text(d: Applied) -> str:
    return print_ast(d.node) if d.node is not None else str(d)


class _SubgraphValidator:
    def __init__(self, subgraph: Subgraph) -> None:
        self.s = subgraph
        self.meta = Metadata(subgraph)
        self.errors: list[CompositionError] = []

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, f"[{self.s.name}] {message}"))

    def run(self) -> list[CompositionError]:
        self._known_types()
        if self.errors:
            return self.errors
        for t in self.s.types.values():
            for key in t.applied("key"):
                self._key(t, key)
        for t in self.s.types.values():
            for f in t.fields.values() if t.kind in ("object", "interface") else ():
                for req in directives_named(f, "requires"):
                    self._requires(t, f, req)
                for prov in directives_named(f, "provides"):
                    if not self._provides(f, prov):
                        # Apollo throws here, which ends this subgraph's validation
                        return self.errors
        for t in self.s.types.values():
            if t.kind not in ("object", "interface"):
                continue
            for f in t.fields.values():
                if t.kind == "interface" and self.meta.is_external(f):
                    self.error(
                        "EXTERNAL_ON_INTERFACE",
                        f'Interface type field "{f.coordinate}" is marked @external but '
                        "@external is not allowed on interface fields (it is nonsensical).",
                    )
                elif self.meta.is_external(f) and not self.meta.is_used(f):
                    self.error(
                        "EXTERNAL_UNUSED",
                        f'Field "{f.coordinate}" is marked @external but is not used in '
                        "any federation directive (@key, @provides, @requires) or to "
                        "satisfy an interface; the field declaration has no use and "
                        "should be removed (or the field should not be @external).",
                    )
        return self.errors

    def _known_types(self) -> None:
        known = set(self.s.types) | BUILTIN_SCALARS
        for t in self.s.types.values():
            refs = [*t.interfaces, *t.members]
            for f in t.fields.values():
                refs.append(base_type_name(f.type))
                refs += [base_type_name(a.type) for a in f.args.values()]
            for name in refs:
                if name not in known:
                    self.error("INVALID_GRAPHQL", f"Unknown type {name}")
                    known.add(name)

    def _resolve(
        self, code_prefix: str, target: str, d: Applied, parent: TypeDef
    ) -> list[Selected] | None:
        text = d.arg_str("fields")
        descriptor = f"On {target}, for {_directive_text(d)}"
        if text is None:
            self.error(
                f"{code_prefix}_INVALID_FIELDS_TYPE",
                f'{descriptor}: Invalid value for argument "fields": must be a string.',
            )
            return None
        try:
            return resolve_field_set(self.s, parent, text)
        except FieldSetError as e:
            msg = str(e)
            if msg.startswith("Cannot query field"):
                msg = msg.rstrip(".")
                msg += (
                    " (the field should either be added to this subgraph or, if it should "
                    "not be resolved by this subgraph, you need to add it to this subgraph "
                    "with @external)."
                    if d.name == "key"
                    else " (if the field is defined in another subgraph, you need to add it to "
                    "this subgraph with @external)."
                )
            self.error(f"{code_prefix}_INVALID_FIELDS", f"{descriptor}: {msg}")
            return None

    def _key(self, t: TypeDef, key: Applied) -> None:
        if t.kind == "interface" and self.s.fed_version < (2, 3):
            self.error(
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @key on interface "{t.name}": @key is not yet supported on interfaces',
            )
            return
        selection = self._resolve("KEY", f'type "{t.name}"', key, t)
        if selection is None:
            return
        descriptor = f'On type "{t.name}", for {_directive_text(key)}'
        for s in _flatten(selection):
            target = self.s.type(base_type_name(s.field.type))
            if target is not None and target.kind in ("union", "interface"):
                kind = "Union" if target.kind == "union" else "Interface"
                self.error(
                    "KEY_FIELDS_SELECT_INVALID_TYPE",
                    f"{descriptor}: field "
                    f'"{s.field.coordinate}" is a {kind} type which is not allowed in @key',
                )
            if s.field.args:
                self.error(
                    "KEY_FIELDS_HAS_ARGS",
                    f"{descriptor}: field {s.field.coordinate} "
                    "cannot be included because it has arguments (fields with argument "
                    "are not allowed in @key)",
                )

    def _requires(self, t: TypeDef, f: Field, req: Applied) -> None:
        if t.kind == "interface":
            self.error(
                "REQUIRES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @requires on field "{f.coordinate}" of parent type '
                f'"{t.name}": @requires is not yet supported within interfaces',
            )
            return
        selection = self._resolve("REQUIRES", f'field "{f.coordinate}"', req, t)
        if selection is not None:
            self._must_be_external("REQUIRES", f, req, selection, False)

    def _provides(self, f: Field, prov: Applied) -> bool:
        if self.meta.is_external(f):
            self.error(
                "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Cannot have both @provides and @external on field "{f.coordinate}"',
            )
            return False
        target = self.s.type(base_type_name(f.type))
        if target is None or target.kind not in ("object", "interface", "union"):
            self.error(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @provides directive on field "{f.coordinate}": field has type '
                f'"{type_to_string(f.type)}" which is not a Composite Type',
            )
            return False
        selection = self._resolve("PROVIDES", f'field "{f.coordinate}"', prov, target)
        if selection is not None:
            self._must_be_external("PROVIDES", f, prov, selection, False)
        return True

    def _must_be_external(
        self, code: str, f: Field, d: Applied, items: list[Selected], external_parent: bool
    ) -> None:
        for s in items:
            external = self.meta.is_external(s.field)
            if not s.children and not external and not external_parent:
                self.error(
                    f"{code}_FIELDS_MISSING_EXTERNAL",
                    f'On field "{f.coordinate}", for {_directive_text(d)}: field '
                    f'"{s.field.coordinate}" should not be part of a @{d.name} since it '
                    "is already provided by this subgraph (it is not marked @external)",
                )
            if s.children:
                self._must_be_external(code, f, d, s.children, external_parent or external)


def _flatten(items: list[Selected]) -> list[Selected]:
    out: list[Selected] = []
    for s in items:
        out.append(s)
        out += _flatten(s.children)
    return out


def validate_subgraph(subgraph: Subgraph) -> list[CompositionError]:
    return _SubgraphValidator(subgraph).run()
