"""The edges of a plain vertex: its fields, its casts to runtime types, `__typename`, and its
jumps (keys into other subgraphs, root types, the fake root entering every subgraph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql import FieldNode

from router.planner.graph.field_sets import TYPENAME
from router.planner.graph.model import Edge, EdgeKind, Vertex, VertexKind
from router.supergraph.model import EntityKey, FieldInGraph, TypeKind

if TYPE_CHECKING:
    from router.planner.graph.query_graph import QueryGraph, VertexEdges

INTROSPECTION = frozenset({"__schema", "__type"})


def build_edges(graph: QueryGraph, vertex: Vertex) -> VertexEdges:
    """Casts and jumps; field edges come one by one from `build_field_edge`."""
    from router.planner.graph.query_graph import VertexEdges

    edges = VertexEdges()
    if vertex.kind is VertexKind.ROOT:
        _enter_edges(graph, vertex, edges)
    elif vertex.kind is VertexKind.OBJECT:
        _interface_object_casts(graph, vertex, edges)
        _key_edges(graph, vertex, edges)
        _root_edges(graph, vertex, edges)
    elif vertex.kind is VertexKind.INTERFACE:
        _cast_edges(graph, vertex, edges)
        _key_edges(graph, vertex, edges)
    elif vertex.kind is VertexKind.UNION:
        _cast_edges(graph, vertex, edges)
    return edges


def build_field_edge(graph: QueryGraph, vertex: Vertex, name: str) -> Edge | None:
    if name == "__typename":
        if vertex.interface_object or not vertex.is_composite:
            return None  # an @interfaceObject subgraph cannot tell the concrete type
        return graph.new_edge(EdgeKind.FIELD, vertex, graph.leaf("String", vertex.subgraph), name)
    if vertex.kind is VertexKind.OBJECT:
        return _object_field_edge(graph, vertex, name)
    if vertex.kind is VertexKind.INTERFACE:
        return _interface_field_edge(graph, vertex, name)
    return None


def _enter_edges(graph: QueryGraph, root: Vertex, edges: VertexEdges) -> None:
    kind = root.type_name.strip("[]")
    root_type = graph.supergraph.root_types.get(kind)
    if root_type is None:
        return
    for subgraph in sorted(graph.supergraph.subgraphs, key=graph.subgraph_order.__getitem__):
        tail = graph.vertex(root_type, subgraph)
        if tail is not None:
            edges.jumps.append(graph.new_edge(EdgeKind.ENTER, root, tail))


def field_tail(graph: QueryGraph, entry: FieldInGraph, supergraph_type: str) -> Vertex:
    """The vertex a field leads to in the entry's subgraph: its type there may differ from the
    supergraph's (an object type where the supergraph has an interface, say)."""
    type_name = supergraph_type
    if entry.type_in_graph:
        type_name = entry.type_in_graph.replace("[", "").replace("]", "").replace("!", "").strip()
    return graph.vertex(type_name, entry.graph) or graph.leaf(type_name, entry.graph)


def _interface_object_casts(graph: QueryGraph, vertex: Vertex, edges: VertexEdges) -> None:
    if vertex.interface_object:
        for implementation in sorted(graph.possible(vertex.type_name)):
            edges.interface_object_casts[implementation] = graph.new_edge(
                EdgeKind.INTERFACE_OBJECT_CAST, vertex, vertex, implementation, (TYPENAME,)
            )


def _object_field_edge(graph: QueryGraph, vertex: Vertex, name: str) -> Edge | None:
    field_meta = graph.supergraph.field(vertex.type_name, name)
    if field_meta is None or name in INTROSPECTION:
        return None
    entry = graph.fields.entry(vertex.type_name, name, vertex.subgraph)
    if entry is None:
        return None
    tail = field_tail(graph, entry, field_meta.type_name)
    conditions = (
        graph.field_sets.selections(vertex.type_name, entry.requires)
        if entry.requires is not None
        else None
    )
    if entry.provides is not None and tail.is_composite:
        provided = graph.field_sets.selections(tail.type_name, entry.provides)
        tail = graph.provides_copy(vertex, name, tail, provided)
    return graph.new_edge(EdgeKind.FIELD, vertex, tail, name, conditions)


def _local_runtime_types(graph: QueryGraph, vertex: Vertex) -> list[str]:
    """Implementations of the interface that exist in the vertex's subgraph (whether or not
    that subgraph declares them as implementing it), as Apollo checks interface fields."""
    return [
        name
        for name in sorted(graph.possible(vertex.type_name))
        if vertex.subgraph in graph.supergraph.types[name].graphs
    ]


def _interface_field_edge(graph: QueryGraph, vertex: Vertex, name: str) -> Edge | None:
    """A field is collected on the interface itself only when every local implementation
    resolves it directly; otherwise the planner has to go through each implementation."""
    field_meta = graph.supergraph.field(vertex.type_name, name)
    if field_meta is None or name in INTROSPECTION:
        return None
    entry = graph.fields.entry(vertex.type_name, name, vertex.subgraph)
    if entry is None or entry.requires is not None:
        return None
    if not all(
        graph.fields.directly_resolvable(t, name, vertex.subgraph)
        for t in _local_runtime_types(graph, vertex)
    ):
        return None
    tail = field_tail(graph, entry, field_meta.type_name)
    if entry.provides is not None and tail.is_composite:
        provided = graph.field_sets.selections(tail.type_name, entry.provides)
        tail = graph.provides_copy(vertex, name, tail, provided)
    return graph.new_edge(EdgeKind.FIELD, vertex, tail, name)


def _cast_edges(graph: QueryGraph, vertex: Vertex, edges: VertexEdges) -> None:
    meta = graph.supergraph.types[vertex.type_name]
    if meta.kind is TypeKind.UNION:
        members = sorted(meta.members_in.get(vertex.subgraph, ()))
    else:
        members = sorted(
            name
            for name in graph.possible(vertex.type_name)
            if vertex.type_name
            in graph.supergraph.types[name].implements_in.get(vertex.subgraph, ())
        )
    for member in members:
        tail = graph.vertex(member, vertex.subgraph)
        if tail is not None:
            edges.casts[member] = graph.new_edge(EdgeKind.CAST, vertex, tail, member)


def _key_fields_exist(graph: QueryGraph, type_name: str, key: EntityKey) -> bool:
    meta = graph.supergraph.types[type_name]
    return all(
        node.name.value in meta.fields or node.name.value == "__typename"
        for node in key.selection.selections
        if isinstance(node, FieldNode)
    )


def _key_edges(graph: QueryGraph, vertex: Vertex, edges: VertexEdges) -> None:
    """Into every other subgraph that can resolve this entity (or, for an implementation, the
    @interfaceObject standing for its interface) through one of its keys."""
    supergraph = graph.supergraph
    meta = supergraph.types[vertex.type_name]
    targets: list[tuple[str, str, EntityKey]] = []
    for subgraph, in_graph in meta.graphs.items():
        if subgraph != vertex.subgraph:
            targets.extend((vertex.type_name, subgraph, key) for key in in_graph.resolvable_keys())
    if meta.kind is TypeKind.OBJECT and not vertex.interface_object:
        for interface in meta.interfaces:
            interface_meta = supergraph.types.get(interface)
            if interface_meta is None:
                continue
            for subgraph, in_graph in interface_meta.graphs.items():
                if subgraph == vertex.subgraph or not in_graph.is_interface_object:
                    continue
                targets.extend(
                    (interface, subgraph, key)
                    for key in in_graph.resolvable_keys()
                    if _key_fields_exist(graph, vertex.type_name, key)
                )
    targets.sort(key=lambda t: (graph.subgraph_order[t[1]], t[0] != vertex.type_name))
    for type_name, subgraph, key in targets:
        tail = graph.vertex(type_name, subgraph)
        if tail is None:
            continue
        conditions = graph.field_sets.selections(vertex.type_name, key.selection)
        edges.jumps.append(graph.new_edge(EdgeKind.KEY, vertex, tail, key.fields, conditions))


def _root_edges(graph: QueryGraph, vertex: Vertex, edges: VertexEdges) -> None:
    if vertex.type_name not in graph.root_type_names:
        return
    for subgraph in sorted(graph.supergraph.subgraphs, key=graph.subgraph_order.__getitem__):
        if subgraph == vertex.subgraph:
            continue
        tail = graph.vertex(vertex.type_name, subgraph)
        if tail is not None:
            edges.jumps.append(graph.new_edge(EdgeKind.ROOT, vertex, tail))
