"""Plans cached by the normalized operation, its name and the active override labels: two
spellings of one operation (fragment vs inline, field order of merges) share a plan."""

from __future__ import annotations

from router.pipeline.lru import LRU
from router.planner import QueryPlan, QueryPlanner
from router.planner.normalize import NormalizedOperation


class PlanCache:
    def __init__(self, planner: QueryPlanner, capacity: int = 1000) -> None:
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
