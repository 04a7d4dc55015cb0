"""Parse a subgraph SDL into the composition model.

Detects Federation 2 (`@link` to the federation spec) and resolves federation directive names
(imports, `as:` renames, `federation__` prefixes) to canonical ones, so later stages only see
`key`, `external`, `shareable`, ... Federation's own machinery (`_service`, `_entities`,
`_Entity`, `_Any`, `link__*`, ...) is dropped: it never reaches the supergraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graphql import (
    ConstDirectiveNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    TypeNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
)
from graphql.language import DirectiveNode

from .errors import CompositionError
from .model import Applied, Argument, EnumValue, Field, Kind, TypeDef, named

FEDERATION_SPEC = "https://specs.apollo.dev/federation/"
FED1_VERSION = (2, 4)  # Apollo links upgraded Fed 1 subgraphs to federation v2.4

# Federation directives recognised but not implemented yet: a subgraph using one fails
# composition with UNSUPPORTED_FEATURE (compose._check_supported), in this order.
UNSUPPORTED_DIRECTIVES = (
    "composeDirective",
    "authenticated",
    "requiresScopes",
    "policy",
    "context",
    "fromContext",
    "cost",
    "listSize",
    "cacheTag",
)
FEDERATION_DIRECTIVES = frozenset(
    {
        "key",
        "requires",
        "provides",
        "external",
        "tag",
        "extends",
        "shareable",
        "inaccessible",
        "override",
        "interfaceObject",
        *UNSUPPORTED_DIRECTIVES,
    }
)
FED1_DIRECTIVES = frozenset(
    {"key", "requires", "provides", "external", "extends", "tag", "inaccessible"}
)
FEDERATION_TYPES = frozenset(
    {"_Service", "_Entity", "_Any", "_FieldSet", "FieldSet", "Scope", "Policy", "ContextFieldValue"}
)
FEDERATION_QUERY_FIELDS = frozenset({"_service", "_entities"})
BUILTIN_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "include", "skip", "oneOf"})
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}

_VERSION = re.compile(r"/v(\d+)\.(\d+)$")

TypeNodes = (
    ObjectTypeDefinitionNode
    | ObjectTypeExtensionNode
    | InterfaceTypeDefinitionNode
    | InterfaceTypeExtensionNode
    | UnionTypeDefinitionNode
    | UnionTypeExtensionNode
    | EnumTypeDefinitionNode
    | EnumTypeExtensionNode
    | InputObjectTypeDefinitionNode
    | InputObjectTypeExtensionNode
    | ScalarTypeDefinitionNode
    | ScalarTypeExtensionNode
)
_KINDS: dict[type, Kind] = {
    ObjectTypeDefinitionNode: "object",
    ObjectTypeExtensionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    InterfaceTypeExtensionNode: "interface",
    UnionTypeDefinitionNode: "union",
    UnionTypeExtensionNode: "union",
    EnumTypeDefinitionNode: "enum",
    EnumTypeExtensionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    InputObjectTypeExtensionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
    ScalarTypeExtensionNode: "scalar",
}


@dataclass
class Subgraph:
    name: str
    url: str
    types: dict[str, TypeDef]
    roots: dict[str, str]
    is_fed2: bool
    fed_version: tuple[int, int]
    directive_defs: dict[str, DirectiveDefinitionNode] = field(default_factory=dict)

    def type(self, name: str) -> TypeDef | None:
        return self.types.get(name)

    def implementations(self, interface: str) -> list[TypeDef]:
        return [
            type_def
            for type_def in self.types.values()
            if type_def.kind == "object" and interface in type_def.interfaces
        ]

    def uses_directive(self, name: str) -> bool:
        return any(applied.name == name for applied in iter_applied(self))


def iter_applied(subgraph: Subgraph) -> Iterable[Applied]:
    for type_def in subgraph.types.values():
        yield from type_def.directives
        for type_field in type_def.fields.values():
            yield from type_field.directives
            for arg in type_field.args.values():
                yield from arg.directives
        for value in type_def.values.values():
            yield from value.directives


def _link_url(directive: DirectiveNode) -> str | None:
    for arg in directive.arguments or ():
        if arg.name.value == "url" and isinstance(arg.value, StringValueNode):
            return arg.value.value
    return None


def _federation_names(link: DirectiveNode) -> tuple[dict[str, str], set[str]]:
    """Directive name in this subgraph -> canonical federation name; plus imported type names."""
    prefix = "federation"
    names = {f"federation__{name}": name for name in FEDERATION_DIRECTIVES}
    imported_types: set[str] = set()
    for arg in link.arguments or ():
        if arg.name.value == "as" and isinstance(arg.value, StringValueNode):
            prefix = arg.value.value
            names = {f"{prefix}__{name}": name for name in FEDERATION_DIRECTIVES}
    for arg in link.arguments or ():
        if arg.name.value != "import" or not isinstance(arg.value, ListValueNode):
            continue
        for item in arg.value.values:
            original = alias = None
            if isinstance(item, StringValueNode):
                original = alias = item.value
            elif isinstance(item, ObjectValueNode):
                parts = {entry.name.value: entry.value for entry in item.fields}
                name_node, as_node = parts.get("name"), parts.get("as")
                if isinstance(name_node, StringValueNode):
                    original = name_node.value
                    alias = as_node.value if isinstance(as_node, StringValueNode) else original
            if original is None or alias is None:
                continue
            if original.startswith("@"):
                names[alias.lstrip("@")] = original.lstrip("@")
            else:
                imported_types.add(alias)
    return names, imported_types


class _SubgraphParser:
    def __init__(self, name: str, url: str, sdl: str) -> None:
        self.name, self.url = name, url
        self.errors: list[CompositionError] = []
        self.document: DocumentNode | None = None
        try:
            self.document = parse(sdl)
        except GraphQLSyntaxError as error:
            self.errors.append(CompositionError("INVALID_GRAPHQL", f"[{name}] {error.message}"))

    def build(self) -> Subgraph:
        document = self.document
        assert document is not None
        schema_nodes = [
            definition
            for definition in document.definitions
            if isinstance(definition, (SchemaDefinitionNode, SchemaExtensionNode))
        ]
        fed_link = None
        for node in schema_nodes:
            for directive in node.directives or ():
                url = _link_url(directive) if directive.name.value == "link" else None
                if url and url.startswith(FEDERATION_SPEC):
                    fed_link = (directive, url)
        self.is_fed2 = fed_link is not None
        self.fed_version = FED1_VERSION
        self.imported_types: set[str] = set()
        if fed_link:
            self.aliases, self.imported_types = _federation_names(fed_link[0])
            match = _VERSION.search(fed_link[1])
            self.fed_version = (int(match[1]), int(match[2])) if match else (2, 0)
        else:
            self.aliases = {name: name for name in FED1_DIRECTIVES}
        roots = dict(DEFAULT_ROOTS)
        for node in schema_nodes:
            for operation in node.operation_types or ():
                roots[operation.operation.value] = operation.type.name.value
        types: dict[str, TypeDef] = {}
        defs: dict[str, DirectiveDefinitionNode] = {}
        for definition in document.definitions:
            if isinstance(definition, DirectiveDefinitionNode):
                if self._is_custom_directive(definition.name.value):
                    defs[definition.name.value] = definition
            elif type(definition) in _KINDS:
                self._add_type(types, definition)  # type: ignore[arg-type]
        subgraph = Subgraph(self.name, self.url, types, {}, self.is_fed2, self.fed_version, defs)
        self._set_roots(subgraph, roots)
        return subgraph

    def _is_custom_directive(self, name: str) -> bool:
        return (
            name not in self.aliases
            and name != "link"
            and name not in BUILTIN_DIRECTIVES
            and not name.startswith(("federation__", "link__"))
        )

    def _skip_type(self, name: str) -> bool:
        return (
            name in FEDERATION_TYPES
            and (not self.is_fed2 or name.startswith("_") or name in self.imported_types)
        ) or name.startswith(("federation__", "link__"))

    def _applied(self, nodes: Sequence[ConstDirectiveNode], ext: bool) -> list[Applied]:
        out = []
        for node in nodes:
            raw = node.name.value
            name = self.aliases.get(raw, raw)
            out.append(
                Applied(
                    name, {arg.name.value: arg.value for arg in node.arguments or ()}, ext, node
                )
            )
        return out

    def _argument(self, node: InputValueDefinitionNode) -> Argument:
        return Argument(
            node.name.value,
            node.type,
            node.default_value,
            node.description.value if node.description else None,
            self._applied(node.directives or (), False),
        )

    def _field(
        self, parent: str, node: FieldDefinitionNode | InputValueDefinitionNode, ext: bool
    ) -> Field:
        built = Field(
            node.name.value,
            node.type,
            parent,
            description=node.description.value if node.description else None,
            directives=self._applied(node.directives or (), ext),
            of_extension=ext,
        )
        if isinstance(node, FieldDefinitionNode):
            built.args = {arg.name.value: self._argument(arg) for arg in node.arguments or ()}
        else:
            built.default = node.default_value
        return built

    def _add_type(self, types: dict[str, TypeDef], node: TypeNodes) -> None:
        name = node.name.value
        if self._skip_type(name):
            return
        kind = _KINDS[type(node)]
        ext = "Extension" in type(node).__name__
        type_def = types.get(name)
        if type_def is None:
            type_def = types[name] = TypeDef(kind, name)
        elif type_def.kind != kind:
            self.errors.append(
                CompositionError(
                    "INVALID_GRAPHQL",
                    f'[{self.name}] Type "{name}" is defined with different kinds.',
                )
            )
            return
        if ext:
            type_def.has_extension = True
        else:
            type_def.has_definition = True
            if node.description is not None:  # type: ignore[union-attr]
                type_def.description = node.description.value  # type: ignore[union-attr]
        type_def.directives += self._applied(node.directives or (), ext)
        for field_node in getattr(node, "fields", None) or ():
            type_def.fields[field_node.name.value] = self._field(name, field_node, ext)
        type_def.interfaces += [
            interface.name.value for interface in getattr(node, "interfaces", None) or ()
        ]
        type_def.members += [member.name.value for member in getattr(node, "types", None) or ()]
        for value_node in getattr(node, "values", None) or ():
            type_def.values[value_node.name.value] = EnumValue(
                value_node.name.value,
                value_node.description.value if value_node.description else None,
                self._applied(value_node.directives or (), ext),
            )

    def _set_roots(self, subgraph: Subgraph, roots: dict[str, str]) -> None:
        for operation, type_name in roots.items():
            default = DEFAULT_ROOTS[operation]
            if type_name not in subgraph.types:
                continue
            if type_name != default:
                rename_type(subgraph, type_name, default)
            subgraph.roots[operation] = default
        query = subgraph.types.get("Query")
        if query is not None:
            for name in FEDERATION_QUERY_FIELDS:
                query.fields.pop(name, None)
        else:  # federation always gives a subgraph a Query root (for `_service`)
            subgraph.types["Query"] = TypeDef("object", "Query", has_definition=True)
            subgraph.roots["query"] = "Query"


def rename_type(subgraph: Subgraph, old: str, new: str) -> None:
    """Rename a root type to its default name (Apollo does: `schema { query: Root }`)."""

    def fix(node: TypeNode) -> TypeNode:
        if isinstance(node, NonNullTypeNode):
            inner = fix(node.type)
            assert isinstance(inner, (NamedTypeNode, ListTypeNode))
            return NonNullTypeNode(type=inner)
        if isinstance(node, ListTypeNode):
            return ListTypeNode(type=fix(node.type))
        assert isinstance(node, NamedTypeNode)
        return named(new) if node.name.value == old else node

    type_def = subgraph.types.pop(old)
    type_def.name = new
    subgraph.types[new] = type_def
    for other in subgraph.types.values():
        for other_field in other.fields.values():
            other_field.parent = other.name
            other_field.type = fix(other_field.type)
            for arg in other_field.args.values():
                arg.type = fix(arg.type)
        other.interfaces = [new if name == old else name for name in other.interfaces]
        other.members = [new if name == old else name for name in other.members]


def parse_subgraph(name: str, url: str, sdl: str) -> tuple[Subgraph | None, list[CompositionError]]:
    parser = _SubgraphParser(name, url, sdl)
    if parser.errors:
        return None, parser.errors
    subgraph = parser.build()
    return (None, parser.errors) if parser.errors else (subgraph, [])
