"""Load a supergraph SDL (join v0.1 to v0.5 as `@apollo/composition` writes it) into the planner's
model and the clients' API schema."""

from __future__ import annotations

import gc

from graphql import (
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    OperationType,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    is_abstract_type,
    is_object_type,
    parse,
    print_ast,
)
from graphql.language import TypeDefinitionNode

from router.supergraph.api_schema import build_api_schema
from router.supergraph.errors import SupergraphError
from router.supergraph.join_field import read_field_graphs
from router.supergraph.join_graph import read_graphs
from router.supergraph.join_implements import read_relations
from router.supergraph.join_names import JoinNames
from router.supergraph.join_type import read_type_graphs
from router.supergraph.links import check_support, enum_argument, join_feature, read_links
from router.supergraph.model import (
    FieldMeta,
    Subgraph,
    Supergraph,
    TypeInGraph,
    TypeKind,
    TypeMeta,
)

_KINDS: dict[type[TypeDefinitionNode], TypeKind] = {
    ObjectTypeDefinitionNode: TypeKind.OBJECT,
    InterfaceTypeDefinitionNode: TypeKind.INTERFACE,
    UnionTypeDefinitionNode: TypeKind.UNION,
    EnumTypeDefinitionNode: TypeKind.ENUM,
    InputObjectTypeDefinitionNode: TypeKind.INPUT,
    ScalarTypeDefinitionNode: TypeKind.SCALAR,
}


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        type_node = type_node.type
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


def _list_depth(type_node: TypeNode) -> int:
    depth = 0
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        depth += isinstance(type_node, ListTypeNode)
        type_node = type_node.type
    return depth


def _v01_value_type_graphs(
    definition: TypeDefinitionNode, names: JoinNames, graphs: dict[str, Subgraph]
) -> dict[str, TypeInGraph]:
    """Join v0.1 puts no @join__type on root and value types: such a type is in the graphs
    its fields name (every graph when none does)."""
    named: set[str] = set()
    for field in getattr(definition, "fields", None) or ():
        for directive in field.directives or ():
            if directive.name.value == names.field:
                value = enum_argument(directive, "graph")
                if value in graphs:
                    named.add(graphs[value].name)
    chosen = named or {g.name for g in graphs.values()}
    return {name: TypeInGraph(name) for name in sorted(chosen)}


def _type_meta(
    definition: TypeDefinitionNode, names: JoinNames, graphs: dict[str, Subgraph]
) -> TypeMeta:
    kind = _KINDS[type(definition)]
    directives = tuple(definition.directives or ())
    type_graphs, owner = read_type_graphs(definition.name.value, directives, names, graphs)
    if names.version < (0, 2) and not type_graphs and kind is not TypeKind.SCALAR:
        type_graphs = _v01_value_type_graphs(definition, names, graphs)
    meta = TypeMeta(definition.name.value, kind, graphs=type_graphs)
    if isinstance(definition, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
        meta.interfaces = [i.name.value for i in definition.interfaces or ()]
        meta.implements_in = read_relations(directives, names.implements, "interface", graphs)
        if names.version < (0, 2):  # no @join__implements yet: every graph knows them all
            meta.implements_in = {g: set(meta.interfaces) for g in type_graphs}
        field_graphs = [owner] if owner else list(type_graphs)
        for field in definition.fields or ():
            coordinate = f"{meta.name}.{field.name.value}"
            meta.fields[field.name.value] = FieldMeta(
                parent=meta.name,
                name=field.name.value,
                type_name=_named(field.type),
                list_depth=_list_depth(field.type),
                type_text=print_ast(field.type),
                in_graphs=read_field_graphs(
                    coordinate, tuple(field.directives or ()), names, graphs, field_graphs
                ),
            )
    elif isinstance(definition, UnionTypeDefinitionNode):
        meta.members_in = read_relations(directives, names.union_member, "member", graphs)
        if names.version < (0, 3):  # no @join__unionMember yet
            members = {t.name.value for t in definition.types or ()}
            meta.members_in = {g: set(members) for g in type_graphs}
    return meta


def _root_types(document: DocumentNode) -> dict[str, str]:
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode):
            return {op.operation.value: op.type.name.value for op in definition.operation_types}
    return {OperationType.QUERY.value: "Query", OperationType.MUTATION.value: "Mutation"}


def _fill_missing_union_members(types: dict[str, TypeMeta]) -> None:
    """A member only known to the union in graphs that also define the member type."""
    for meta in types.values():
        for graph, members in meta.members_in.items():
            meta.members_in[graph] = {m for m in members if graph in types[m].graphs}


def load_supergraph(sdl: str) -> Supergraph:
    """Parse and model a supergraph SDL. Python's cyclic garbage collector is paused meanwhile:
    the parse allocates hundreds of thousands of objects for Saleor's schema (nothing cyclic to
    reclaim), and the collections they trigger were a third of the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(sdl)
    finally:
        if was_enabled:
            gc.enable()


def _load(sdl: str) -> Supergraph:
    try:
        document = parse(sdl, no_location=True)
    except GraphQLError as error:
        raise SupergraphError(f"supergraph SDL does not parse: {error.message}") from error
    features = read_links(document)
    check_support(features)
    join = join_feature(features)
    names = JoinNames.of(join)
    graphs = read_graphs(document, names)
    prefixes = tuple(f"{feature.alias}__" for feature in features)
    types: dict[str, TypeMeta] = {}
    for definition in document.definitions:
        if isinstance(definition, TypeDefinitionNode) and type(definition) in _KINDS:
            if definition.name.value.startswith(prefixes):
                continue
            types[definition.name.value] = _type_meta(definition, names, graphs)
    _fill_missing_union_members(types)
    api_schema = build_api_schema(document, features)
    possible: dict[str, frozenset[str]] = {}
    for name, graphql_type in api_schema.type_map.items():
        if is_abstract_type(graphql_type):
            possible[name] = frozenset(t.name for t in api_schema.get_possible_types(graphql_type))
        elif is_object_type(graphql_type):
            possible[name] = frozenset({name})
    labels = frozenset(
        entry.override_label
        for meta in types.values()
        for field in meta.fields.values()
        for entry in field.in_graphs.values()
        if entry.override_label
    )
    return Supergraph(
        sdl=sdl,
        subgraphs={subgraph.name: subgraph for subgraph in graphs.values()},
        types=types,
        api_schema=api_schema,
        root_types=_root_types(document),
        override_labels=labels,
        possible_types=possible,
        join_version=names.version,
    )
