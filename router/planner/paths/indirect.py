"""Indirect paths: from a position, the other subgraphs reachable through chains of key (or
root type) jumps whose conditions can be fetched. One best path per destination vertex (fewest
jumps, then cheapest conditions); never back into the starting subgraph; a second jump with the
same key as the previous one is pointless (jump straight from the start)."""

from __future__ import annotations

from collections import deque

from router.planner.graph.model import Edge, EdgeKind, VertexKind
from router.planner.paths import conditions
from router.planner.paths.context import SearchContext
from router.planner.paths.path import ConditionPlan, Path

MAX_CHAIN = 4  # jumps in one chain; longer chains are never cheaper than a plan through keys

Step = tuple[Edge, ConditionPlan | None, frozenset[str]]  # a root-type jump has no conditions


def _runtime(ctx: SearchContext, runtime: frozenset[str], edge: Edge) -> frozenset[str]:
    tail = edge.tail
    if tail.interface_object and runtime:
        return runtime & ctx.graph.possible(tail.type_name)
    return ctx.graph.runtime_types(tail)


def _chains(ctx: SearchContext, path: Path, excluded: frozenset[str]) -> list[tuple[Step, ...]]:
    start = path.tail
    best: dict[int, tuple[tuple[Step, ...], int]] = {}  # by destination vertex id
    queue: deque[tuple[Path, tuple[Step, ...], frozenset[str]]] = deque(
        [(path, (), frozenset({start.subgraph}))]
    )
    while queue:
        current, steps, visited = queue.popleft()
        if len(steps) >= MAX_CHAIN:
            continue
        previous = steps[-1][0] if steps else None
        for edge in ctx.graph.edges(current.tail).jumps:
            if edge.kind not in (EdgeKind.KEY, EdgeKind.ROOT):
                continue
            target = edge.tail.subgraph
            if target in visited or target in excluded:
                continue
            if (
                previous is not None
                and previous.kind is EdgeKind.KEY
                and edge.kind is EdgeKind.KEY
                and previous.name == edge.name
            ):
                continue  # same key twice: the first subgraph could jump there directly
            ctx.budget.spend()
            condition = None
            if edge.kind is EdgeKind.KEY:
                condition = conditions.for_key(ctx, edge, current, excluded | {target})
                if condition is None:
                    continue
            cost = sum(s[1].cost for s in steps if s[1] is not None) + (
                condition.cost if condition is not None else 0
            )
            known = best.get(edge.tail.id)
            if known is not None and (len(known[0]), known[1]) <= (len(steps) + 1, cost):
                continue
            runtime = _runtime(ctx, current.runtime, edge)
            chain = (*steps, (edge, condition, runtime))
            best[edge.tail.id] = (chain, cost)
            queue.append((current.then(edge, None, runtime, condition), chain, visited | {target}))
    ordered = sorted(
        best.values(),
        key=lambda item: (
            len(item[0]),
            item[1],
            ctx.graph.subgraph_order.get(item[0][-1][0].tail.subgraph, 0),
            item[0][-1][0].tail.type_name,
        ),
    )
    return [chain for chain, _ in ordered]


def paths(ctx: SearchContext, path: Path, excluded: frozenset[str] = frozenset()) -> list[Path]:
    """Paths extending `path` with jumps only, each ending in another subgraph."""
    if path.tail.kind is VertexKind.ROOT:
        return []
    cache_key = (path.tail.id, excluded, path.runtime)
    chains: list[tuple[Step, ...]] | None = ctx.indirect.get(cache_key)
    if chains is None:
        cycles = ctx.cycles
        chains = list(_chains(ctx, path, excluded))
        if ctx.cycles == cycles:
            ctx.indirect[cache_key] = chains
    result: list[Path] = []
    for chain in chains:
        extended = path
        for edge, condition, runtime in chain:
            extended = extended.then(edge, None, runtime, condition)
        result.append(extended)
    return result
