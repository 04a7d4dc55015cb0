"""Edges of a @provides copy: those of the plain vertex, plus the provided fields (external to
the subgraph elsewhere, collectible on this path only), with nested provided selections and
provided type conditions leading to further copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from router.planner.graph.build import field_tail
from router.planner.graph.model import Edge, EdgeKind, Vertex
from router.planner.normalize.selection import Field, InlineFragment, Selection
from router.supergraph.model import FieldInGraph

if TYPE_CHECKING:
    from router.planner.graph.query_graph import QueryGraph, VertexEdges


def _by_field(selections: tuple[Selection, ...], type_name: str) -> dict[str, list[Selection]]:
    """Provided sub-selections per field name; fragments on the copy's own type are flattened."""
    grouped: dict[str, list[Selection]] = {}
    for selection in selections:
        if isinstance(selection, Field):
            grouped.setdefault(selection.name, []).extend(selection.selections)
        elif selection.type_condition == type_name:
            for name, children in _by_field(selection.selections, type_name).items():
                grouped.setdefault(name, []).extend(children)
    return grouped


def _by_type(selections: tuple[Selection, ...], type_name: str) -> dict[str, list[Selection]]:
    grouped: dict[str, list[Selection]] = {}
    for selection in selections:
        if isinstance(selection, InlineFragment) and selection.type_condition != type_name:
            grouped.setdefault(selection.type_condition, []).extend(selection.selections)
    return grouped


def _rehead(graph: QueryGraph, edge: Edge, head: Vertex, tail: Vertex | None = None) -> Edge:
    return graph.new_edge(
        edge.kind, head, tail or edge.tail, edge.name, edge.conditions, edge.provided
    )


def build_copy_edges(graph: QueryGraph, copy: Vertex) -> VertexEdges:
    from router.planner.graph.query_graph import VertexEdges

    assert copy.base is not None
    assert copy.provided is not None
    base = graph.edges(copy.base)
    edges = VertexEdges(
        casts={name: _rehead(graph, e, copy) for name, e in base.casts.items()},
        jumps=[_rehead(graph, e, copy) for e in base.jumps],
        interface_object_casts={
            name: _rehead(graph, e, copy, copy) for name, e in base.interface_object_casts.items()
        },
    )
    for type_name, children in _by_type(copy.provided, copy.type_name).items():
        cast = edges.casts.get(type_name)
        if cast is None:
            continue
        tail = graph.provides_copy(copy, f"... on {type_name}", cast.tail, tuple(children))
        edges.casts[type_name] = _rehead(graph, cast, copy, tail)
    return edges


def build_copy_field_edge(graph: QueryGraph, copy: Vertex, name: str) -> Edge | None:
    assert copy.base is not None
    assert copy.provided is not None
    existing = graph.field_edge(copy.base, name)
    provided = _by_field(copy.provided, copy.type_name)
    if name not in provided:
        return _rehead(graph, existing, copy) if existing is not None else None
    field_meta = graph.supergraph.field(copy.type_name, name)
    if field_meta is None:
        return None
    children = provided[name]
    if existing is None:
        entry = field_meta.in_graphs.get(copy.subgraph) or FieldInGraph(copy.subgraph)
        tail = field_tail(graph, entry, field_meta.type_name)
    else:
        tail = existing.tail
    if children and tail.is_composite:
        tail = graph.provides_copy(copy, name, tail, tuple(children))
    if existing is None:
        return graph.new_edge(EdgeKind.FIELD, copy, tail, name, provided=True)
    return _rehead(graph, existing, copy, tail)
