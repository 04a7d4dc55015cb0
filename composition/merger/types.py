"""Types: declared in the supergraph by name and kind, their interfaces, roots, @join__type, and
each kind merged by its own rules (objects and unions here)."""

from __future__ import annotations

from ..model import Applied, TypeDef, bool_value, has_directive, string_value
from ..reporter import mismatch_error
from .context import MergeContext, Sources
from .directives import merge_description, record_directives
from .enums import merge_enum
from .fields import declare_fields, merge_field
from .inputs import merge_input
from .interface_objects import check_declared_somewhere_as_interface
from .interfaces import merge_interface
from .sharing import check_field_sharing, resolve_overrides

KIND_NAMES = {
    "object": "Object Type",
    "interface": "Interface Type",
    "union": "Union Type",
    "enum": "Enum Type",
    "input": "Input Object Type",
    "scalar": "Scalar Type",
}
INTERFACE_OBJECT = "Interface Object Type (Object Type with @interfaceObject)"


def declare_types(context: MergeContext) -> None:
    """Every type of every subgraph, empty, under the kind it has first; TYPE_KIND_MISMATCH
    when subgraphs disagree."""
    mismatched: list[str] = []
    interface_objects: list[str] = []
    for index, subgraph in enumerate(context.subgraphs):
        for type_def in subgraph.types.values():
            kind = context.kind_in(index, type_def)
            if kind != type_def.kind:
                interface_objects.append(type_def.name)
            previous = context.types.get(type_def.name)
            if previous is None:
                context.types[type_def.name] = TypeDef(kind, type_def.name)
            elif previous.kind != kind and type_def.name not in mismatched:
                mismatched.append(type_def.name)
    for name in mismatched:
        sources = [subgraph.type(name) for subgraph in context.subgraphs]

        def kind_name(type_def: TypeDef) -> str:
            for index, subgraph in enumerate(context.subgraphs):
                if subgraph.type(type_def.name) is type_def and context.metadata[
                    index
                ].is_interface_object(type_def):
                    return INTERFACE_OBJECT
            return KIND_NAMES[type_def.kind]

        context.errors.append(
            mismatch_error(
                "TYPE_KIND_MISMATCH",
                f'Type "{name}" has mismatched kind: it is defined as ',
                context.names,
                sources,
                kind_name,
                KIND_NAMES[context.types[name].kind],
            )
        )
    check_declared_somewhere_as_interface(
        context, [name for name in interface_objects if name not in mismatched]
    )


def merge_implements(context: MergeContext, dest: TypeDef) -> None:
    """The interfaces of an object or interface, with a @join__implements per subgraph."""
    for index, source in enumerate(context.sources_of(dest)):
        if source is None:
            continue
        for interface in source.interfaces:
            if interface not in dest.interfaces:
                dest.interfaces.append(interface)
            dest.directives.append(
                Applied(
                    "join__implements",
                    {"graph": context.graph_value(index), "interface": string_value(interface)},
                )
            )


def merge_roots(context: MergeContext) -> None:
    """Each root operation type: the first subgraph's with fields names it."""
    for operation in ("query", "mutation", "subscription"):
        for subgraph in context.subgraphs:
            root = subgraph.roots.get(operation)
            type_def = subgraph.type(root) if root else None
            if type_def is not None and type_def.fields:
                context.roots[operation] = type_def.name
                break


def merge_type(context: MergeContext, dest: TypeDef) -> None:
    sources = context.sources_of(dest)
    _check_extension_with_no_base(context, sources, dest)
    merge_description(sources, dest)
    _add_join_types(context, sources, dest)
    record_directives(context, sources, dest)
    if dest.kind == "object":
        _merge_object(context, sources, dest)
    elif dest.kind == "interface":
        merge_interface(context, sources, dest)
    elif dest.kind == "union":
        _merge_union(context, sources, dest)
    elif dest.kind == "enum":
        merge_enum(context, sources, dest)
    elif dest.kind == "input":
        merge_input(context, sources, dest)


def _check_extension_with_no_base(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    if dest.kind == "object" and dest.name in context.roots.values():
        return
    defined = any(source is not None and source.has_definition for source in sources)
    extended = [
        index for index, source in enumerate(sources) if source is not None and source.has_extension
    ]
    if defined:
        return
    for index in extended:
        context.error(
            "EXTENSION_WITH_NO_BASE",
            f'[{context.names[index]}] Type "{dest.name}" is an extension type, but there is '
            f'no type definition for "{dest.name}" in any subgraph.',
        )


def _add_join_types(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    """One @join__type per subgraph and key (a keyless type gets one per subgraph)."""
    for index, source in enumerate(sources):
        if source is None:
            continue
        interface_object = context.metadata[index].is_interface_object(source)
        keys = source.applied("key")
        if not keys:
            args = {"graph": context.graph_value(index)}
            if interface_object:
                args["isInterfaceObject"] = bool_value(True)
            dest.directives.append(Applied("join__type", args))
            continue
        for key in keys:
            args = {"graph": context.graph_value(index), "key": key.args["fields"]}
            if key.of_extension or source.has("extends"):
                args["extension"] = bool_value(True)
            if "resolvable" in key.args:
                args["resolvable"] = key.args["resolvable"]
            if interface_object:
                args["isInterfaceObject"] = bool_value(True)
            dest.directives.append(Applied("join__type", args))


def _merge_object(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    added = declare_fields(sources, dest)
    if not added:
        del context.types[dest.name]
        return
    subscription = dest.name == context.roots.get("subscription")
    for name, field_sources in added.items():
        dest_field = dest.fields[name]
        overrides = resolve_overrides(context, field_sources, dest_field)
        if subscription and any(
            source is not None and has_directive(source, "shareable") for source in field_sources
        ):
            context.error(
                "INVALID_FIELD_SHARING",
                "Fields on root level subscription object cannot be marked as shareable",
            )
        merge_field(context, field_sources, dest_field, overrides)
        check_field_sharing(context, field_sources, dest_field, overrides)


def _merge_union(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    """Every member of every subgraph, with a @join__unionMember per subgraph having it."""
    for source in sources:
        for member in source.members if source is not None else ():
            if member not in dest.members:
                dest.members.append(member)
    for member in dest.members:
        for index, source in enumerate(sources):
            if source is not None and member in source.members:
                dest.directives.append(
                    Applied(
                        "join__unionMember",
                        {"graph": context.graph_value(index), "member": string_value(member)},
                    )
                )
