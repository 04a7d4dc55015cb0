"""Query planning: normalize an operation, search the query graph for the cheapest way to
resolve every selection, emit a plan."""

from router.planner.errors import PlanningBudgetExceeded, PlanningError
from router.planner.plan import (
    Condition,
    Fetch,
    Flatten,
    InputField,
    InputFragment,
    KeyRenamer,
    Parallel,
    QueryPlan,
    Sequence,
    TypenameRewrite,
    print_plan,
)
from router.planner.plan_json import plan_to_json
from router.planner.planner import QueryPlanner

__all__ = [
    "Condition",
    "Fetch",
    "Flatten",
    "InputField",
    "InputFragment",
    "KeyRenamer",
    "Parallel",
    "PlanningBudgetExceeded",
    "PlanningError",
    "QueryPlan",
    "QueryPlanner",
    "Sequence",
    "TypenameRewrite",
    "plan_to_json",
    "print_plan",
]
