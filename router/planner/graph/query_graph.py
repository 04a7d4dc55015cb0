"""The query graph of one supergraph under one set of active override labels. Vertices are
created on first use and each vertex's edges are built on first visit (build.py, provides.py),
so a large supergraph costs only what the operations planned against it touch."""

from __future__ import annotations

from dataclasses import dataclass, field

from router.planner.graph.field_sets import FieldSets
from router.planner.graph.fields import FieldResolution
from router.planner.graph.model import Edge, EdgeKind, Vertex, VertexKind
from router.planner.normalize.selection import Selection
from router.supergraph.model import Supergraph, TypeKind

_KINDS = {
    TypeKind.OBJECT: VertexKind.OBJECT,
    TypeKind.INTERFACE: VertexKind.INTERFACE,
    TypeKind.UNION: VertexKind.UNION,
}


@dataclass(slots=True)
class VertexEdges:
    casts: dict[str, Edge] = field(default_factory=dict)  # CAST edges by runtime type
    jumps: list[Edge] = field(default_factory=list)  # ENTER, KEY and ROOT edges
    interface_object_casts: dict[str, Edge] = field(default_factory=dict)
    # FIELD edges by field name, built on first lookup (None: no such edge): a vertex of a
    # large type only pays for the fields operations select.
    fields: dict[str, Edge | None] = field(default_factory=dict)
    abstract_casts: dict[str, Edge | None] = field(default_factory=dict)  # built on lookup


class QueryGraph:
    def __init__(self, supergraph: Supergraph, labels: frozenset[str]) -> None:
        self.supergraph = supergraph
        self.labels = labels
        self.fields = FieldResolution(supergraph, labels)
        self.field_sets = FieldSets(supergraph)
        self.subgraph_order = {name: i for i, name in enumerate(sorted(supergraph.subgraphs))}
        self._vertices: dict[tuple[str, str], Vertex] = {}
        self._edges: dict[int, VertexEdges] = {}
        self._copies: dict[tuple[int, str], Vertex] = {}
        self._roots: dict[str, Vertex] = {}
        self._possible: dict[str, frozenset[str]] = {}
        self._shapes: dict[tuple[str, str, str], tuple[str, int, bool]] = {}
        self._next_vertex = 0
        self._next_edge = 0
        # Root type names of the supergraph (subgraph root types use the same names once
        # composed), for ROOT edges between subgraphs.
        self.root_type_names = frozenset(supergraph.root_types.values())

    # -- vertices -----------------------------------------------------------------------------

    def _new_vertex(
        self,
        type_name: str,
        subgraph: str,
        kind: VertexKind,
        interface_object: bool = False,
        provided: tuple[Selection, ...] | None = None,
        base: Vertex | None = None,
    ) -> Vertex:
        vertex = Vertex(
            self._next_vertex, type_name, subgraph, kind, interface_object, provided, base
        )
        self._next_vertex += 1
        return vertex

    def root(self, operation_kind: str) -> Vertex:
        vertex = self._roots.get(operation_kind)
        if vertex is None:
            vertex = self._roots[operation_kind] = self._new_vertex(
                f"[{operation_kind}]", "", VertexKind.ROOT
            )
        return vertex

    def vertex(self, type_name: str, subgraph: str) -> Vertex | None:
        """The plain vertex of `type_name` in `subgraph` (None if the subgraph lacks the type)."""
        cache_key = (type_name, subgraph)
        vertex = self._vertices.get(cache_key)
        if vertex is not None:
            return vertex
        meta = self.supergraph.types.get(type_name)
        if meta is None:
            return None
        if meta.is_composite:
            in_graph = meta.graphs.get(subgraph)
            if in_graph is None:
                return None
            interface_object = in_graph.is_interface_object
            kind = VertexKind.OBJECT if interface_object else _KINDS[meta.kind]
        else:
            interface_object, kind = False, VertexKind.LEAF
        vertex = self._new_vertex(type_name, subgraph, kind, interface_object)
        self._vertices[cache_key] = vertex
        return vertex

    def leaf(self, type_name: str, subgraph: str) -> Vertex:
        cache_key = (type_name, subgraph)
        vertex = self._vertices.get(cache_key)
        if vertex is None:
            vertex = self._vertices[cache_key] = self._new_vertex(
                type_name, subgraph, VertexKind.LEAF
            )
        return vertex

    def provides_copy(
        self, origin: Vertex, name: str, base: Vertex, provided: tuple[Selection, ...]
    ) -> Vertex:
        """The copy of `base` reached from `origin` through `name` under a @provides."""
        cache_key = (origin.id, name)
        copy = self._copies.get(cache_key)
        if copy is None:
            plain = base.base or base
            copy = self._copies[cache_key] = self._new_vertex(
                plain.type_name,
                plain.subgraph,
                plain.kind,
                plain.interface_object,
                provided,
                plain,
            )
        return copy

    # -- edges --------------------------------------------------------------------------------

    def new_edge(
        self,
        kind: EdgeKind,
        head: Vertex,
        tail: Vertex,
        name: str = "",
        conditions: tuple[Selection, ...] | None = None,
        provided: bool = False,
    ) -> Edge:
        edge = Edge(self._next_edge, kind, head, tail, name, conditions, provided)
        self._next_edge += 1
        return edge

    def edges(self, vertex: Vertex) -> VertexEdges:
        edges = self._edges.get(vertex.id)
        if edges is None:
            from router.planner.graph.build import build_edges
            from router.planner.graph.provides import build_copy_edges

            if vertex.base is not None:
                edges = build_copy_edges(self, vertex)
            else:
                edges = build_edges(self, vertex)
            self._edges[vertex.id] = edges
        return edges

    def field_edge(self, vertex: Vertex, name: str) -> Edge | None:
        edges = self.edges(vertex)
        if name in edges.fields:
            return edges.fields[name]
        from router.planner.graph.build import build_field_edge
        from router.planner.graph.provides import build_copy_field_edge

        if vertex.base is not None:
            edge = build_copy_field_edge(self, vertex, name)
        else:
            edge = build_field_edge(self, vertex, name)
        edges.fields[name] = edge
        return edge

    def cast_edge(self, vertex: Vertex, type_name: str) -> Edge | None:
        return self.edges(vertex).casts.get(type_name)

    def abstract_cast_edge(self, vertex: Vertex, type_name: str) -> Edge | None:
        """A cast between two abstract types of one subgraph, kept as one type condition
        instead of one per runtime type (Apollo's rule: the two share at least two local
        runtime types, the target is not a union, and no runtime type of the target that the
        source may be is missing from the target locally)."""
        edges = self.edges(vertex)
        if type_name in edges.abstract_casts:
            return edges.abstract_casts[type_name]
        edge = None
        target = self.vertex(type_name, vertex.subgraph)
        if (
            vertex.is_abstract
            and target is not None
            and target.kind is VertexKind.INTERFACE
            and target is not vertex
        ):
            source_local = self.runtime_types(vertex)
            target_local = self.runtime_types(target)
            shared = source_local & target_local
            hidden = (self.possible(type_name) & source_local) - shared
            if len(shared) >= 2 and not hidden:
                edge = self.new_edge(EdgeKind.CAST, vertex, target, type_name)
        edges.abstract_casts[type_name] = edge
        return edge

    def field_shape(self, parent: str, name: str, subgraph: str) -> tuple[str, int, bool]:
        """(the field's type as `subgraph` declares it, its list depth, whether its named type
        is abstract for clients), for building fetches."""
        key = (parent, name, subgraph)
        shape = self._shapes.get(key)
        if shape is None:
            meta = self.supergraph.field(parent, name)
            if name == "__typename":
                shape = ("String!", 0, False)
            elif meta is None:
                shape = ("", 0, False)
            else:
                entry = meta.in_graphs.get(subgraph)
                output = (entry.type_in_graph if entry is not None else None) or meta.type_text
                type_meta = self.supergraph.types.get(meta.type_name)
                abstract = type_meta is not None and type_meta.is_abstract
                shape = (output, meta.list_depth, abstract)
            self._shapes[key] = shape
        return shape

    # -- types --------------------------------------------------------------------------------

    def runtime_types(self, vertex: Vertex) -> frozenset[str]:
        """Object types a value at this vertex may have, as far as its subgraph knows."""
        if vertex.kind is VertexKind.OBJECT and not vertex.interface_object:
            return frozenset({vertex.type_name})
        if vertex.interface_object:
            return self.possible(vertex.type_name)
        if vertex.is_abstract:
            return frozenset(self.edges(vertex).casts)
        return frozenset()

    def possible(self, type_name: str) -> frozenset[str]:
        """Object types of the whole supergraph (inaccessible ones included) a value of this
        type may have: subgraphs return them even when clients cannot name them."""
        cached = self._possible.get(type_name)
        if cached is None:
            cached = self._possible[type_name] = self._compute_possible(type_name)
        return cached

    def _compute_possible(self, type_name: str) -> frozenset[str]:
        meta = self.supergraph.types.get(type_name)
        if meta is None:
            return frozenset()
        if meta.kind is TypeKind.OBJECT:
            return frozenset({type_name})
        if meta.kind is TypeKind.UNION:
            return frozenset(m for members in meta.members_in.values() for m in members)
        if meta.kind is TypeKind.INTERFACE:
            return frozenset(
                t.name
                for t in self.supergraph.types.values()
                if t.kind is TypeKind.OBJECT and type_name in t.interfaces
            )
        return frozenset()
