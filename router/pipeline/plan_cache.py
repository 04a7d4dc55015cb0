"""Plans cached by the normalized operation, its name and the active override labels: two
spellings of one operation (fragment vs inline, field order of merges) share a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from router.pipeline.lru import LRU
from router.planner import QueryPlan
from router.planner.normalize import NormalizedOperation
from router.supergraph import Supergraph

if TYPE_CHECKING:
    from router.planner.planner import QueryPlanner


class Planner(Protocol):
    supergraph: Supergraph

    def plan(self, operation: NormalizedOperation, labels: frozenset[str]) -> QueryPlan: ...


class DeferredPlanner:
    """The query planner, imported and built when the first operation is planned: its modules
    are about a tenth of `cmp router`'s start-up (bench/router_startup_small.py), and a
    router that has planned nothing yet does not need them. That first plan is a cache miss
    anyway (parse, validate, plan)."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self._planner: QueryPlanner | None = None

    def plan(self, operation: NormalizedOperation, labels: frozenset[str]) -> QueryPlan:
        if self._planner is None:
            from router.planner.planner import QueryPlanner

            self._planner = QueryPlanner(self.supergraph)
        return self._planner.plan(operation, labels)


class PlanCache:
    def __init__(self, planner: Planner, capacity: int = 1000) -> None:
        self.planner = planner
        self.cache: LRU[tuple[str, str | None, frozenset[str]], QueryPlan] = LRU(capacity)

    def plan(self, operation: NormalizedOperation, labels: frozenset[str]) -> QueryPlan:
        relevant = labels & self.planner.supergraph.override_labels
        key = (operation.signature, operation.name, relevant)
        plan = self.cache.get(key)
        if plan is None:
            plan = self.planner.plan(operation, relevant)
            self.cache.put(key, plan)
        return plan
