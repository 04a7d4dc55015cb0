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
            f.coordinate
            for t in subgraph.types.values()
            if subgraph.is_fed2 and t.kind == "object" and t.has("external")
            for f in t.fields.values()
        }
        self.provided = self._provided()
        self.used = self._used()
        self.shareable = self._shareables()

    # ------------------------------------------------------------------ predicates

    def is_external(self, f: Field) -> bool:
        return (
            has_directive(f, "external") or f.coordinate in self.external_on_type
        ) and f.coordinate not in self.fake_external

    def is_partially_external(self, f: Field) -> bool:
        return self.is_external(f) and f.coordinate in self.provided

    def is_fully_external(self, f: Field) -> bool:
        return self.is_external(f) and f.coordinate not in self.provided

    def is_used(self, f: Field) -> bool:
        return f.coordinate in self.used

    def is_shareable(self, f: Field) -> bool:
        return f.coordinate in self.shareable

    def is_interface_object(self, t: TypeDef) -> bool:
        return t.kind == "object" and t.has("interfaceObject")

    # ------------------------------------------------------------------ computation

    def _targets(self, parent: TypeDef, fields: str | None, implementations: bool) -> list[Field]:
        if fields is None:
            return []
        return target_fields(self.subgraph, parent, fields, implementations)

    def _fake_externals(self) -> set[str]:
        """@external key fields of type extensions: Fed 1 kept them resolvable locally."""
        out: set[str] = set()
        for t in self.subgraph.types.values():
            for key in t.applied("key"):
                if not (key.of_extension or t.has("extends")):
                    continue
                for f in self._targets(t, key.arg_str("fields"), False):
                    if has_directive(f, "external"):
                        out.add(f.coordinate)
        return out

    def _provides_targets(self, f: Field) -> list[Field]:
        target = self.subgraph.type(base_type_name(f.type))
        if target is None or target.kind not in COMPOSITE:
            return []
        out: list[Field] = []
        for provides in directives_named(f, "provides"):
            out += self._targets(target, provides.arg_str("fields"), True)
        return out

    def _provided(self) -> set[str]:
        return {
            p.coordinate
            for t in self.subgraph.types.values()
            for f in t.fields.values()
            for p in self._provides_targets(f)
        }

    def _used(self) -> set[str]:
        used: set[str] = set()
        for t in self.subgraph.types.values():
            for key in t.applied("key"):
                used |= {f.coordinate for f in self._targets(t, key.arg_str("fields"), True)}
            if t.kind not in ("object", "interface"):
                continue
            for f in t.fields.values():
                for req in directives_named(f, "requires"):
                    used |= {x.coordinate for x in self._targets(t, req.arg_str("fields"), True)}
                used |= {p.coordinate for p in self._provides_targets(f)}
            if t.kind == "interface":
                for impl in self.subgraph.implementations(t.name):
                    used |= {impl.fields[n].coordinate for n in t.fields if n in impl.fields}
        return used

    def _shareables(self) -> set[str]:
        out: set[str] = set()
        for t in self.subgraph.types.values():
            if t.kind not in ("object", "interface"):
                continue
            for key in t.applied("key"):
                out |= {f.coordinate for f in self._targets(t, key.arg_str("fields"), True)}
            if t.kind == "interface":
                continue
            on_type = t.applied("shareable") if self.subgraph.is_fed2 else []
            for f in t.fields.values():
                if (self.subgraph.is_fed2 and has_directive(f, "shareable")) or any(
                    d.of_extension == f.of_extension for d in on_type
                ):
                    out.add(f.coordinate)
                out |= {p.coordinate for p in self._provides_targets(f) if self.is_external(p)}
        return out
