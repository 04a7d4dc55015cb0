"""One subgraph's Federation 2 SDL, printed from a world (the @link line is the fixture kit's)."""

from __future__ import annotations

import json

from tests.differential.model import Decl, Field, Presence, TypeDef, World


def subgraph_sdl(world: World, subgraph: str) -> str:
    blocks: list[str] = []
    for definition in world.types.values():
        presence = definition.present.get(subgraph)
        if presence is None:
            continue
        if definition.kind == "union":
            if presence.members:
                blocks.append(
                    f"union {definition.name}{_type_directives(presence)} = "
                    + " | ".join(presence.members)
                )
        elif definition.kind == "enum":
            values = "\n".join(
                f"  {v}{' @inaccessible' if v in presence.inaccessible_values else ''}"
                for v in presence.values
            )
            blocks.append(f"enum {definition.name}{_type_directives(presence)} {{\n{values}\n}}")
        else:
            fields = definition.declared_in(subgraph)
            if not fields:
                continue
            blocks.append(_composite(definition, presence, fields, subgraph))
    return "\n\n".join(blocks) + "\n"


def _composite(definition: TypeDef, presence: Presence, fields: list[Field], subgraph: str) -> str:
    is_interface = definition.kind == "interface" and not presence.interface_object
    keyword = "interface" if is_interface else "type"
    implements = f" implements {' & '.join(presence.implements)}" if presence.implements else ""
    lines = [_field_line(f, f.decls[subgraph], is_interface) for f in fields]
    body = "\n".join(lines)
    return f"{keyword} {definition.name}{implements}{_type_directives(presence)} {{\n{body}\n}}"


def _type_directives(presence: Presence) -> str:
    parts = []
    for key in presence.keys:
        resolvable = "" if key.resolvable else ", resolvable: false"
        parts.append(f"@key(fields: {json.dumps(key.fields)}{resolvable})")
    if presence.interface_object:
        parts.append("@interfaceObject")
    if presence.shareable:
        parts.append("@shareable")
    if presence.inaccessible:
        parts.append("@inaccessible")
    return "".join(f" {p}" for p in parts)


def type_reference(field: Field, decl: Decl) -> str:
    named = field.base
    if field.is_list:
        named = f"[{named}{'!' if decl.item_non_null else ''}]"
    return named + ("!" if decl.non_null else "")


def _field_line(field: Field, decl: Decl, on_interface: bool) -> str:
    arguments = ""
    if field.args:
        rendered = []
        for argument in field.args:
            text = f"{argument.name}: {argument.type}{'!' if argument.required else ''}"
            if argument.default is not None:
                text += f" = {argument.default}"
            rendered.append(text)
        arguments = f"({', '.join(rendered)})"
    directives = []
    if decl.external:
        directives.append("@external")
    if decl.shareable and not on_interface:
        directives.append("@shareable")
    if decl.requires is not None:
        directives.append(f"@requires(fields: {json.dumps(decl.requires)})")
    if decl.provides is not None:
        directives.append(f"@provides(fields: {json.dumps(decl.provides)})")
    if decl.override_from is not None:
        label = f", label: {json.dumps(decl.override_label)}" if decl.override_label else ""
        directives.append(f"@override(from: {json.dumps(decl.override_from)}{label})")
    if decl.inaccessible:
        directives.append("@inaccessible")
    suffix = "".join(f" {d}" for d in directives)
    return f"  {field.name}{arguments}: {type_reference(field, decl)}{suffix}"
