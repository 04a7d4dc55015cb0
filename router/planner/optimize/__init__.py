"""Fetch graph optimisation passes, one per module, run in a fixed order; then the passes that
finalize fetch selections for the receiving subgraphs."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.optimize.aliases import alias_conflicting_fields
from router.planner.optimize.empty import remove_empty_groups
from router.planner.optimize.reduce import reduce_dependencies
from router.planner.optimize.same_inputs import merge_same_inputs
from router.planner.optimize.siblings import merge_siblings
from router.planner.optimize.typenames import add_typenames
from router.planner.optimize.useless import remove_useless_groups


def optimize(fetches: FetchGraph, possible: dict[str, frozenset[str]]) -> FetchGraph:
    remove_empty_groups(fetches)
    reduce_dependencies(fetches)
    remove_useless_groups(fetches, possible)
    merge_siblings(fetches)
    merge_same_inputs(fetches)
    reduce_dependencies(fetches)
    return fetches


def finalize(fetches: FetchGraph) -> FetchGraph:
    add_typenames(fetches)
    alias_conflicting_fields(fetches)
    return fetches


__all__ = ["finalize", "optimize"]
