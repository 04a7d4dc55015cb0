"""Choosing one option per closed branch: options that are strictly worse are dropped first,
branches with a single option form the starting tree, and the rest is a depth-first search
over the combinations (same-index choices first, so consistent combinations come early) that
abandons a partial plan as soon as it costs as much as the best complete one. Above the
budget's plan count the least promising options are dropped, as Apollo does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from router.planner.graph.model import Vertex
from router.planner.paths.context import SearchContext
from router.planner.paths.path import Path
from router.planner.paths.traversal import ClosedOption
from router.planner.paths.tree import PathTree

Cost = Any  # totally ordered (tuples or ints)


def _signature(option: ClosedOption) -> tuple[object, ...]:
    return tuple(
        (tuple((s.edge.id if s.edge else -1, id(s.trigger)) for s in path.steps()), id(local))
        for path, local in option
    )


def _jumps_after_common_prefix(first: Path, second: Path) -> tuple[int, int]:
    a, b = first.steps(), second.steps()
    common = 0
    while (
        common < len(a)
        and common < len(b)
        and a[common].edge is b[common].edge
        and a[common].trigger is b[common].trigger
    ):
        common += 1
    return (
        sum(1 for s in a[common:] if s.edge is not None and s.edge.is_jump),
        sum(1 for s in b[common:] if s.edge is not None and s.edge.is_jump),
    )


def _dominates(first: ClosedOption, second: ClosedOption) -> bool:
    """Apollo's out-of-context rule: from a shared prefix, staying in the subgraph beats
    jumping out of it to reach the same thing."""
    if len(first) != 1 or len(second) != 1:
        return False
    (a, _), (b, _) = first[0], second[0]
    if a.tail.subgraph == b.tail.subgraph:
        return False
    jumps_a, jumps_b = _jumps_after_common_prefix(a, b)
    return jumps_a == 0 and jumps_b > 0


def _prune(ctx: SearchContext, branch: list[ClosedOption]) -> list[ClosedOption]:
    unique: dict[tuple[object, ...], ClosedOption] = {}
    for option in branch:
        unique.setdefault(_signature(option), option)
    options = list(unique.values())
    if len(options) > 1:
        options = [
            o
            for o in options
            if not any(_dominates(other, o) for other in options if other is not o)
        ]
    order = ctx.graph.subgraph_order

    def rank(option: ClosedOption) -> tuple[object, ...]:
        return (
            max(path.jumps for path, _ in option),
            sum(path.length for path, _ in option),
            tuple(tuple(order.get(s, 0) for s in path.subgraphs()) for path, _ in option),
        )

    options.sort(key=rank)
    return options


# Exact search evaluates at most this many (partial) plans; beyond, a local search improves
# the best plan found so far one branch at a time (each evaluation builds a whole fetch graph).
EXACT_EVALUATIONS = 48
LOCAL_SEARCH_PASSES = 4


class _Exhausted(Exception):
    pass


def choose(
    ctx: SearchContext,
    root: Vertex,
    branches: list[list[ClosedOption]],
    cost: Callable[[PathTree], Cost],
) -> PathTree:
    pruned = [_prune(ctx, branch) for branch in branches]
    forced = [entry for branch in pruned if len(branch) == 1 for entry in branch[0]]
    open_branches = [branch for branch in pruned if len(branch) > 1]
    if not open_branches:
        return PathTree.of(root, forced)
    open_branches.sort(key=len, reverse=True)
    _limit(ctx, open_branches)
    best: list[Any] = [None, None]  # cost, choice per open branch
    evaluations = [0]

    def evaluate(choices: list[int]) -> Cost:
        ctx.budget.spend(4)
        evaluations[0] += 1
        entries = list(forced)
        for branch, index in zip(open_branches, choices, strict=False):
            entries.extend(branch[index])
        return cost(PathTree.of(root, entries))

    def search(choices: list[int]) -> None:
        """Depth-first, abandoning a partial plan once it costs as much as the best one."""
        if evaluations[0] >= EXACT_EVALUATIONS:
            raise _Exhausted
        value = evaluate(choices)
        if best[0] is not None and value >= best[0]:
            return
        if len(choices) == len(open_branches):
            best[0], best[1] = value, list(choices)
            return
        for index in range(len(open_branches[len(choices)])):
            search([*choices, index])

    try:
        search([])
    except _Exhausted:
        _improve(open_branches, evaluate, best)
    assert best[1] is not None
    entries = list(forced)
    for branch, index in zip(open_branches, best[1], strict=True):
        entries.extend(branch[index])
    return PathTree.of(root, entries)


def _improve(
    branches: list[list[ClosedOption]],
    evaluate: Callable[[list[int]], Cost],
    best: list[Any],
) -> None:
    """Local search for operations with too many combinations to try them all: from the best
    of the best plan found so far and the consistent choices (every branch its k-th option),
    switch one branch's option at a time while that makes the plan cheaper."""
    widest = max(len(branch) for branch in branches)
    starts = [[min(k, len(branch) - 1) for branch in branches] for k in range(widest)]
    if best[1] is not None:
        starts.insert(0, best[1])
    for start in starts:
        value = evaluate(start)
        if best[0] is None or value < best[0]:
            best[0], best[1] = value, start
    current = list(best[1])
    for _ in range(LOCAL_SEARCH_PASSES):
        improved = False
        for position, branch in enumerate(branches):
            for index in range(len(branch)):
                if index == current[position]:
                    continue
                candidate = [*current[:position], index, *current[position + 1 :]]
                value = evaluate(candidate)
                if value < best[0]:
                    best[0], best[1], current = value, candidate, candidate
                    improved = True
        if not improved:
            break


def _limit(ctx: SearchContext, branches: list[list[ClosedOption]]) -> None:
    total = 1
    for branch in branches:
        total *= len(branch)
    while total > ctx.budget.max_evaluated_plans:
        largest = max(branches, key=len)
        if len(largest) <= 1:
            break
        total //= len(largest)
        largest.pop()
        total *= len(largest)
