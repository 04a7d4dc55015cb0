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
        "composeDirective",
        "interfaceObject",
        "authenticated",
        "requiresScopes",
        "policy",
        "context",
        "fromContext",
        "cost",
        "listSize",
        "cacheTag",
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

    def field(self, type_name: str, field_name: str) -> Field | None:
        t = self.types.get(type_name)
        return t.fields.get(field_name) if t else None

    def implementations(self, interface: str) -> list[TypeDef]:
        return [t for t in self.types.values() if t.kind == "object" and interface in t.interfaces]

    def uses_directive(self, name: str) -> bool:
        return any(d.name == name for d in iter_applied(self))


def iter_applied(subgraph: Subgraph) -> Iterable[Applied]:
    for t in subgraph.types.values():
        yield from t.directives
        for f in t.fields.values():
            yield from f.directives
            for a in f.args.values():
                yield from a.directives
        for v in t.values.values():
            yield from v.directives


def _link_url(directive: DirectiveNode) -> str | None:
    for arg in directive.arguments or ():
        if arg.name.value == "url" and isinstance(arg.value, StringValueNode):
            return arg.value.value
    return None


def _federation_names(link: DirectiveNode) -> tuple[dict[str, str], set[str]]:
    """Directive name in this subgraph -> canonical federation name; plus imported type names."""
    prefix = "federation"
    names = {f"federation__{d}": d for d in FEDERATION_DIRECTIVES}
    imported_types: set[str] = set()
    for arg in link.arguments or ():
        if arg.name.value == "as" and isinstance(arg.value, StringValueNode):
            prefix = arg.value.value
            names = {f"{prefix}__{d}": d for d in FEDERATION_DIRECTIVES}
    for arg in link.arguments or ():
        if arg.name.value != "import" or not isinstance(arg.value, ListValueNode):
            continue
        for item in arg.value.values:
            original = alias = None
            if isinstance(item, StringValueNode):
                original = alias = item.value
            elif isinstance(item, ObjectValueNode):
                parts = {f.name.value: f.value for f in item.fields}
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


class _Builder:
    def __init__(self, name: str, url: str, sdl: str) -> None:
        self.name, self.url = name, url
        self.errors: list[CompositionError] = []
        self.document: DocumentNode | None = None
        try:
            self.document = parse(sdl)
        except GraphQLSyntaxError as e:
            self.errors.append(CompositionError("INVALID_GRAPHQL", f"[{name}] {e.message}"))

    def build(self) -> Subgraph:
        doc = self.document
        assert doc is not None
        schema_nodes = [
            d for d in doc.definitions if isinstance(d, (SchemaDefinitionNode, SchemaExtensionNode))
        ]
        fed_link = None
        for node in schema_nodes:
            for d in node.directives or ():
                url = _link_url(d) if d.name.value == "link" else None
                if url and url.startswith(FEDERATION_SPEC):
                    fed_link = (d, url)
        self.is_fed2 = fed_link is not None
        self.fed_version = FED1_VERSION
        self.imported_types: set[str] = set()
        if fed_link:
            self.aliases, self.imported_types = _federation_names(fed_link[0])
            match = _VERSION.search(fed_link[1])
            self.fed_version = (int(match[1]), int(match[2])) if match else (2, 0)
        else:
            self.aliases = {d: d for d in FED1_DIRECTIVES}
        roots = dict(DEFAULT_ROOTS)
        for node in schema_nodes:
            for op in node.operation_types or ():
                roots[op.operation.value] = op.type.name.value
        types: dict[str, TypeDef] = {}
        defs: dict[str, DirectiveDefinitionNode] = {}
        for definition in doc.definitions:
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
                Applied(name, {a.name.value: a.value for a in node.arguments or ()}, ext, node)
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
        f = Field(
            node.name.value,
            node.type,
            parent,
            description=node.description.value if node.description else None,
            directives=self._applied(node.directives or (), ext),
            of_extension=ext,
        )
        if isinstance(node, FieldDefinitionNode):
            f.args = {a.name.value: self._argument(a) for a in node.arguments or ()}
        else:
            f.default = node.default_value
        return f

    def _add_type(self, types: dict[str, TypeDef], node: TypeNodes) -> None:
        name = node.name.value
        if self._skip_type(name):
            return
        kind = _KINDS[type(node)]
        ext = "Extension" in type(node).__name__
        t = types.get(name)
        if t is None:
            t = types[name] = TypeDef(kind, name)
        elif t.kind != kind:
            self.errors.append(
                CompositionError(
                    "INVALID_GRAPHQL",
                    f'[{self.name}] Type "{name}" is defined with different kinds.',
                )
            )
            return
        if ext:
            t.has_extension = True
        else:
            t.has_definition = True
            if node.description is not None:  # type: ignore[union-attr]
                t.description = node.description.value  # type: ignore[union-attr]
        t.directives += self._applied(node.directives or (), ext)
        for f in getattr(node, "fields", None) or ():
            t.fields[f.name.value] = self._field(name, f, ext)
        t.interfaces += [i.name.value for i in getattr(node, "interfaces", None) or ()]
        t.members += [m.name.value for m in getattr(node, "types", None) or ()]
        for v in getattr(node, "values", None) or ():
            t.values[v.name.value] = EnumValue(
                v.name.value,
                v.description.value if v.description else None,
                self._applied(v.directives or (), ext),
            )

    def _set_roots(self, subgraph: Subgraph, roots: dict[str, str]) -> None:
        for op, type_name in roots.items():
            default = DEFAULT_ROOTS[op]
            if type_name not in subgraph.types:
                continue
            if type_name != default:
                rename_type(subgraph, type_name, default)
            subgraph.roots[op] = default
        query = subgraph.types.get("Query")
        if query is not None:
            for f in FEDERATION_QUERY_FIELDS:
                query.fields.pop(f, None)
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

    t = subgraph.types.pop(old)
    t.name = new
    subgraph.types[new] = t
    for other in subgraph.types.values():
        for f in other.fields.values():
            f.parent = other.name
            f.type = fix(f.type)
            for a in f.args.values():
                a.type = fix(a.type)
        other.interfaces = [new if i == old else i for i in other.interfaces]
        other.members = [new if m == old else m for m in other.members]


def parse_subgraph(name: str, url: str, sdl: str) -> tuple[Subgraph | None, list[CompositionError]]:
    builder = _Builder(name, url, sdl)
    if builder.errors:
        return None, builder.errors
    subgraph = builder.build()
    return (None, builder.errors) if builder.errors else (subgraph, [])
