"""Transitive reduction: a dependency already implied through another one is dropped, so the
emitted plan is no deeper than it must be."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph


def reduce_dependencies(fetches: FetchGraph) -> None:
    for group in fetches.groups:
        if len(group.parents) < 2:
            continue
        parents = list(group.parents)
        for parent in parents:
            if any(parent in other.ancestors() for other in parents if other is not parent):
                group.remove_parent(parent)
