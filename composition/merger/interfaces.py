"""Interfaces: their fields, their @key (an entity interface needs every implementation in the
subgraph that resolves it) and, once all is merged, every implementation has their fields."""

from __future__ import annotations

from ..errors import subgraph_names, type_names
from ..model import TypeDef
from .context import MergeContext, Sources
from .fields import declare_fields, merge_field
from .interface_objects import check_no_implementations_beside
from .sharing import resolve_overrides


def merge_interface(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    _check_keys(context, sources, dest)
    check_no_implementations_beside(context, sources, dest.name)
    for name, field_sources in declare_fields(sources, dest).items():
        dest_field = dest.fields[name]
        overrides = resolve_overrides(context, field_sources, dest_field)
        merge_field(context, field_sources, dest_field, overrides)


def _check_keys(context: MergeContext, sources: Sources, dest: TypeDef) -> None:
    """A subgraph with a resolvable @key on an interface defines all its implementations."""
    implementations = context.implementations(dest.name)
    for index, source in enumerate(sources):
        if source is None or source.kind != "interface":
            continue
        resolvable = [
            key for key in source.applied("key") if key.arg_bool("resolvable") is not False
        ]
        if not resolvable:
            continue
        subgraph = context.subgraphs[index]
        local = {type_def.name for type_def in subgraph.implementations(source.name)}
        missing = [name for name in implementations if name not in local]
        if missing:
            them = "them" if len(missing) > 1 else "it"
            context.error(
                "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                f'[{subgraph.name}] Interface type "{dest.name}" has a resolvable key '
                f'({resolvable[0]}) in subgraph "{subgraph.name}" but that subgraph is missing '
                f'some of the supergraph implementation types of "{dest.name}". '
                f'Subgraph "{subgraph.name}" should define {type_names(missing)} '
                f'(and have {them} implement "{dest.name}").',
            )


def check_implementations_have_interface_fields(context: MergeContext) -> None:
    """INTERFACE_FIELD_NO_IMPLEM: an implementation lacks a field of one of its interfaces."""
    for type_def in context.types.values():
        if type_def.kind not in ("object", "interface"):
            continue
        for interface_name in type_def.interfaces:
            interface = context.types.get(interface_name)
            for interface_field in interface.fields.values() if interface is not None else ():
                if interface_field.name in type_def.fields:
                    continue
                with_field = [
                    subgraph.name
                    for subgraph in context.subgraphs
                    if (local := subgraph.type(interface_name)) is not None
                    and local.kind == "interface"
                    and interface_field.name in local.fields
                ]
                implementing = [
                    subgraph.name
                    for subgraph in context.subgraphs
                    if (local := subgraph.type(type_def.name)) is not None
                    and interface_name in local.interfaces
                ]
                context.error(
                    "INTERFACE_FIELD_NO_IMPLEM",
                    f'Interface field "{interface_name}.{interface_field.name}" is declared in '
                    f'{subgraph_names(with_field)} but type "{type_def.name}", which implements '
                    f'"{interface_name}" only in {subgraph_names(implementing)} does not have '
                    f'field "{interface_field.name}".',
                )
