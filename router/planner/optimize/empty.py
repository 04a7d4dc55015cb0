"""Remove groups left with nothing to fetch (an entity group whose fields all moved to a later
@requires group, say); their dependents wait for their parents instead."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph


def remove_empty_groups(fetches: FetchGraph) -> None:
    for group in list(fetches.groups):
        if group.selection.is_empty():
            fetches.remove(group)
