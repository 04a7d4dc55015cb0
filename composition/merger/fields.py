"""Merging one field (or argument, or input field) across subgraphs: its type, arguments,
default value, @external copies and @join__field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graphql import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode, ValueNode

from ..errors import subgraph_names
from ..model import (
    Applied,
    Argument,
    Field,
    TypeDef,
    base_type_name,
    bool_value,
    has_directive,
    is_required,
    named,
    same_type,
    string_value,
    type_to_string,
    value_to_string,
)
from ..reporter import mismatch_error
from .context import EnumUsage, MergeContext, OverrideOutcome, Sources
from .directives import merge_description, record_directives
from .interface_objects import fields_through_interface_objects


def declare_fields(sources: Sources, dest: TypeDef) -> dict[str, Sources]:
    """Add every subgraph's fields to `dest` (in order of first appearance); their sources."""
    added: dict[str, Sources] = {}
    for index, source in enumerate(sources):
        for source_field in source.fields.values() if source is not None else ():
            if source_field.name not in dest.fields:
                dest.fields[source_field.name] = Field(
                    source_field.name, source_field.type, dest.name
                )
            added.setdefault(source_field.name, [None] * len(sources))[index] = source_field
    return added


def merge_field(
    context: MergeContext, sources: Sources, dest: Field, overrides: OverrideOutcome
) -> None:
    metadata = context.metadata

    def external_everywhere(index: int, source: Field | None) -> bool:
        if source is not None:
            return metadata[index].is_external(source)
        through = fields_through_interface_objects(context, dest, index)
        return all(metadata[index].is_external(other) for other in through)

    if all(external_everywhere(index, source) for index, source in enumerate(sources)):
        defining = [
            name for name, source in zip(context.names, sources, strict=True) if source is not None
        ]
        context.error(
            "EXTERNAL_MISSING_ON_BASE",
            f'Field "{dest.coordinate}" is marked @external on all the subgraphs in which '
            f"it is listed ({subgraph_names(defining)}).",
        )
        return
    external = [
        source is not None and metadata[index].is_external(source)
        for index, source in enumerate(sources)
    ]
    without_external: Sources = [
        None if is_external else source
        for source, is_external in zip(sources, external, strict=True)
    ]
    for index, source in enumerate(sources):
        if not external[index]:
            continue
        for directive in source.directives:
            if directive.name in context.merged_directive_names:
                context.error(
                    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    f"[{context.names[index]}] Cannot apply merged directive {directive} to "
                    f'external field "{source.coordinate}"',
                )
    resolved_somewhere = any(source is not None for source in without_external)
    if resolved_somewhere:
        merge_description(without_external, dest)
        record_directives(context, without_external, dest)
        _merge_arguments(context, without_external, dest)
    all_equal = merge_type_reference(
        context, without_external if resolved_somewhere else sources, dest
    )
    if any(external):
        _check_external_copies(context, sources, dest, all_equal)
    add_join_field(context, sources, dest, all_equal, overrides)


def report_required_missing(
    context: MergeContext,
    code: str,
    element: str,
    sources: Sequence[Argument | Field | None],
    missing: list[str],
) -> None:
    """`element` (an argument or input field) does not appear in the subgraphs `missing`: an
    error if a subgraph defining it requires it."""
    required = [
        context.names[index]
        for index, source in enumerate(sources)
        if source is not None and is_required(source.type, source.default)
    ]
    if required:
        context.error(
            code,
            f"{element} is required in some subgraphs but does not appear in all subgraphs: "
            f"it is required in {subgraph_names(required)} but does not appear in "
            f"{subgraph_names(missing)}",
        )


def _merge_arguments(context: MergeContext, sources: Sources, dest: Field) -> None:
    """Arguments every subgraph with the field has; a required one missing somewhere is an
    error."""
    names: list[str] = []
    for source in sources:
        for arg_name in source.args if source is not None else ():
            if arg_name not in names:
                names.append(arg_name)
    for name in names:
        coordinate = f"{dest.coordinate}({name}:)"
        arg_sources = [source.args.get(name) if source is not None else None for source in sources]
        missing = [
            context.names[index]
            for index, source in enumerate(sources)
            if source is not None and name not in source.args
        ]
        if missing:
            report_required_missing(
                context,
                "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                f'Argument "{coordinate}"',
                arg_sources,
                missing,
            )
            continue
        arg = dest.args[name] = Argument(name, named("String"))
        merge_description(arg_sources, arg)
        record_directives(context, arg_sources, arg)
        merge_type_reference(context, arg_sources, arg, True, coordinate)
        merge_default(context, arg_sources, arg, "Argument", coordinate)


def merge_type_reference(
    context: MergeContext,
    sources: Sources,
    dest: Field | Argument,
    is_input: bool = False,
    coordinate: str | None = None,
) -> bool:
    """The supergraph type of a field or argument: the most general output type, the most
    specific input type. True when every subgraph has exactly that type."""
    dest_type: TypeNode | None = None
    subtypes = incompatible = False
    for source in sources:
        if source is None:
            continue
        if dest_type is None or same_type(dest_type, source.type):
            dest_type = source.type
        elif is_strict_subtype(context.types, dest_type, source.type):
            subtypes = True
            if is_input:
                dest_type = source.type
        elif is_strict_subtype(context.types, source.type, dest_type):
            subtypes = True
            if not is_input:
                dest_type = source.type
        else:
            incompatible = True
    assert dest_type is not None
    dest.type = dest_type
    coordinate = coordinate or (dest.coordinate if isinstance(dest, Field) else dest.name)
    base = context.types.get(base_type_name(dest_type))
    if base is not None and base.kind == "enum":
        position = "Input" if is_input else "Output"
        usage = context.enum_usages.setdefault(base.name, EnumUsage(position))
        if usage.position != position:
            usage.position = "Both"
        usage.examples.setdefault(position, coordinate)
    if incompatible:
        is_argument = isinstance(dest, Argument)
        context.errors.append(
            mismatch_error(
                "FIELD_ARGUMENT_TYPE_MISMATCH" if is_argument else "FIELD_TYPE_MISMATCH",
                f'Type of {"argument" if is_argument else "field"} "{coordinate}" is '
                "incompatible across subgraphs: it has ",
                context.names,
                sources,
                lambda source: f'type "{type_to_string(source.type)}"',
                f'type "{type_to_string(dest_type)}"',
            )
        )
        return False
    return not subtypes


def is_subtype(types: Mapping[str, TypeDef], general: TypeNode, specific: TypeNode) -> bool:
    return same_type(general, specific) or is_strict_subtype(types, general, specific)


def is_strict_subtype(types: Mapping[str, TypeDef], general: TypeNode, specific: TypeNode) -> bool:
    """Whether `specific` is a strictly narrower type than `general` (non-null of it, a member
    of its union, an implementation of its interface, or lists of such)."""
    if isinstance(specific, ListTypeNode):
        return isinstance(general, ListTypeNode) and is_subtype(types, general.type, specific.type)
    if isinstance(specific, NonNullTypeNode):
        unwrapped = general.type if isinstance(general, NonNullTypeNode) else general
        return is_subtype(types, unwrapped, specific.type)
    assert isinstance(specific, NamedTypeNode)
    specific_def = types.get(specific.name.value)
    if not isinstance(general, NamedTypeNode) or specific_def is None:
        return False
    if specific_def.kind not in ("object", "interface"):
        return False
    general_def = types.get(general.name.value)
    if general_def is None:
        return False
    if general_def.kind == "union":
        return specific_def.name in general_def.members
    return general_def.kind == "interface" and general_def.name in specific_def.interfaces


def merge_default(
    context: MergeContext,
    sources: Sources,
    dest: Field | Argument,
    kind: str,
    coordinate: str | None = None,
) -> None:
    """The default value all subgraphs agree on; none when some lack it, an error when two
    differ."""
    chosen: ValueNode | None = None
    seen = inconsistent = incompatible = False
    for source in sources:
        if source is None:
            continue
        if chosen is None:
            chosen = source.default
            if seen and source.default is not None:
                inconsistent = True
        elif source.default is None or value_to_string(chosen) != value_to_string(source.default):
            inconsistent = True
            if source.default is not None:
                incompatible = True
        seen = True
    if not inconsistent or incompatible:
        dest.default = chosen
    if incompatible:
        coordinate = coordinate or (dest.coordinate if isinstance(dest, Field) else dest.name)
        context.errors.append(
            mismatch_error(
                "FIELD_ARGUMENT_DEFAULT_MISMATCH"
                if kind == "Argument"
                else "INPUT_FIELD_DEFAULT_MISMATCH",
                f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has ',
                context.names,
                sources,
                lambda source: (
                    f"default value {value_to_string(source.default)}"
                    if source.default is not None
                    else "no default value"
                ),
                f"default value {value_to_string(chosen)}" if chosen else "no default value",
            )
        )


def _check_external_copies(
    context: MergeContext, sources: Sources, dest: Field, all_equal: bool
) -> None:
    """An @external copy has the supergraph field's type (or a subtype) and its arguments."""
    invalid_type = False
    for index, source in enumerate(sources):
        if source is None or not context.metadata[index].is_external(source):
            continue
        if not (
            same_type(dest.type, source.type)
            or (not all_equal and is_strict_subtype(context.types, dest.type, source.type))
        ):
            invalid_type = True
        for arg in dest.args.values():
            if source.args.get(arg.name) is None:
                context.error(
                    "EXTERNAL_ARGUMENT_MISSING",
                    f'Field "{dest.coordinate}" is missing argument '
                    f'"{dest.coordinate}({arg.name}:)" in some subgraphs where it is '
                    "marked @external",
                )
    if invalid_type:
        context.errors.append(
            mismatch_error(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{dest.coordinate}" is incompatible across subgraphs (where '
                "marked @external): it has ",
                context.names,
                sources,
                lambda source: f'type "{type_to_string(source.type)}"',
                f'type "{type_to_string(dest.type)}"',
            )
        )


def _needs_join_field(
    context: MergeContext,
    sources: Sources,
    parent: str,
    all_equal: bool,
    overrides: OverrideOutcome,
) -> bool:
    """Apollo omits @join__field when the field is the same, plain one in every subgraph with
    its parent type."""
    if not all_equal or overrides.used_overridden or overrides.labels:
        return True
    for index, source in enumerate(sources):
        if source is not None and index not in overrides.unused_overridden:
            if (
                context.metadata[index].is_external(source)
                or has_directive(source, "provides")
                or has_directive(source, "requires")
            ):
                return True
        elif context.subgraphs[index].type(parent) is not None:
            return True
    return False


def add_join_field(
    context: MergeContext,
    sources: Sources,
    dest: Field,
    all_equal: bool,
    overrides: OverrideOutcome,
) -> None:
    if not _needs_join_field(context, sources, dest.parent, all_equal, overrides):
        return
    for index, source in enumerate(sources):
        label = overrides.labels.get(index)
        if source is None or (index in overrides.unused_overridden and not label):
            continue
        args: dict[str, ValueNode] = {"graph": context.graph_value(index)}
        for name in ("requires", "provides"):
            applied = [directive for directive in source.directives if directive.name == name]
            if applied:
                args[name] = applied[0].args["fields"]
        override = [directive for directive in source.directives if directive.name == "override"]
        if override and "from" in override[-1].args:
            args["override"] = override[-1].args["from"]
        if not all_equal:
            args["type"] = string_value(type_to_string(source.type))
        if context.metadata[index].is_external(source):
            args["external"] = bool_value(True)
        if index in overrides.used_overridden:
            args["usedOverridden"] = bool_value(True)
        if label:
            args["overrideLabel"] = string_value(label)
        dest.directives.append(Applied("join__field", args))
