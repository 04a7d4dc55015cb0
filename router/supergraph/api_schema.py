"""The API schema clients see: the supergraph minus join/link machinery, spec directives and
every `@inaccessible` element (Apollo's `toAPISchema`). Built as a graphql-core schema for
validation and introspection.

The project's one API-schema builder: the router builds it while loading a supergraph, the
composition's tests from a composed SDL (`api_schema_of_sdl`). It depends on graphql-core and
the link reader only, so importing it keeps the router's start-up lean."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from graphql import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
)
from graphql.language import DefinitionNode, Node, TypeDefinitionNode

from router.supergraph.links import LinkedFeature, read_links

_BUILT_IN_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "oneOf", "include", "skip"})
NodeT = TypeVar("NodeT", bound=Node)


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        type_node = type_node.type
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


class _ApiSchemaBuilder:
    def __init__(self, document: DocumentNode, features: list[LinkedFeature]) -> None:
        self.document = document
        self.prefixes = tuple(f"{feature.alias}__" for feature in features)
        self.feature_names: set[str] = set()
        for feature in features:
            self.feature_names.add(feature.alias)
            self.feature_names.update(name.lstrip("@") for name in feature.imports.values())
        inaccessible = next((f for f in features if f.name == "inaccessible"), None)
        self.inaccessible = inaccessible.element("@inaccessible") if inaccessible else None
        self.kept_directives = {
            d.name.value
            for d in document.definitions
            if isinstance(d, DirectiveDefinitionNode) and not self._is_feature(d.name.value)
        } | _BUILT_IN_DIRECTIVES
        self.hidden_types = {
            d.name.value
            for d in document.definitions
            if isinstance(d, TypeDefinitionNode)
            and (self._is_feature(d.name.value) or self._is_inaccessible(d))
        }

    def _is_feature(self, name: str) -> bool:
        return name.startswith(self.prefixes) or name in self.feature_names

    def _is_inaccessible(self, node: Any) -> bool:
        if self.inaccessible is None:
            return False
        return any(d.name.value == self.inaccessible for d in node.directives or ())

    def _hidden(self, node: Any) -> bool:
        """An element is hidden if marked @inaccessible or if its type is hidden."""
        if self._is_inaccessible(node):
            return True
        type_node = getattr(node, "type", None)
        return type_node is not None and _named(type_node) in self.hidden_types

    def _directives(
        self, directives: tuple[DirectiveNode, ...] | None
    ) -> tuple[DirectiveNode, ...]:
        return tuple(d for d in directives or () if d.name.value in self.kept_directives)

    def _clean(self, node: NodeT, **changes: Any) -> NodeT:
        """A copy without hidden arguments and non-API directive applications (nodes are frozen)."""
        if hasattr(node, "directives"):
            changes["directives"] = self._directives(node.directives)
        arguments = getattr(node, "arguments", None)
        if arguments is not None:
            changes["arguments"] = tuple(self._clean(a) for a in arguments if not self._hidden(a))
        return replace(node, **changes)

    def _definition(self, definition: DefinitionNode) -> DefinitionNode | None:
        if isinstance(definition, DirectiveDefinitionNode):
            return definition if definition.name.value in self.kept_directives else None
        if isinstance(definition, SchemaDefinitionNode):
            return self._clean(definition)
        if not isinstance(definition, TypeDefinitionNode):
            return definition
        if definition.name.value in self.hidden_types:
            return None
        changes: dict[str, Any] = {}
        if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            changes["fields"] = self._visible(definition.fields)
            changes["interfaces"] = tuple(
                i for i in definition.interfaces or () if i.name.value not in self.hidden_types
            )
        elif isinstance(definition, InputObjectTypeDefinitionNode):
            changes["fields"] = self._visible(definition.fields)
        elif isinstance(definition, EnumTypeDefinitionNode):
            changes["values"] = self._visible(definition.values)
        elif isinstance(definition, UnionTypeDefinitionNode):
            changes["types"] = tuple(
                t for t in definition.types or () if t.name.value not in self.hidden_types
            )
        return self._clean(definition, **changes)

    def _visible(self, nodes: tuple[NodeT, ...] | None) -> tuple[NodeT, ...]:
        return tuple(self._clean(n) for n in nodes or () if not self._hidden(n))

    def document_of_api(self) -> DocumentNode:
        definitions = [self._definition(d) for d in self.document.definitions]
        return DocumentNode(definitions=tuple(d for d in definitions if d is not None))


def build_api_schema(document: DocumentNode, features: list[LinkedFeature]) -> GraphQLSchema:
    """The router's path: the supergraph was checked while loading, so the SDL is trusted."""
    api_document = _ApiSchemaBuilder(document, features).document_of_api()
    return build_ast_schema(api_document, assume_valid_sdl=True)


def api_schema_of_sdl(supergraph_sdl: str) -> GraphQLSchema:
    """The API schema of a supergraph SDL, its SDL validated (graphql-core raises on a dangling
    reference): what the composition's tests compare with Apollo's."""
    document = parse(supergraph_sdl, no_location=True)
    return build_ast_schema(_ApiSchemaBuilder(document, read_links(document)).document_of_api())
