"""Merging one field (or argument/input field) across subgraphs, and its @join__field."""

from __future__ import annotations

from graphql import (
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    TypeNode,
    ValueNode,
)

from .errors import CompositionError, subgraph_names
from .merge_base import EnumUsage, FieldCtx, MergeState, Sources, is_required
from .model import (
    Applied,
    Argument,
    Field,
    base_type_name,
    bool_value,
    has_directive,
    named,
    same_type,
    string_value,
    type_to_string,
    value_to_string,
)
from .reporter import mismatch_error


class FieldMerger(MergeState):
    def _merge_field(self, sources: Sources, dest: Field, ctx: FieldCtx) -> None:
        every_external = all(
            all(self.meta[i].is_external(f) for f in self._itf_object_fields(dest, i))
            if s is None
            else self.meta[i].is_external(s)
            for i, s in enumerate(sources)
        )
        if every_external:
            defining = [self.names[i] for i, s in enumerate(sources) if s is not None]
            self.errors.append(
                CompositionError(
                    "EXTERNAL_MISSING_ON_BASE",
                    f'Field "{dest.coordinate}" is marked @external on all the subgraphs in which '
                    f"it is listed ({subgraph_names(defining)}).",
                )
            )
            return
        without_external: Sources = [
            None if s is None or self.meta[i].is_external(s) else s for i, s in enumerate(sources)
        ]
        for i, s in enumerate(sources):
            if s is not None and self.meta[i].is_external(s):
                for d in s.directives:
                    if d.name in self.merged_names:
                        self.errors.append(
                            CompositionError(
                                "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                                f"[{self.names[i]}] Cannot apply merged directive {d} to external "
                                f'field "{s.coordinate}"',
                            )
                        )
        if any(s is not None for s in without_external):
            self._merge_description(without_external, dest)
            self._record_directives(without_external, dest)
            self._add_arguments(without_external, dest)
        all_equal = self._merge_type_reference(
            without_external if any(s is not None for s in without_external) else sources, dest
        )
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
            missing = [
                self.names[i] for i, s in enumerate(sources) if s is not None and name not in s.args
            ]
            if missing:
                required = [
                    self.names[i]
                    for i, a in enumerate(arg_sources)
                    if a is not None and is_required(a.type, a.default)
                ]
                if required:
                    self.errors.append(
                        CompositionError(
                            "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                            f'Argument "{dest.coordinate}({name}:)" is required in some subgraphs '
                            "but does not appear in all subgraphs: it is required in "
                            f"{subgraph_names(required)} but does not appear in "
                            f"{subgraph_names(missing)}",
                        )
                    )
                continue
            arg = dest.args[name] = Argument(name, named("String"))
            self._merge_description(arg_sources, arg)
            self._record_directives(arg_sources, arg)
            self._merge_type_reference(arg_sources, arg, True, f"{dest.coordinate}({name}:)")
            self._merge_default(arg_sources, arg, "Argument", f"{dest.coordinate}({name}:)")

    def _merge_type_reference(
        self,
        sources: Sources,
        dest: Field | Argument,
        is_input: bool = False,
        coordinate: str | None = None,
    ) -> bool:
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
            usage = self.enum_usages.setdefault(base.name, EnumUsage(position))
            if usage.position != position:
                usage.position = "Both"
            usage.examples.setdefault(position, coordinate)
        if incompatible:
            code = (
                "FIELD_ARGUMENT_TYPE_MISMATCH"
                if isinstance(dest, Argument)
                else "FIELD_TYPE_MISMATCH"
            )
            kind = "argument" if isinstance(dest, Argument) else "field"
            self.errors.append(
                mismatch_error(
                    code,
                    f'Type of {kind} "{coordinate}" is incompatible across subgraphs: it has ',
                    self.names,
                    sources,
                    lambda x: f'type "{type_to_string(x.type)}"',
                    f'type "{type_to_string(dest_type)}"',
                )
            )
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

    def _merge_default(
        self, sources: Sources, dest: Field | Argument, kind: str, coordinate: str | None = None
    ) -> None:
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
            code = (
                "FIELD_ARGUMENT_DEFAULT_MISMATCH"
                if kind == "Argument"
                else "INPUT_FIELD_DEFAULT_MISMATCH"
            )
            self.errors.append(
                mismatch_error(
                    code,
                    f'{kind} "{coordinate}" has incompatible default values across subgraphs: '
                    "it has ",
                    self.names,
                    sources,
                    lambda x: (
                        f"default value {value_to_string(x.default)}"
                        if x.default is not None
                        else "no default value"
                    ),
                    f"default value {value_to_string(chosen)}" if chosen else "no default value",
                )
            )

    def _validate_external_fields(self, sources: Sources, dest: Field, all_equal: bool) -> None:
        invalid_type = False
        for i, s in enumerate(sources):
            if s is None or not self.meta[i].is_external(s):
                continue
            if not (
                same_type(dest.type, s.type)
                or (not all_equal and self._is_strict_subtype(dest.type, s.type))
            ):
                invalid_type = True
            for arg in dest.args.values():
                local = s.args.get(arg.name)
                if local is None:
                    self.errors.append(
                        CompositionError(
                            "EXTERNAL_ARGUMENT_MISSING",
                            f'Field "{dest.coordinate}" is missing argument '
                            f'"{dest.coordinate}({arg.name}:)" in some subgraphs where it is '
                            "marked @external",
                        )
                    )
        if invalid_type:
            self.errors.append(
                mismatch_error(
                    "EXTERNAL_TYPE_MISMATCH",
                    f'Type of field "{dest.coordinate}" is incompatible across subgraphs (where '
                    "marked @external): it has ",
                    self.names,
                    sources,
                    lambda x: f'type "{type_to_string(x.type)}"',
                    f'type "{type_to_string(dest.type)}"',
                )
            )

    def _needs_join_field(
        self, sources: Sources, parent: str, all_equal: bool, ctx: FieldCtx
    ) -> bool:
        if not all_equal or ctx.used_overridden or ctx.labels:
            return True
        for idx, s in enumerate(sources):
            if s is not None and idx not in ctx.unused_overridden:
                if (
                    self.meta[idx].is_external(s)
                    or has_directive(s, "provides")
                    or has_directive(s, "requires")
                ):
                    return True
            elif self.subgraphs[idx].type(parent) is not None:
                return True
        return False

    def _add_join_field(
        self, sources: Sources, dest: Field, all_equal: bool, ctx: FieldCtx
    ) -> None:
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
