"""@interfaceObject: an object type in some subgraphs standing for an interface of others.

Such a type merges as the interface; its fields reach every implementation, and the subgraphs
that use it must not define the implementations themselves."""

from __future__ import annotations

from ..errors import subgraph_names, type_names
from ..model import Applied, Argument, Field
from .context import MergeContext, Sources


def check_declared_somewhere_as_interface(context: MergeContext, names: list[str]) -> None:
    """An @interfaceObject needs the interface itself in at least one subgraph."""
    for name in dict.fromkeys(names):
        if any(
            (type_def := subgraph.type(name)) is not None and type_def.kind == "interface"
            for subgraph in context.subgraphs
        ):
            continue
        having = [sub.name for sub in context.subgraphs if sub.type(name) is not None]
        context.error(
            "INTERFACE_OBJECT_USAGE_ERROR",
            f'Type "{name}" is declared with @interfaceObject in all the subgraphs in '
            f"which it is defined (it is defined in {subgraph_names(having)} but "
            "should be defined as an interface in at least one subgraph)",
        )


def check_no_implementations_beside(context: MergeContext, sources: Sources, dest: str) -> None:
    """A subgraph with interface `dest` as an @interfaceObject defines none of its
    implementations."""
    implementations = context.implementations(dest)
    for index, source in enumerate(sources):
        if source is None or not context.metadata[index].is_interface_object(source):
            continue
        subgraph = context.subgraphs[index]
        defined = [name for name in implementations if subgraph.type(name) is not None]
        if defined:
            context.error(
                "INTERFACE_OBJECT_USAGE_ERROR",
                f'[{subgraph.name}] Interface type "{dest}" is defined as an @interfaceObject '
                f'in subgraph "{subgraph.name}" so that subgraph should not define any of the '
                f'implementation types of "{dest}", but it defines {type_names(defined)}',
            )


def fields_through_interface_objects(context: MergeContext, dest: Field, index: int) -> list[Field]:
    """The fields of subgraph `index` that give it `dest` only through an @interfaceObject
    (the subgraph lacks `dest`'s object type but has one of its interfaces as an object)."""
    parent = context.types.get(dest.parent)
    subgraph = context.subgraphs[index]
    if parent is None or parent.kind != "object" or subgraph.type(parent.name) is not None:
        return []
    found = []
    for interface in parent.interfaces:
        merged_interface = context.types.get(interface)
        local = subgraph.type(interface)
        if (
            merged_interface
            and dest.name in merged_interface.fields
            and local
            and local.kind == "object"
        ):
            local_field = local.fields.get(dest.name)
            if local_field is not None:
                found.append(local_field)
    return found


def add_fields_from_interface_objects(context: MergeContext) -> None:
    """Copy to each implementation the interface fields only an @interfaceObject resolves
    (with an argument-less @join__field: the router asks the @interfaceObject's subgraph)."""
    for type_def in list(context.types.values()):
        if type_def.kind != "object":
            continue
        for interface_name in type_def.interfaces:
            interface = context.types.get(interface_name)
            for interface_field in interface.fields.values() if interface is not None else ():
                if interface_field.name in type_def.fields or not _provided_by_interface_object(
                    context, interface_field.name, interface_name
                ):
                    continue
                copy = Field(
                    interface_field.name,
                    interface_field.type,
                    type_def.name,
                    description=interface_field.description,
                    directives=[
                        directive
                        for directive in interface_field.directives
                        if not directive.name.startswith("join__")
                    ],
                )
                copy.args = {
                    name: Argument(
                        arg.name, arg.type, arg.default, arg.description, list(arg.directives)
                    )
                    for name, arg in interface_field.args.items()
                }
                copy.directives.append(Applied("join__field", {}))
                type_def.fields[copy.name] = copy


def _provided_by_interface_object(context: MergeContext, field_name: str, interface: str) -> bool:
    for index, subgraph in enumerate(context.subgraphs):
        type_def = subgraph.type(interface)
        if type_def is not None and context.metadata[index].is_interface_object(type_def):
            local_field = type_def.fields.get(field_name)
            if local_field is not None and not context.metadata[index].is_external(local_field):
                return True
    return False
