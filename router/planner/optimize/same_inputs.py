"""Merge groups fetching from one subgraph at one merge path with equal representations, when
neither waits for the other: the merged fetch waits for both sets of parents (Apollo's
`mergeFetchesToSameSubgraphAndSameInputs`)."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph


def merge_same_inputs(fetches: FetchGraph) -> None:
    changed = True
    while changed:
        changed = False
        groups = [g for g in fetches.groups if g.is_entity]
        for index, group in enumerate(groups):
            for other in groups[index + 1 :]:
                if (
                    other.subgraph == group.subgraph
                    and other.merge_at == group.merge_at
                    and other.inputs == group.inputs
                    and other not in group.ancestors()
                    and group not in other.ancestors()
                ):
                    fetches.merge_into(group, other)
                    changed = True
                    break
            if changed:
                break
