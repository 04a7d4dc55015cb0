"""Merge validated Federation 2 subgraphs into one supergraph model with join metadata.

Mirrors the order of Apollo's merger (composition-js/src/merging/merge.ts) because that order
decides what a supergraph looks like: subgraphs in name order, `@join__implements` before
`@join__type`, fields in order of first appearance, `@inaccessible` merged before the join
directives and other merged directives (`@tag`, `@deprecated`, ...) after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    DirectiveDefinitionNode,
)

from .errors import CompositionError, subgraph_names
from .inaccessible import validate_inaccessible
from .merge_base import (
    EXECUTABLE_LOCATIONS,
    EnumUsage,
    FieldCtx,
    MergedDirective,
    Sources,
    is_required,
    print_types,
)
from .merge_fields import FieldMerger
from .merge_sharing import SharingRules
from .model import (
    Applied,
    Argument,
    EnumValue,
    Field,
    TypeDef,
    bool_value,
    has_directive,
    string_value,
)
from .reporter import mismatch_error, mismatch_error_with_specifics
from .subgraph import Subgraph


@dataclass
class Supergraph:
    """The merged schema, ready to print (supergraph.py)."""

    types: dict[str, TypeDef]
    roots: dict[str, str]
    graphs: list[tuple[str, str, str]]  # (enum value, subgraph name, url)
    join_version: tuple[int, int]
    uses_inaccessible: bool
    uses_tag: bool
    directives: dict[str, MergedDirective] = field(default_factory=dict)


class Merger(FieldMerger, SharingRules):
    def __init__(self, subgraphs: list[Subgraph]) -> None:
        super().__init__(subgraphs)

    # ------------------------------------------------------------------ entry point

    def merge(self) -> Supergraph | None:
        self._add_types_shallow()
        if self.errors:
            return None
        by_kind: dict[str, list[TypeDef]] = {}
        for t in self.types.values():
            by_kind.setdefault(t.kind, []).append(t)
        for t in by_kind.get("object", []) + by_kind.get("interface", []):
            self._merge_implements(t)
        for t in by_kind.get("union", []):
            self._merge_type(t)
        self._merge_roots()
        for kind in ("scalar", "input", "interface", "object"):
            for t in by_kind.get(kind, []):
                self._merge_type(t)
        self._merge_directive_definitions()
        for t in by_kind.get("enum", []):
            self._merge_type(t)
        if "query" not in self.roots:
            self.errors.append(
                CompositionError(
                    "NO_QUERIES",
                    "No queries found in any subgraph: a supergraph must have a query root type.",
                )
            )
        for names, sources, dest in self.deferred:
            for name in names:
                self._merge_applied(name, sources, dest)
        self._add_missing_interface_object_fields()
        if not self.errors:
            self._post_merge_validations()
        if not self.errors and self.uses_inaccessible:
            self.errors += validate_inaccessible(self.types, self.roots, self.directives)
        if self.errors:
            return None
        graphs = [(self.graph_names[s.name], s.name, s.url) for s in self.subgraphs]
        return Supergraph(
            self.types,
            self.roots,
            graphs,
            self.join_version,
            self.uses_inaccessible,
            self.uses_tag,
            self.directives,
        )

    def _add_types_shallow(self) -> None:
        mismatched: list[str] = []
        interface_objects: list[str] = []
        for idx, s in enumerate(self.subgraphs):
            for t in s.types.values():
                kind = self.kind_in(idx, t)
                if kind != t.kind:
                    interface_objects.append(t.name)
                previous = self.types.get(t.name)
                if previous is None:
                    self.types[t.name] = TypeDef(kind, t.name)
                elif previous.kind != kind and t.name not in mismatched:
                    mismatched.append(t.name)
        kinds = {
            "object": "Object Type",
            "interface": "Interface Type",
            "union": "Union Type",
            "enum": "Enum Type",
            "input": "Input Object Type",
            "scalar": "Scalar Type",
        }
        for name in mismatched:
            sources = [s.type(name) for s in self.subgraphs]

            def kind_str(t: TypeDef, idx_of: dict[int, int] = {}) -> str:  # noqa: B006
                for i, s in enumerate(self.subgraphs):
                    if s.type(t.name) is t and self.meta[i].is_interface_object(t):
                        return "Interface Object Type (Object Type with @interfaceObject)"
                return kinds[t.kind]

            self.errors.append(
                mismatch_error(
                    "TYPE_KIND_MISMATCH",
                    f'Type "{name}" has mismatched kind: it is defined as ',
                    self.names,
                    sources,
                    kind_str,
                    kinds[self.types[name].kind],
                )
            )
        for name in dict.fromkeys(interface_objects):
            if name in mismatched:
                continue
            if not any(
                (x := s.type(name)) is not None and x.kind == "interface" for s in self.subgraphs
            ):
                having = [s.name for s in self.subgraphs if s.type(name) is not None]
                self.errors.append(
                    CompositionError(
                        "INTERFACE_OBJECT_USAGE_ERROR",
                        f'Type "{name}" is declared with @interfaceObject in all the subgraphs in '
                        f"which it is defined (it is defined in {subgraph_names(having)} but "
                        "should be defined as an interface in at least one subgraph)",
                    )
                )

    def _merge_implements(self, dest: TypeDef) -> None:
        for idx, source in enumerate(self.sources_of(dest)):
            if source is None:
                continue
            for itf in source.interfaces:
                if itf not in dest.interfaces:
                    dest.interfaces.append(itf)
                dest.directives.append(
                    Applied(
                        "join__implements",
                        {"graph": self.graph(idx), "interface": string_value(itf)},
                    )
                )

    def _merge_roots(self) -> None:
        for op in ("query", "mutation", "subscription"):
            for s in self.subgraphs:
                root = s.roots.get(op)
                t = s.type(root) if root else None
                if t is not None and t.fields:
                    self.roots[op] = t.name
                    break

    # ------------------------------------------------------------------ types

    def _merge_type(self, dest: TypeDef) -> None:
        sources = self.sources_of(dest)
        self._check_extension_with_no_base(sources, dest)
        self._merge_description(sources, dest)
        self._add_join_type(sources, dest)
        self._record_directives(sources, dest)
        if dest.kind == "object":
            self._merge_object(sources, dest)
        elif dest.kind == "interface":
            self._merge_interface(sources, dest)
        elif dest.kind == "union":
            self._merge_union(sources, dest)
        elif dest.kind == "enum":
            self._merge_enum(sources, dest)
        elif dest.kind == "input":
            self._merge_input(sources, dest)

    def _check_extension_with_no_base(self, sources: Sources, dest: TypeDef) -> None:
        if dest.kind == "object" and dest.name in self.roots.values():
            return
        defined = [i for i, s in enumerate(sources) if s is not None and s.has_definition]
        extended = [i for i, s in enumerate(sources) if s is not None and s.has_extension]
        if extended and not defined:
            for i in extended:
                self.errors.append(
                    CompositionError(
                        "EXTENSION_WITH_NO_BASE",
                        f'[{self.names[i]}] Type "{dest.name}" is an extension type, but there is '
                        f'no type definition for "{dest.name}" in any subgraph.',
                    )
                )

    def _add_join_type(self, sources: Sources, dest: TypeDef) -> None:
        for idx, source in enumerate(sources):
            if source is None:
                continue
            itf_object = self.meta[idx].is_interface_object(source)
            keys = source.applied("key")
            if not keys:
                args = {"graph": self.graph(idx)}
                if itf_object:
                    args["isInterfaceObject"] = bool_value(True)
                dest.directives.append(Applied("join__type", args))
                continue
            for key in keys:
                args = {"graph": self.graph(idx), "key": key.args["fields"]}
                if key.of_extension or source.has("extends"):
                    args["extension"] = bool_value(True)
                if "resolvable" in key.args:
                    args["resolvable"] = key.args["resolvable"]
                if itf_object:
                    args["isInterfaceObject"] = bool_value(True)
                dest.directives.append(Applied("join__type", args))

    def _fields_shallow(self, sources: Sources, dest: TypeDef) -> dict[str, Sources]:
        added: dict[str, Sources] = {}
        for idx, source in enumerate(sources):
            for f in source.fields.values() if source is not None else ():
                if f.name not in dest.fields:
                    dest.fields[f.name] = Field(f.name, f.type, dest.name)
                added.setdefault(f.name, [None] * len(sources))[idx] = f
        return added

    def _merge_object(self, sources: Sources, dest: TypeDef) -> None:
        added = self._fields_shallow(sources, dest)
        if not added:
            del self.types[dest.name]
            return
        subscription = dest.name == self.roots.get("subscription")
        for name, field_sources in added.items():
            dest_field = dest.fields[name]
            ctx = self._validate_override(field_sources, dest_field)
            if subscription and any(
                f is not None and has_directive(f, "shareable") for f in field_sources
            ):
                self.errors.append(
                    CompositionError(
                        "INVALID_FIELD_SHARING",
                        "Fields on root level subscription object cannot be marked as shareable",
                    )
                )
            self._merge_field(field_sources, dest_field, ctx)
            self._validate_field_sharing(field_sources, dest_field, ctx)

    def _merge_interface(self, sources: Sources, dest: TypeDef) -> None:
        self._validate_interface_keys(sources, dest)
        self._validate_interface_objects(sources, dest)
        for name, field_sources in self._fields_shallow(sources, dest).items():
            dest_field = dest.fields[name]
            self._merge_field(
                field_sources, dest_field, self._validate_override(field_sources, dest_field)
            )

    def _implementations(self, interface: str) -> list[str]:
        return [
            t.name for t in self.types.values() if t.kind == "object" and interface in t.interfaces
        ]

    def _validate_interface_keys(self, sources: Sources, dest: TypeDef) -> None:
        supergraph_impls = self._implementations(dest.name)
        for idx, source in enumerate(sources):
            if source is None or source.kind != "interface":
                continue
            resolvable = [k for k in source.applied("key") if k.arg_bool("resolvable") is not False]
            if not resolvable:
                continue
            local = {t.name for t in self.subgraphs[idx].implementations(source.name)}
            missing = [n for n in supergraph_impls if n not in local]
            if missing:
                name = self.names[idx]
                types = print_types(missing)
                them = "them" if len(missing) > 1 else "it"
                self.errors.append(
                    CompositionError(
                        "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                        f'[{name}] Interface type "{dest.name}" has a resolvable key '
                        f'({resolvable[0]}) in subgraph "{name}" but that subgraph is missing some '
                        f'of the supergraph implementation types of "{dest.name}". '
                        f'Subgraph "{name}" should define {types} '
                        f'(and have {them} implement "{dest.name}").',
                    )
                )

    def _validate_interface_objects(self, sources: Sources, dest: TypeDef) -> None:
        impls = self._implementations(dest.name)
        for idx, source in enumerate(sources):
            if source is None or not self.meta[idx].is_interface_object(source):
                continue
            defined = [n for n in impls if self.subgraphs[idx].type(n) is not None]
            if defined:
                name = self.names[idx]
                self.errors.append(
                    CompositionError(
                        "INTERFACE_OBJECT_USAGE_ERROR",
                        f'[{name}] Interface type "{dest.name}" is defined as an @interfaceObject '
                        f'in subgraph "{name}" so that subgraph should not define any of the '
                        f'implementation types of "{dest.name}", but it defines '
                        f"{print_types(defined)}",
                    )
                )

    def _merge_union(self, sources: Sources, dest: TypeDef) -> None:
        for source in sources:
            for m in source.members if source is not None else ():
                if m not in dest.members:
                    dest.members.append(m)
        for m in dest.members:
            for idx, source in enumerate(sources):
                if source is not None and m in source.members:
                    dest.directives.append(
                        Applied(
                            "join__unionMember",
                            {"graph": self.graph(idx), "member": string_value(m)},
                        )
                    )

    def _merge_enum(self, sources: Sources, dest: TypeDef) -> None:
        usage = self.enum_usages.get(dest.name) or EnumUsage("Output")
        for source in sources:
            for v in source.values if source is not None else ():
                dest.values.setdefault(v, EnumValue(v))
        for value in list(dest.values.values()):
            value_sources = [s.values.get(value.name) if s is not None else None for s in sources]
            self._merge_description(value_sources, value)
            self._record_directives(value_sources, value)
            for idx, vs in enumerate(value_sources):
                if vs is not None:
                    value.directives.append(Applied("join__enumValue", {"graph": self.graph(idx)}))
            inaccessible = has_directive(value, "inaccessible")
            missing = any(s is not None and value.name not in s.values for s in sources)
            if inaccessible or usage.position == "Output" or not missing:
                continue
            if usage.position == "Input":
                del dest.values[value.name]
                continue
            self.errors.append(self._enum_value_mismatch(sources, dest, value.name, usage))
        if not dest.values:
            self.errors.append(
                CompositionError(
                    "EMPTY_MERGED_ENUM_TYPE",
                    f'None of the values of enum type "{dest.name}" are defined consistently in '
                    "all the subgraphs defining that type. As only values common to all subgraphs "
                    "are merged, this would result in an empty type.",
                )
            )

    def _enum_value_mismatch(
        self, sources: Sources, dest: TypeDef, value: str, usage: EnumUsage
    ) -> CompositionError:
        def has_value(t: TypeDef) -> str:
            return "yes" if value in t.values else "no"

        def defined_in(_: str, subgraphs: str | None) -> str:
            return f'"{value}" is defined in {subgraphs}'

        def missing_in(_: str, subgraphs: str) -> str:
            return f" but not in {subgraphs}"

        return mismatch_error_with_specifics(
            "ENUM_VALUE_MISMATCH",
            f'Enum type "{dest.name}" is used as both input type (for example, as type of '
            f'"{usage.examples["Input"]}") and output type (for example, as type of '
            f'"{usage.examples["Output"]}"), but value "{value}" is not defined in all the '
            f'subgraphs defining "{dest.name}": ',
            self.names,
            sources,
            has_value,
            "yes",
            defined_in,
            missing_in,
        )

    def _merge_input(self, sources: Sources, dest: TypeDef) -> None:
        for name, field_sources in self._fields_shallow(sources, dest).items():
            dest_field = dest.fields[name]
            self._merge_description(field_sources, dest_field)
            self._record_directives(field_sources, dest_field)
            all_equal = self._merge_type_reference(field_sources, dest_field, True)
            self._add_join_field(field_sources, dest_field, all_equal, FieldCtx())
            self._merge_default(field_sources, dest_field, "Input field")
            missing = [
                self.names[i]
                for i, s in enumerate(sources)
                if s is not None and field_sources[i] is None
            ]
            if has_directive(dest_field, "inaccessible") or not missing:
                continue
            required = [
                self.names[i]
                for i, f in enumerate(field_sources)
                if f is not None and is_required(f.type, f.default)
            ]
            if required:
                self.errors.append(
                    CompositionError(
                        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                        f'Input object field "{dest_field.coordinate}" is required in some '
                        "subgraphs but does not appear in all subgraphs: it is required in "
                        f"{subgraph_names(required)} but does not appear in "
                        f"{subgraph_names(missing)}",
                    )
                )
            del dest.fields[name]
        if not dest.fields:
            self.errors.append(
                CompositionError(
                    "EMPTY_MERGED_INPUT_TYPE",
                    f'None of the fields of input object type "{dest.name}" are consistently '
                    "defined in all the subgraphs defining that type. As only fields common to "
                    "all subgraphs are merged, this would result in an empty type.",
                )
            )

    # ------------------------------------------------------------------ the rest

    def _merge_directive_definitions(self) -> None:
        """Executable directives (used in operations) survive only when every subgraph has them."""
        names: list[str] = []
        for s in self.subgraphs:
            for name, d in s.directive_defs.items():
                if (
                    any(loc.value in EXECUTABLE_LOCATIONS for loc in d.locations)
                    and name not in names
                ):
                    names.append(name)
        for name in names:
            defs = [s.directive_defs.get(name) for s in self.subgraphs]
            present = [d for d in defs if d is not None]
            if len(present) != len(defs):
                continue
            locations = sorted({loc.value for loc in present[0].locations} & EXECUTABLE_LOCATIONS)
            for d in present[1:]:
                locations = [loc for loc in locations if loc in {x.value for x in d.locations}]
            if not locations:
                continue
            self.directives[name] = self._merged_directive(name, present, locations)

    def _merged_directive(
        self, name: str, defs: list[DirectiveDefinitionNode], locations: list[str]
    ) -> MergedDirective:
        first = defs[0]
        repeatable = all(d.repeatable for d in defs)
        args = {}
        for a in first.arguments or ():
            if all(any(x.name.value == a.name.value for x in d.arguments or ()) for d in defs):
                args[a.name.value] = Argument(
                    a.name.value,
                    a.type,
                    a.default_value,
                    a.description.value if a.description else None,
                )
        descriptions = [d.description.value for d in defs if d.description]
        return MergedDirective(
            name, locations, repeatable, args, descriptions[0] if descriptions else None
        )

    def _add_missing_interface_object_fields(self) -> None:
        for t in list(self.types.values()):
            if t.kind != "object":
                continue
            for itf_name in t.interfaces:
                itf = self.types.get(itf_name)
                for itf_field in itf.fields.values() if itf is not None else ():
                    if itf_field.name in t.fields or not self._provided_by_itf_object(
                        itf_field.name, itf_name
                    ):
                        continue
                    copy = Field(
                        itf_field.name,
                        itf_field.type,
                        t.name,
                        description=itf_field.description,
                        directives=[
                            d for d in itf_field.directives if not d.name.startswith("join__")
                        ],
                    )
                    copy.args = {
                        n: Argument(a.name, a.type, a.default, a.description, list(a.directives))
                        for n, a in itf_field.args.items()
                    }
                    copy.directives.append(Applied("join__field", {}))
                    t.fields[copy.name] = copy

    def _provided_by_itf_object(self, field_name: str, interface: str) -> bool:
        for i, s in enumerate(self.subgraphs):
            t = s.type(interface)
            if t is not None and self.meta[i].is_interface_object(t):
                f = t.fields.get(field_name)
                if f is not None and not self.meta[i].is_external(f):
                    return True
        return False

    def _post_merge_validations(self) -> None:
        for t in self.types.values():
            if t.kind not in ("object", "interface"):
                continue
            for itf_name in t.interfaces:
                itf = self.types.get(itf_name)
                for itf_field in itf.fields.values() if itf is not None else ():
                    if itf_field.name in t.fields:
                        continue
                    with_field = [
                        s.name
                        for s in self.subgraphs
                        if (x := s.type(itf_name)) is not None
                        and x.kind == "interface"
                        and itf_field.name in x.fields
                    ]
                    implementing = [
                        s.name
                        for s in self.subgraphs
                        if (x := s.type(t.name)) is not None and itf_name in x.interfaces
                    ]
                    self.errors.append(
                        CompositionError(
                            "INTERFACE_FIELD_NO_IMPLEM",
                            f'Interface field "{itf_name}.{itf_field.name}" is declared in '
                            f'{subgraph_names(with_field)} but type "{t.name}", which implements '
                            f'"{itf_name}" only in {subgraph_names(implementing)} does not have '
                            f'field "{itf_field.name}".',
                        )
                    )
