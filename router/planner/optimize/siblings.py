"""Merge sibling groups fetching from one subgraph at one merge path after the same parents:
one fetch instead of several (Apollo's `mergeChildFetchesForSameSubgraphAndPath`)."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.group import FetchGroup


def can_merge(first: FetchGroup, second: FetchGroup) -> bool:
    return (
        first is not second
        and first.subgraph == second.subgraph
        and first.is_entity
        and second.is_entity
        and first.merge_at == second.merge_at
        and first.inputs.compatible_with(second.inputs)
    )


def merge_siblings(fetches: FetchGraph) -> None:
    changed = True
    while changed:
        changed = False
        for group in list(fetches.groups):
            if group not in fetches.groups or not group.is_entity:
                continue
            parents = set(group.parents)
            for other in list(fetches.groups):
                if (
                    other is not group
                    and other.id > group.id
                    and set(other.parents) == parents
                    and can_merge(group, other)
                ):
                    fetches.merge_into(group, other)
                    changed = True
