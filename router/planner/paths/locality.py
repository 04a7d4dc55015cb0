"""The locality shortcut: a sub-selection whose every field the current subgraph collects
directly (no @requires, no jump, no type condition needing another subgraph) is taken as it is,
without a search per leaf: staying in the fetch that is already needed costs nothing more."""

from __future__ import annotations

from router.planner.graph.model import Vertex
from router.planner.normalize.selection import Field, Selection
from router.planner.paths.context import SearchContext


def is_local(ctx: SearchContext, vertex: Vertex, selections: tuple[Selection, ...]) -> bool:
    cache_key = (vertex.id, id(selections))
    known = ctx.local.get(cache_key)
    if known is None:
        known = ctx.local[cache_key] = _is_local(ctx, vertex, selections)
    return known


def _is_local(ctx: SearchContext, vertex: Vertex, selections: tuple[Selection, ...]) -> bool:
    graph = ctx.graph
    for selection in selections:
        ctx.budget.spend()
        if isinstance(selection, Field):
            edge = graph.field_edge(vertex, selection.name)
            if edge is None or edge.conditions is not None:
                return False
            if selection.selections and not is_local(ctx, edge.tail, selection.selections):
                return False
            continue
        condition = selection.type_condition
        if vertex.interface_object:
            return False
        if not vertex.is_abstract:
            applies = vertex.type_name == condition or vertex.type_name in graph.possible(condition)
            if applies and not is_local(ctx, vertex, selection.selections):
                return False
            continue  # (or a condition this object never matches: nothing to fetch)
        if condition == vertex.type_name:
            if not is_local(ctx, vertex, selection.selections):
                return False
            continue
        cast = graph.cast_edge(vertex, condition) or graph.abstract_cast_edge(vertex, condition)
        if cast is None:
            if graph.possible(condition) & graph.runtime_types(vertex):
                return False  # an abstract condition: planned through each runtime type
            continue  # this subgraph never returns such an object here
        if not is_local(ctx, cast.tail, selection.selections):
            return False
    return True
