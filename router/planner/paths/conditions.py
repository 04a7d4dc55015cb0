"""Edge conditions planned as nested traversals: a key's fields from the jump's head, the
fields a @requires needs, the concrete __typename an @interfaceObject cast needs. Memoized per
(edge, starting vertex); a condition needing itself (through a cycle of @requires) is
unsatisfiable on that path rather than an endless recursion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from router.planner.graph.model import Edge, EdgeKind
from router.planner.normalize.selection import Selection
from router.planner.paths.path import ConditionPlan, Path

if TYPE_CHECKING:
    from router.planner.paths.context import SearchContext


def _plan(
    ctx: SearchContext,
    edge: Edge,
    origin: Path,
    selections: tuple[Selection, ...],
    excluded: frozenset[str],
    anchored: bool,
) -> ConditionPlan | None:
    from router.planner.paths.traversal import plan_conditions

    cache_key = (edge.id, origin.tail.id, origin.runtime, excluded, anchored)
    if cache_key in ctx.conditions:
        return ctx.conditions[cache_key]
    guard = (edge.id, origin.tail.id)
    if guard in ctx.resolving:
        ctx.cycles += 1
        return None  # a cycle: this condition needs itself
    cycles = ctx.cycles
    ctx.resolving.add(guard)
    try:
        start = Path.start(origin.tail, origin.runtime)
        result = plan_conditions(ctx, start, selections, excluded)
    finally:
        ctx.resolving.discard(guard)
    plan = None if result is None else ConditionPlan(result[0], result[1], anchored)
    if ctx.cycles == cycles:
        ctx.conditions[cache_key] = plan
    return plan


def for_key(
    ctx: SearchContext, edge: Edge, path: Path, excluded: frozenset[str]
) -> ConditionPlan | None:
    assert edge.conditions is not None
    return _plan(ctx, edge, path, edge.conditions, excluded, False)


def for_requires(ctx: SearchContext, edge: Edge, path: Path) -> ConditionPlan | None:
    """Right after a key jump into the field's subgraph, the required fields are planned from
    where the jump started (they usually come with the fetch that has the key); otherwise
    from the field's own position."""
    assert edge.conditions is not None
    entered = path.edge
    if entered is not None and entered.kind is EdgeKind.KEY and path.parent is not None:
        anchored = _plan(ctx, edge, path.parent, edge.conditions, frozenset(), True)
        if anchored is not None:
            return anchored
    return _plan(ctx, edge, path, edge.conditions, frozenset(), False)


def for_typename(ctx: SearchContext, edge: Edge, path: Path) -> ConditionPlan | None:
    assert edge.conditions is not None
    return _plan(ctx, edge, path, edge.conditions, frozenset({edge.head.subgraph}), False)
