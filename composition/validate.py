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


def _directive_text(directive: Applied) -> str:
    return print_ast(directive.node) if directive.node is not None else str(directive)


class _SubgraphValidator:
    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        self.metadata = Metadata(subgraph)
        self.errors: list[CompositionError] = []

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, f"[{self.subgraph.name}] {message}"))

    def run(self) -> list[CompositionError]:
        self._known_types()
        if self.errors:
            return self.errors
        for type_def in self.subgraph.types.values():
            for key in type_def.applied("key"):
                self._key(type_def, key)
        for type_def in self.subgraph.types.values():
            for type_field in (
                type_def.fields.values() if type_def.kind in ("object", "interface") else ()
            ):
                for requires in directives_named(type_field, "requires"):
                    self._requires(type_def, type_field, requires)
                for provides in directives_named(type_field, "provides"):
                    if not self._provides(type_field, provides):
                        # Apollo throws here, which ends this subgraph's validation
                        return self.errors
        for type_def in self.subgraph.types.values():
            if type_def.kind not in ("object", "interface"):
                continue
            for type_field in type_def.fields.values():
                if type_def.kind == "interface" and self.metadata.is_external(type_field):
                    self.error(
                        "EXTERNAL_ON_INTERFACE",
                        f'Interface type field "{type_field.coordinate}" is marked @external but '
                        "@external is not allowed on interface fields (it is nonsensical).",
                    )
                elif self.metadata.is_external(type_field) and not self.metadata.is_used(
                    type_field
                ):
                    self.error(
                        "EXTERNAL_UNUSED",
                        f'Field "{type_field.coordinate}" is marked @external but is not used in '
                        "any federation directive (@key, @provides, @requires) or to "
                        "satisfy an interface; the field declaration has no use and "
                        "should be removed (or the field should not be @external).",
                    )
        return self.errors

    def _known_types(self) -> None:
        known = set(self.subgraph.types) | BUILTIN_SCALARS
        for type_def in self.subgraph.types.values():
            refs = [*type_def.interfaces, *type_def.members]
            for type_field in type_def.fields.values():
                refs.append(base_type_name(type_field.type))
                refs += [base_type_name(arg.type) for arg in type_field.args.values()]
            for name in refs:
                if name not in known:
                    self.error("INVALID_GRAPHQL", f"Unknown type {name}")
                    known.add(name)

    def _resolve(
        self, code_prefix: str, target: str, directive: Applied, parent: TypeDef
    ) -> list[Selected] | None:
        text = directive.arg_str("fields")
        descriptor = f"On {target}, for {_directive_text(directive)}"
        if text is None:
            self.error(
                f"{code_prefix}_INVALID_FIELDS_TYPE",
                f'{descriptor}: Invalid value for argument "fields": must be a string.',
            )
            return None
        try:
            return resolve_field_set(self.subgraph, parent, text)
        except FieldSetError as error:
            message = str(error)
            if message.startswith("Cannot query field"):
                message = message.rstrip(".")
                message += (
                    " (the field should either be added to this subgraph or, if it should "
                    "not be resolved by this subgraph, you need to add it to this subgraph "
                    "with @external)."
                    if directive.name == "key"
                    else " (if the field is defined in another subgraph, you need to add it to "
                    "this subgraph with @external)."
                )
            self.error(f"{code_prefix}_INVALID_FIELDS", f"{descriptor}: {message}")
            return None

    def _key(self, type_def: TypeDef, key: Applied) -> None:
        if type_def.kind == "interface" and self.subgraph.fed_version < (2, 3):
            self.error(
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @key on interface "{type_def.name}": @key is not yet supported on '
                "interfaces",
            )
            return
        selection = self._resolve("KEY", f'type "{type_def.name}"', key, type_def)
        if selection is None:
            return
        descriptor = f'On type "{type_def.name}", for {_directive_text(key)}'
        for item in _flatten(selection):
            target = self.subgraph.type(base_type_name(item.field.type))
            if target is not None and target.kind in ("union", "interface"):
                kind = "Union" if target.kind == "union" else "Interface"
                self.error(
                    "KEY_FIELDS_SELECT_INVALID_TYPE",
                    f"{descriptor}: field "
                    f'"{item.field.coordinate}" is a {kind} type which is not allowed in @key',
                )
            if item.field.args:
                self.error(
                    "KEY_FIELDS_HAS_ARGS",
                    f"{descriptor}: field {item.field.coordinate} "
                    "cannot be included because it has arguments (fields with argument "
                    "are not allowed in @key)",
                )

    def _requires(self, type_def: TypeDef, type_field: Field, requires: Applied) -> None:
        if type_def.kind == "interface":
            self.error(
                "REQUIRES_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @requires on field "{type_field.coordinate}" of parent type '
                f'"{type_def.name}": @requires is not yet supported within interfaces',
            )
            return
        selection = self._resolve(
            "REQUIRES", f'field "{type_field.coordinate}"', requires, type_def
        )
        if selection is not None:
            self._must_be_external("REQUIRES", type_field, requires, selection, False)

    def _provides(self, type_field: Field, provides: Applied) -> bool:
        if self.metadata.is_external(type_field):
            self.error(
                "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Cannot have both @provides and @external on field "{type_field.coordinate}"',
            )
            return False
        target = self.subgraph.type(base_type_name(type_field.type))
        if target is None or target.kind not in ("object", "interface", "union"):
            self.error(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @provides directive on field "{type_field.coordinate}": field has type '
                f'"{type_to_string(type_field.type)}" which is not a Composite Type',
            )
            return False
        selection = self._resolve("PROVIDES", f'field "{type_field.coordinate}"', provides, target)
        if selection is not None:
            self._must_be_external("PROVIDES", type_field, provides, selection, False)
        return True

    def _must_be_external(
        self,
        code: str,
        type_field: Field,
        directive: Applied,
        items: list[Selected],
        external_parent: bool,
    ) -> None:
        for item in items:
            external = self.metadata.is_external(item.field)
            if not item.children and not external and not external_parent:
                self.error(
                    f"{code}_FIELDS_MISSING_EXTERNAL",
                    f'On field "{type_field.coordinate}", for {_directive_text(directive)}: field '
                    f'"{item.field.coordinate}" should not be part of a @{directive.name} since it '
                    "is already provided by this subgraph (it is not marked @external)",
                )
            if item.children:
                self._must_be_external(
                    code, type_field, directive, item.children, external_parent or external
                )


def _flatten(items: list[Selected]) -> list[Selected]:
    out: list[Selected] = []
    for item in items:
        out.append(item)
        out += _flatten(item.children)
    return out


def validate_subgraph(subgraph: Subgraph) -> list[CompositionError]:
    return _SubgraphValidator(subgraph).run()
