"""Federation facts about one subgraph, computed like Apollo's FederationMetadata.

Fields are identified by coordinate ("Type.field"); a Metadata is a snapshot, so build a new one
after changing the subgraph (the Fed 1 upgrade does).
"""

from __future__ import annotations

from .fieldset import target_fields
from .model import Field, TypeDef, base_type_name, directives_named, has_directive
from .subgraph import Subgraph

COMPOSITE = ("object", "interface", "union")


class Metadata:
    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        self.fake_external = self._fake_externals()
        self.external_on_type = {
            type_field.coordinate
            for type_def in subgraph.types.values()
            if subgraph.is_fed2 and type_def.kind == "object" and type_def.has("external")
            for type_field in type_def.fields.values()
        }
        self.provided = self._provided()
        self.used = self._used()
        self.shareable = self._shareables()

    # ------------------------------------------------------------------ predicates

    def is_external(self, type_field: Field) -> bool:
        return (
            has_directive(type_field, "external") or type_field.coordinate in self.external_on_type
        ) and type_field.coordinate not in self.fake_external

    def is_partially_external(self, type_field: Field) -> bool:
        return self.is_external(type_field) and type_field.coordinate in self.provided

    def is_fully_external(self, type_field: Field) -> bool:
        return self.is_external(type_field) and type_field.coordinate not in self.provided

    def is_used(self, type_field: Field) -> bool:
        return type_field.coordinate in self.used

    def is_shareable(self, type_field: Field) -> bool:
        return type_field.coordinate in self.shareable

    def is_interface_object(self, type_def: TypeDef) -> bool:
        return type_def.kind == "object" and type_def.has("interfaceObject")

    # ------------------------------------------------------------------ computation

    def _targets(self, parent: TypeDef, fields: str | None, implementations: bool) -> list[Field]:
        if fields is None:
            return []
        return target_fields(self.subgraph, parent, fields, implementations)

    def _fake_externals(self) -> set[str]:
        """@external key fields of type extensions: Fed 1 kept them resolvable locally."""
        out: set[str] = set()
        for type_def in self.subgraph.types.values():
            for key in type_def.applied("key"):
                if not (key.of_extension or type_def.has("extends")):
                    continue
                for type_field in self._targets(type_def, key.arg_str("fields"), False):
                    if has_directive(type_field, "external"):
                        out.add(type_field.coordinate)
        return out

    def _provides_targets(self, type_field: Field) -> list[Field]:
        target = self.subgraph.type(base_type_name(type_field.type))
        if target is None or target.kind not in COMPOSITE:
            return []
        out: list[Field] = []
        for provides in directives_named(type_field, "provides"):
            out += self._targets(target, provides.arg_str("fields"), True)
        return out

    def _provided(self) -> set[str]:
        return {
            provided.coordinate
            for type_def in self.subgraph.types.values()
            for type_field in type_def.fields.values()
            for provided in self._provides_targets(type_field)
        }

    def _used(self) -> set[str]:
        used: set[str] = set()
        for type_def in self.subgraph.types.values():
            for key in type_def.applied("key"):
                used |= {
                    type_field.coordinate
                    for type_field in self._targets(type_def, key.arg_str("fields"), True)
                }
            if type_def.kind not in ("object", "interface"):
                continue
            for type_field in type_def.fields.values():
                for requires in directives_named(type_field, "requires"):
                    used |= {
                        required.coordinate
                        for required in self._targets(type_def, requires.arg_str("fields"), True)
                    }
                used |= {provided.coordinate for provided in self._provides_targets(type_field)}
            if type_def.kind == "interface":
                for implementation in self.subgraph.implementations(type_def.name):
                    used |= {
                        implementation.fields[name].coordinate
                        for name in type_def.fields
                        if name in implementation.fields
                    }
        return used

    def _shareables(self) -> set[str]:
        out: set[str] = set()
        for type_def in self.subgraph.types.values():
            if type_def.kind not in ("object", "interface"):
                continue
            for key in type_def.applied("key"):
                out |= {
                    type_field.coordinate
                    for type_field in self._targets(type_def, key.arg_str("fields"), True)
                }
            if type_def.kind == "interface":
                continue
            on_type = type_def.applied("shareable") if self.subgraph.is_fed2 else []
            for type_field in type_def.fields.values():
                if (self.subgraph.is_fed2 and has_directive(type_field, "shareable")) or any(
                    directive.of_extension == type_field.of_extension for directive in on_type
                ):
                    out.add(type_field.coordinate)
                out |= {
                    provided.coordinate
                    for provided in self._provides_targets(type_field)
                    if self.is_external(provided)
                }
        return out
