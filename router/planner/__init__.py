"""Query planning: normalize an operation, choose where each selection resolves, emit a plan."""

from router.planner.plan import (
    Condition,
    Fetch,
    Flatten,
    InputField,
    InputFragment,
    Parallel,
    QueryPlan,
    Sequence,
    TypenameRewrite,
    print_plan,
)
from router.planner.planner import PlanningError, QueryPlanner

__all__ = [
    "Condition",
    "Fetch",
    "Flatten",
    "InputField",
    "InputFragment",
    "Parallel",
    "PlanningError",
    "QueryPlan",
    "QueryPlanner",
    "Sequence",
    "TypenameRewrite",
    "print_plan",
]
