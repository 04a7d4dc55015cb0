"""Supergraph -> API schema: what clients see.

Removes the link/join machinery (directives, `join__*`/`link__*` types, `@tag`) and every element
marked `@inaccessible`, like Apollo's `toAPISchema`.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
)

MACHINERY_DIRECTIVES = frozenset({"link", "inaccessible", "tag"})


def _machinery(name: str) -> bool:
    return name in MACHINERY_DIRECTIVES or name.startswith(("join__", "link__"))


def _inaccessible(node: Any) -> bool:
    return any(d.name.value == "inaccessible" for d in node.directives or ())


def _strip(node: Any, **changes: Any) -> Any:
    directives = tuple(d for d in node.directives or () if not _machinery(d.name.value))
    return node.__class__(
        **{**{k: getattr(node, k) for k in node.keys}, "directives": directives, **changes}
    )


def _field(node: Any) -> Any:
    args = getattr(node, "arguments", None)
    if args is None:
        return _strip(node)
    return _strip(node, arguments=tuple(_strip(a) for a in args if not _inaccessible(a)))


def api_schema_document(supergraph_sdl: str) -> DocumentNode:
    doc = parse(supergraph_sdl, no_location=True)
    hidden = {
        d.name.value
        for d in doc.definitions
        if hasattr(d, "name")
        and d.name is not None
        and (_inaccessible(d) or _machinery(d.name.value))
    }
    out: list[Any] = []
    for d in doc.definitions:
        if isinstance(d, SchemaDefinitionNode):
            out.append(_strip(d))
        elif isinstance(d, DirectiveDefinitionNode):
            if not _machinery(d.name.value):
                out.append(d)
        elif d.name.value in hidden:  # type: ignore[attr-defined]
            continue
        elif isinstance(d, (ObjectTypeDefinitionNode, InterfaceTypeDefinitionNode)):
            fields = tuple(_field(f) for f in d.fields or () if not _inaccessible(f))
            interfaces = tuple(i for i in d.interfaces or () if i.name.value not in hidden)
            out.append(_strip(d, fields=fields, interfaces=interfaces))
        elif isinstance(d, InputObjectTypeDefinitionNode):
            out.append(
                _strip(d, fields=tuple(_strip(f) for f in d.fields or () if not _inaccessible(f)))
            )
        elif isinstance(d, EnumTypeDefinitionNode):
            out.append(
                _strip(d, values=tuple(_strip(v) for v in d.values or () if not _inaccessible(v)))
            )
        elif isinstance(d, UnionTypeDefinitionNode):
            out.append(
                _strip(d, types=tuple(t for t in d.types or () if t.name.value not in hidden))
            )
        else:
            out.append(_strip(d))
    return DocumentNode(definitions=tuple(out))


def api_schema(supergraph_sdl: str) -> GraphQLSchema:
    """The client-facing schema, as a graphql-core schema (validated)."""
    return build_ast_schema(api_schema_document(supergraph_sdl))
