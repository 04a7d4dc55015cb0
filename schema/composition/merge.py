"""Merge validated Federation 2 subgraphs into one supergraph model with join metadata.

Mirrors the order of Apollo's merger (composition-js/src/merging/merge.ts) because that order
decides what a supergraph looks like: subgraphs in name order, `@join__implements` before
`@join__type`, fields in order of first appearance, `@inaccessible` merged before the join
directives and other merged directives (`@tag`, `@deprecated`, ...) after them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from graphql import DirectiveDefinitionNode, ListTypeNode, NamedTypeNode, NonNullTypeNode
from graphql import TypeNode, ValueNode

from .errors import CompositionError, subgraph_names
from .metadata import Metadata
from .model import (
    Applied,
    Argument,
    EnumValue,
    Field,
    Kind,
    TypeDef,
    base_type_name,
    bool_value,
    enum_value,
    has_directive,
    named,
    same_type,
    string_value,
    type_to_string,
    value_to_string,
)
from .reporter import mismatch_error, mismatch_error_with_specifics
from .subgraph import Subgraph

BUILTIN_MERGED = ("deprecated", "specifiedBy")
_LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
_PERCENT = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")
EXECUTABLE_LOCATIONS = frozenset({
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT", "VARIABLE_DEFINITION"})

Element = TypeDef | Field | Argument | EnumValue


def graph_enum_names(names: Sequence[str]) -> dict[str, str]:
    """Subgraph name -> join__Graph value (Apollo's sanitizing: `control-plane` -> CONTROL_PLANE)."""
    def sanitize(name: str) -> str:
        out = re.sub(r"\W", "_", name)
        if re.match(r"^\d", out):
            out = "_" + out
        if re.search(r"_\d+$", out):
            out += "_"
        return out.upper()

    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(sanitize(n), []).append(n)
    result: dict[str, str] = {}
    for sanitized, group in groups.items():
        for i, n in enumerate(group):
            result[n] = sanitized if len(group) == 1 else f"{sanitized}_{i + 1}"
    return result


def join_version_for(fed_version: tuple[int, int]) -> tuple[int, int]:
    if fed_version >= (2, 8):
        return (0, 5)
    return (0, 4) if fed_version >= (2, 7) else (0, 3)


@dataclass
class MergedDirective:
    name: str
    locations: list[str]
    repeatable: bool
    args: dict[str, Argument]
    description: str | None = None


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


@dataclass
class _FieldCtx:
    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)


@dataclass
class _EnumUsage:
    position: str
    examples: dict[str, str] = field(default_factory=dict)


Sources = list  # list[X | None], one slot per subgraph (index = subgraph order)


class Merger:
    def __init__(self, subgraphs: list[Subgraph]) -> None:
        self.subgraphs = subgraphs
        self.names = [s.name for s in subgraphs]
        self.meta = [Metadata(s) for s in subgraphs]
        self.graph_names = graph_enum_names(self.names)
        self.join_version = join_version_for(max(s.fed_version for s in subgraphs))
        self.errors: list[CompositionError] = []
        self.types: dict[str, TypeDef] = {}
        self.roots: dict[str, str] = {}
        self.enum_usages: dict[str, _EnumUsage] = {}
        self.deferred: list[tuple[list[str], Sources, Element]] = []
        self.uses_inaccessible = any(s.uses_directive("inaccessible") for s in subgraphs)
        self.uses_tag = any(s.uses_directive("tag") for s in subgraphs)
        self.merged_names = {*BUILTIN_MERGED, *(["inaccessible"] * self.uses_inaccessible),
                             *(["tag"] * self.uses_tag)}
        self.override_coordinates = {
            f.coordinate for s in subgraphs for t in s.types.values()
            for f in t.fields.values() if has_directive(f, "override")}
        self.directives: dict[str, MergedDirective] = {}

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
            self.errors.append(CompositionError(
                "NO_QUERIES",
                "No queries found in any subgraph: a supergraph must have a query root type."))
        for names, sources, dest in self.deferred:
            for name in names:
                self._merge_applied(name, sources, dest)
        self._add_missing_interface_object_fields()
        if not self.errors:
            self._post_merge_validations()
        if self.errors:
            return None
        graphs = [(self.graph_names[s.name], s.name, s.url) for s in self.subgraphs]
        return Supergraph(self.types, self.roots, graphs, self.join_version,
                          self.uses_inaccessible, self.uses_tag, self.directives)

    # ------------------------------------------------------------------ helpers

    def graph(self, idx: int) -> ValueNode:
        return enum_value(self.graph_names[self.names[idx]])

    def kind_in(self, idx: int, t: TypeDef) -> Kind:
        return "interface" if self.meta[idx].is_interface_object(t) else t.kind

    def sources_of(self, dest: TypeDef) -> Sources:
        out: Sources = []
        for idx, s in enumerate(self.subgraphs):
            t = s.type(dest.name)
            out.append(t if t is not None and self.kind_in(idx, t) == dest.kind else None)
        return out

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
        kinds = {"object": "Object Type", "interface": "Interface Type", "union": "Union Type",
                 "enum": "Enum Type", "input": "Input Object Type", "scalar": "Scalar Type"}
        for name in mismatched:
            sources = [s.type(name) for s in self.subgraphs]

            def kind_str(t: TypeDef, idx_of: dict[int, int] = {}) -> str:  # noqa: B006
                for i, s in enumerate(self.subgraphs):
                    if s.type(t.name) is t and self.meta[i].is_interface_object(t):
                        return "Interface Object Type (Object Type with @interfaceObject)"
                return kinds[t.kind]

            self.errors.append(mismatch_error(
                "TYPE_KIND_MISMATCH", f'Type "{name}" has mismatched kind: it is defined as ',
                self.names, sources, kind_str, kinds[self.types[name].kind]))
        for name in dict.fromkeys(interface_objects):
            if name in mismatched:
                continue
            if not any((t := s.type(name)) is not None and t.kind == "interface"
                       for s in self.subgraphs):
                having = [s.name for s in self.subgraphs if s.type(name) is not None]
                self.errors.append(CompositionError(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in '
                    f"which it is defined (it is defined in {subgraph_names(having)} but should "
                    "be defined as an interface in at least one subgraph)"))

    def _merge_implements(self, dest: TypeDef) -> None:
        for idx, source in enumerate(self.sources_of(dest)):
            if source is None:
                continue
            for itf in source.interfaces:
                if itf not in dest.interfaces:
                    dest.interfaces.append(itf)
                dest.directives.append(Applied("join__implements", {
                    "graph": self.graph(idx), "interface": string_value(itf)}))

    def _merge_roots(self) -> None:
        for op in ("query", "mutation", "subscription"):
            for s in self.subgraphs:
                root = s.roots.get(op)
                t = s.type(root) if root else None
                if t is not None and t.fields:
                    self.roots[op] = t.name
                    break

    # ------------------------------------------------------------------ descriptions and directives

    def _merge_description(self, sources: Sources, dest: Element) -> None:
        descriptions: list[str] = []
        counts: list[int] = []
        for source in sources:
            if source is None or source.description is None:
                continue
            if source.description in descriptions:
                counts[descriptions.index(source.description)] += 1
            else:
                descriptions.append(source.description)
                counts.append(-(2**53) if source.description == "" else 1)
        if not descriptions:
            return
        non_empty = [d for d in descriptions if d != ""]
        if len(descriptions) == 1:
            dest.description = descriptions[0]
        elif len(non_empty) == 1:
            dest.description = non_empty[0]
        else:
            dest.description = descriptions[counts.index(max(counts))]

    def _record_directives(self, sources: Sources, dest: Element) -> None:
        names: list[str] = []
        for source in sources:
            for d in source.directives if source is not None else ():
                if d.name in self.merged_names and d.name not in names:
                    names.append(d.name)
        if "inaccessible" in names:
            self._merge_applied("inaccessible", sources, dest)
            names.remove("inaccessible")
        self.deferred.append((names, sources, dest))

    def _merge_applied(self, name: str, sources: Sources, dest: Element) -> None:
        per_source = [[d for d in s.directives if d.name == name]
                      for s in sources if s is not None]
        per_source = [ds for ds in per_source if ds]
        if not per_source:
            return
        if name == "tag":  # repeatable: every distinct application once, in order
            seen: list[str] = []
            for ds in per_source:
                for d in ds:
                    if str(d) not in seen:
                        seen.append(str(d))
                        dest.directives.append(Applied(d.name, dict(d.args)))
            return
        distinct: list[Applied] = []
        counts: list[int] = []
        for ds in per_source:
            texts = [str(x) for x in distinct]
            if str(ds[0]) in texts:
                counts[texts.index(str(ds[0]))] += 1
            else:
                distinct.append(ds[0])
                counts.append(1)
        chosen = distinct[counts.index(max(counts))]
        dest.directives.append(Applied(chosen.name, dict(chosen.args)))

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
                self.errors.append(CompositionError(
                    "EXTENSION_WITH_NO_BASE",
                    f'[{self.names[i]}] Type "{dest.name}" is an extension type, but there is no '
                    f'type definition for "{dest.name}" in any subgraph.'))

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
            if subscription and any(f is not None and has_directive(f, "shareable")
                                    for f in field_sources):
                self.errors.append(CompositionError(
                    "INVALID_FIELD_SHARING",
                    "Fields on root level subscription object cannot be marked as shareable"))
            self._merge_field(field_sources, dest_field, ctx)
            self._validate_field_sharing(field_sources, dest_field, ctx)

    def _merge_interface(self, sources: Sources, dest: TypeDef) -> None:
        self._validate_interface_keys(sources, dest)
        self._validate_interface_objects(sources, dest)
        for name, field_sources in self._fields_shallow(sources, dest).items():
            dest_field = dest.fields[name]
            self._merge_field(field_sources, dest_field,
                              self._validate_override(field_sources, dest_field))

    def _implementations(self, interface: str) -> list[str]:
        return [t.name for t in self.types.values()
                if t.kind == "object" and interface in t.interfaces]

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
                types = _print_types(missing)
                self.errors.append(CompositionError(
                    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                    f'[{name}] Interface type "{dest.name}" has a resolvable key '
                    f'({resolvable[0]}) in subgraph "{name}" but that subgraph is missing some of '
                    f'the supergraph implementation types of "{dest.name}". Subgraph "{name}" '
                    f"should define {types} (and have {'them' if len(missing) > 1 else 'it'} "
                    f'implement "{dest.name}").'))

    def _validate_interface_objects(self, sources: Sources, dest: TypeDef) -> None:
        impls = self._implementations(dest.name)
        for idx, source in enumerate(sources):
            if source is None or not self.meta[idx].is_interface_object(source):
                continue
            defined = [n for n in impls if self.subgraphs[idx].type(n) is not None]
            if defined:
                name = self.names[idx]
                self.errors.append(CompositionError(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'[{name}] Interface type "{dest.name}" is defined as an @interfaceObject in '
                    f'subgraph "{name}" so that subgraph should not define any of the '
                    f'implementation types of "{dest.name}", but it defines '
                    f"{_print_types(defined)}"))

    def _merge_union(self, sources: Sources, dest: TypeDef) -> None:
        for source in sources:
            for m in source.members if source is not None else ():
                if m not in dest.members:
                    dest.members.append(m)
        for m in dest.members:
            for idx, source in enumerate(sources):
                if source is not None and m in source.members:
                    dest.directives.append(Applied("join__unionMember", {
                        "graph": self.graph(idx), "member": string_value(m)}))

    def _merge_enum(self, sources: Sources, dest: TypeDef) -> None:
        usage = self.enum_usages.get(dest.name) or _EnumUsage("Output")
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
            self.errors.append(mismatch_error_with_specifics(
                "ENUM_VALUE_MISMATCH",
                f'Enum type "{dest.name}" is used as both input type (for example, as type of '
                f'"{usage.examples["Input"]}") and output type (for example, as type of '
                f'"{usage.examples["Output"]}"), but value "{value.name}" is not defined in all '
                f'the subgraphs defining "{dest.name}": ',
                self.names, sources, lambda t: "yes" if value.name in t.values else "no", "yes",
                lambda _, subs: f'"{value.name}" is defined in {subs}',
                lambda _, subs: f" but not in {subs}"))
        if not dest.values:
            self.errors.append(CompositionError(
                "EMPTY_MERGED_ENUM_TYPE",
                f'None of the values of enum type "{dest.name}" are defined consistently in all '
                "the subgraphs defining that type. As only values common to all subgraphs are "
                "merged, this would result in an empty type."))

    def _merge_input(self, sources: Sources, dest: TypeDef) -> None:
        for name, field_sources in self._fields_shallow(sources, dest).items():
            dest_field = dest.fields[name]
            self._merge_description(field_sources, dest_field)
            self._record_directives(field_sources, dest_field)
            all_equal = self._merge_type_reference(field_sources, dest_field, True)
            self._add_join_field(field_sources, dest_field, all_equal, _FieldCtx())
            self._merge_default(field_sources, dest_field, "Input field")
            missing = [self.names[i] for i, s in enumerate(sources)
                       if s is not None and field_sources[i] is None]
            if has_directive(dest_field, "inaccessible") or not missing:
                continue
            required = [self.names[i] for i, f in enumerate(field_sources)
                        if f is not None and _is_required(f.type, f.default)]
            if required:
                self.errors.append(CompositionError(
                    "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                    f'Input object field "{dest_field.coordinate}" is required in some subgraphs '
                    f"but does not appear in all subgraphs: it is required in "
                    f"{subgraph_names(required)} but does not appear in "
                    f"{subgraph_names(missing)}"))
            del dest.fields[name]
        if not dest.fields:
            self.errors.append(CompositionError(
                "EMPTY_MERGED_INPUT_TYPE",
                f'None of the fields of input object type "{dest.name}" are consistently defined '
                "in all the subgraphs defining that type. As only fields common to all subgraphs "
                "are merged, this would result in an empty type."))

    # ------------------------------------------------------------------ fields

    def _itf_object_fields(self, dest: Field, idx: int) -> list[Field]:
        """Fields of `dest` that subgraph `idx` only knows through an @interfaceObject."""
        parent = self.types.get(dest.parent)
        s = self.subgraphs[idx]
        if parent is None or parent.kind != "object" or s.type(parent.name) is not None:
            return []
        out = []
        for itf in parent.interfaces:
            itf_type = self.types.get(itf)
            local = s.type(itf)
            if itf_type and dest.name in itf_type.fields and local and local.kind == "object":
                f = local.fields.get(dest.name)
                if f is not None:
                    out.append(f)
        return out

    def _merge_field(self, sources: Sources, dest: Field, ctx: _FieldCtx) -> None:
        every_external = all(
            all(self.meta[i].is_external(f) for f in self._itf_object_fields(dest, i))
            if s is None else self.meta[i].is_external(s) for i, s in enumerate(sources))
        if every_external:
            defining = [self.names[i] for i, s in enumerate(sources) if s is not None]
            self.errors.append(CompositionError(
                "EXTERNAL_MISSING_ON_BASE",
                f'Field "{dest.coordinate}" is marked @external on all the subgraphs in which it '
                f"is listed ({subgraph_names(defining)})."))
            return
        without_external: Sources = [
            None if s is None or self.meta[i].is_external(s) else s for i, s in enumerate(sources)]
        for i, s in enumerate(sources):
            if s is not None and self.meta[i].is_external(s):
                for d in s.directives:
                    if d.name in self.merged_names:
                        self.errors.append(CompositionError(
                            "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                            f"[{self.names[i]}] Cannot apply merged directive {d} to external "
                            f'field "{s.coordinate}"'))
        if any(s is not None for s in without_external):
            self._merge_description(without_external, dest)
            self._record_directives(without_external, dest)
            self._add_arguments(without_external, dest)
        all_equal = self._merge_type_reference(
            without_external if any(s is not None for s in without_external) else sources, dest)
        if any(s is not None and self.meta[i].is_external(s) for i, s in enumerate(sources)):
            self._validate_external_fields(sources, dest, all_equal)
        self._add_join_field(sources, dest, all_equal, ctx)

    def _add_arguments(self, sources: Sources, dest: Field) -> None:
        names: list[str] = []
        for s in sources:
            for a in s.args if s is not None else ():
                if a not in names:
                    names.append(a)
        for name in names:
            arg_sources = [s.args.get(name) if s is not None else None for s in sources]
            missing = [self.names[i] for i, s in enumerate(sources)
                       if s is not None and name not in s.args]
            if missing:
                required = [self.names[i] for i, a in enumerate(arg_sources)
                            if a is not None and _is_required(a.type, a.default)]
                if required:
                    self.errors.append(CompositionError(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "{dest.coordinate}({name}:)" is required in some subgraphs '
                        f"but does not appear in all subgraphs: it is required in "
                        f"{subgraph_names(required)} but does not appear in "
                        f"{subgraph_names(missing)}"))
                continue
            arg = dest.args[name] = Argument(name, named("String"))
            self._merge_description(arg_sources, arg)
            self._record_directives(arg_sources, arg)
            self._merge_type_reference(arg_sources, arg, True, f"{dest.coordinate}({name}:)")
            self._merge_default(arg_sources, arg, "Argument", f"{dest.coordinate}({name}:)")

    def _merge_type_reference(self, sources: Sources, dest: Field | Argument,
                              is_input: bool = False, coordinate: str | None = None) -> bool:
        dest_type: TypeNode | None = None
        subtypes = incompatible = False
        for s in sources:
            if s is None:
                continue
            if dest_type is None or same_type(dest_type, s.type):
                dest_type = s.type
            elif self._is_strict_subtype(dest_type, s.type):
                subtypes = True
                if is_input:
                    dest_type = s.type
            elif self._is_strict_subtype(s.type, dest_type):
                subtypes = True
                if not is_input:
                    dest_type = s.type
            else:
                incompatible = True
        assert dest_type is not None
        dest.type = dest_type
        coordinate = coordinate or (dest.coordinate if isinstance(dest, Field) else dest.name)
        base = self.types.get(base_type_name(dest_type))
        if base is not None and base.kind == "enum":
            position = "Input" if is_input else "Output"
            usage = self.enum_usages.setdefault(base.name, _EnumUsage(position))
            if usage.position != position:
                usage.position = "Both"
            usage.examples.setdefault(position, coordinate)
        if incompatible:
            code = "FIELD_ARGUMENT_TYPE_MISMATCH" if isinstance(dest, Argument) \
                else "FIELD_TYPE_MISMATCH"
            kind = "argument" if isinstance(dest, Argument) else "field"
            self.errors.append(mismatch_error(
                code, f'Type of {kind} "{coordinate}" is incompatible across subgraphs: it has ',
                self.names, sources, lambda x: f'type "{type_to_string(x.type)}"',
                f'type "{type_to_string(dest_type)}"'))
            return False
        return not subtypes

    def _is_subtype(self, t: TypeNode, sub: TypeNode) -> bool:
        return same_type(t, sub) or self._is_strict_subtype(t, sub)

    def _is_strict_subtype(self, t: TypeNode, sub: TypeNode) -> bool:
        if isinstance(sub, ListTypeNode):
            return isinstance(t, ListTypeNode) and self._is_subtype(t.type, sub.type)
        if isinstance(sub, NonNullTypeNode):
            return self._is_subtype(t.type if isinstance(t, NonNullTypeNode) else t, sub.type)
        assert isinstance(sub, NamedTypeNode)
        sub_def = self.types.get(sub.name.value)
        if not isinstance(t, NamedTypeNode) or sub_def is None:
            return False
        if sub_def.kind not in ("object", "interface"):
            return False
        t_def = self.types.get(t.name.value)
        if t_def is None:
            return False
        if t_def.kind == "union":
            return sub_def.name in t_def.members
        return t_def.kind == "interface" and t_def.name in sub_def.interfaces

    def _merge_default(self, sources: Sources, dest: Field | Argument, kind: str,
                       coordinate: str | None = None) -> None:
        chosen: ValueNode | None = None
        seen = inconsistent = incompatible = False
        for s in sources:
            if s is None:
                continue
            if chosen is None:
                chosen = s.default
                if seen and s.default is not None:
                    inconsistent = True
            elif s.default is None or value_to_string(chosen) != value_to_string(s.default):
                inconsistent = True
                if s.default is not None:
                    incompatible = True
            seen = True
        if not inconsistent or incompatible:
            dest.default = chosen
        if incompatible:
            coordinate = coordinate or (dest.coordinate if isinstance(dest, Field) else dest.name)
            code = "FIELD_ARGUMENT_DEFAULT_MISMATCH" if kind == "Argument" else \
                "INPUT_FIELD_DEFAULT_MISMATCH"
            self.errors.append(mismatch_error(
                code, f'{kind} "{coordinate}" has incompatible default values across subgraphs: '
                "it has ", self.names, sources,
                lambda x: f"default value {value_to_string(x.default)}"
                if x.default is not None else "no default value",
                f"default value {value_to_string(chosen)}" if chosen else "no default value"))

    def _validate_external_fields(self, sources: Sources, dest: Field, all_equal: bool) -> None:
        invalid_type = False
        for i, s in enumerate(sources):
            if s is None or not self.meta[i].is_external(s):
                continue
            if not (same_type(dest.type, s.type)
                    or (not all_equal and self._is_strict_subtype(dest.type, s.type))):
                invalid_type = True
            for arg in dest.args.values():
                local = s.args.get(arg.name)
                if local is None:
                    self.errors.append(CompositionError(
                        "EXTERNAL_ARGUMENT_MISSING",
                        f'Field "{dest.coordinate}" is missing argument '
                        f'"{dest.coordinate}({arg.name}:)" in some subgraphs where it is marked '
                        "@external"))
        if invalid_type:
            self.errors.append(mismatch_error(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{dest.coordinate}" is incompatible across subgraphs (where marked '
                "@external): it has ", self.names, sources,
                lambda x: f'type "{type_to_string(x.type)}"', f'type "{type_to_string(dest.type)}"'))

    def _needs_join_field(self, sources: Sources, parent: str, all_equal: bool,
                          ctx: _FieldCtx) -> bool:
        if not all_equal or ctx.used_overridden or ctx.labels:
            return True
        for idx, s in enumerate(sources):
            if s is not None and idx not in ctx.unused_overridden:
                if self.meta[idx].is_external(s) or has_directive(s, "provides") \
                        or has_directive(s, "requires"):
                    return True
            elif self.subgraphs[idx].type(parent) is not None:
                return True
        return False

    def _add_join_field(self, sources: Sources, dest: Field, all_equal: bool,
                        ctx: _FieldCtx) -> None:
        if not self._needs_join_field(sources, dest.parent, all_equal, ctx):
            return
        for idx, s in enumerate(sources):
            label = ctx.labels.get(idx)
            if s is None or (idx in ctx.unused_overridden and not label):
                continue
            args: dict[str, ValueNode] = {"graph": self.graph(idx)}
            for name in ("requires", "provides"):
                applied = [d for d in s.directives if d.name == name]
                if applied:
                    args[name] = applied[0].args["fields"]
            override = [d for d in s.directives if d.name == "override"]
            if override and "from" in override[-1].args:
                args["override"] = override[-1].args["from"]
            if not all_equal:
                args["type"] = string_value(type_to_string(s.type))
            if self.meta[idx].is_external(s):
                args["external"] = bool_value(True)
            if idx in ctx.used_overridden:
                args["usedOverridden"] = bool_value(True)
            if label:
                args["overrideLabel"] = string_value(label)
            dest.directives.append(Applied("join__field", args))

    def _validate_override(self, sources: Sources, dest: Field) -> _FieldCtx:
        ctx = _FieldCtx()
        if dest.coordinate not in self.override_coordinates:
            return ctx
        with_override = {self.names[i]: i for i, s in enumerate(sources)
                         if s is not None and has_directive(s, "override")}
        for name, idx in with_override.items():
            source = sources[idx]
            assert source is not None
            directive = [d for d in source.directives if d.name == "override"][0]
            parent = self.subgraphs[idx].type(source.parent)
            if parent is not None and parent.kind == "interface":
                self.errors.append(CompositionError(
                    "OVERRIDE_ON_INTERFACE",
                    f'@override cannot be used on field "{dest.coordinate}" on subgraph '
                    f'"{name}": @override is not supported on interface type fields.'))
                continue
            from_name = directive.arg_str("from") or ""
            if from_name not in self.names:
                ctx.unknown_target.add(idx)
                continue
            if from_name == name:
                self.errors.append(CompositionError(
                    "OVERRIDE_FROM_SELF_ERROR",
                    f'Source and destination subgraphs "{from_name}" are the same for overridden '
                    f'field "{dest.coordinate}"'))
                continue
            if from_name in with_override:
                self.errors.append(CompositionError(
                    "OVERRIDE_SOURCE_HAS_OVERRIDE",
                    f'Field "{dest.coordinate}" on subgraph "{name}" is also marked with directive '
                    f'@override in subgraph "{from_name}". Only one @override directive is '
                    "allowed per field."))
                continue
            from_idx = self.names.index(from_name)
            from_field = sources[from_idx]
            if from_field is None:
                continue
            conflict = next((d for d in ("requires", "provides")
                             if has_directive(from_field, d)), None)
            where = from_name
            if conflict is None and self.meta[idx].is_external(source):
                conflict, where = "external", name
            if conflict is not None:
                self.errors.append(CompositionError(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'@override cannot be used on field "{from_field.coordinate}" on subgraph '
                    f'"{name}" since "{from_field.coordinate}" on "{where}" is marked with '
                    f'directive "@{conflict}"'))
                continue
            if self.meta[from_idx].is_external(from_field):
                pass
            elif self.meta[from_idx].is_used(from_field):
                ctx.used_overridden.add(from_idx)
            else:
                ctx.unused_overridden.add(from_idx)
            label = directive.arg_str("label")
            if label is not None:
                match = _PERCENT.match(label)
                if _LABEL.match(label) or (match and 0 <= float(match[1]) <= 100):
                    ctx.labels[idx] = ctx.labels[from_idx] = label
                else:
                    self.errors.append(CompositionError(
                        "OVERRIDE_LABEL_INVALID",
                        f'Invalid @override label "{label}" on field "{dest.coordinate}" on '
                        f'subgraph "{name}": labels must start with a letter and after that may '
                        "contain alphanumerics, underscores, minuses, colons, periods, or "
                        'slashes. Alternatively, labels may be of the form "percent(x)" where x '
                        "is a float between 0-100 inclusive."))
        return ctx

    def _validate_field_sharing(self, sources: Sources, dest: Field, ctx: _FieldCtx) -> None:
        shareable: list[str] = []
        non_shareable: list[tuple[str, int]] = []
        resolving: list[str] = []

        def categorize(idx: int, label: str, f: Field) -> None:
            if self.meta[idx].is_fully_external(f):
                return
            resolving.append(label)
            if self.meta[idx].is_shareable(f):
                shareable.append(label)
            else:
                non_shareable.append((label, idx))

        for idx, s in enumerate(sources):
            label = f'"{self.names[idx]}"'
            if s is None:
                for f in self._itf_object_fields(dest, idx):
                    categorize(idx, f'{label} (through @interfaceObject field "{f.coordinate}")',
                               f)
                continue
            if idx in ctx.used_overridden or idx in ctx.unused_overridden:
                continue
            categorize(idx, label, s)
        if non_shareable and (shareable or len(non_shareable) > 1):
            from .errors import human_list

            def show(items: list[str]) -> str:
                return human_list(items, "subgraph", "subgraphs", cutoff=500)

            others = show([n for n, _ in non_shareable]) if shareable else "all of them"
            extra = ""
            targetless = [n for n, i in non_shareable if i in ctx.unknown_target]
            if targetless:
                extra = (f' (please note that "{dest.coordinate}" has an @override directive in '
                         f"{targetless[0]} that targets an unknown subgraph so this could be due "
                         "to misspelling the @override(from:) argument)")
            self.errors.append(CompositionError(
                "INVALID_FIELD_SHARING",
                f'Non-shareable field "{dest.coordinate}" is resolved from multiple subgraphs: it '
                f"is resolved from {show(resolving)} and defined as non-shareable in "
                f"{others}{extra}"))

    # ------------------------------------------------------------------ the rest

    def _merge_directive_definitions(self) -> None:
        """Executable directives (used in operations) survive only when every subgraph has them."""
        names: list[str] = []
        for s in self.subgraphs:
            for name, d in s.directive_defs.items():
                if any(loc.value in EXECUTABLE_LOCATIONS for loc in d.locations) \
                        and name not in names:
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

    def _merged_directive(self, name: str, defs: list[DirectiveDefinitionNode],
                          locations: list[str]) -> MergedDirective:
        first = defs[0]
        repeatable = all(d.repeatable for d in defs)
        args = {}
        for a in first.arguments:
            if all(any(x.name.value == a.name.value for x in d.arguments) for d in defs):
                args[a.name.value] = Argument(a.name.value, a.type, a.default_value,
                                              a.description.value if a.description else None)
        descriptions = [d.description.value for d in defs if d.description]
        return MergedDirective(name, locations, repeatable, args,
                               descriptions[0] if descriptions else None)

    def _add_missing_interface_object_fields(self) -> None:
        for t in list(self.types.values()):
            if t.kind != "object":
                continue
            for itf_name in t.interfaces:
                itf = self.types.get(itf_name)
                for itf_field in itf.fields.values() if itf is not None else ():
                    if itf_field.name in t.fields or not self._provided_by_itf_object(
                            itf_field.name, itf_name):
                        continue
                    copy = Field(itf_field.name, itf_field.type, t.name,
                                 description=itf_field.description,
                                 directives=[d for d in itf_field.directives
                                             if not d.name.startswith("join__")])
                    copy.args = {n: Argument(a.name, a.type, a.default, a.description,
                                             list(a.directives)) for n, a in itf_field.args.items()}
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
                    with_field = [s.name for s in self.subgraphs
                                  if (x := s.type(itf_name)) is not None and x.kind == "interface"
                                  and itf_field.name in x.fields]
                    implementing = [s.name for s in self.subgraphs
                                    if (x := s.type(t.name)) is not None
                                    and itf_name in x.interfaces]
                    self.errors.append(CompositionError(
                        "INTERFACE_FIELD_NO_IMPLEM",
                        f'Interface field "{itf_name}.{itf_field.name}" is declared in '
                        f'{subgraph_names(with_field)} but type "{t.name}", which implements '
                        f'"{itf_name}" only in {subgraph_names(implementing)} does not have field '
                        f'"{itf_field.name}".'))


def _is_required(t: TypeNode, default: ValueNode | None) -> bool:
    return isinstance(t, NonNullTypeNode) and default is None


def _print_types(names: list[str]) -> str:
    from .errors import human_list

    return human_list([f'"{n}"' for n in names], "type", "types")
