"""Query planning: normalize an operation, search the query graph for the cheapest way to
resolve every selection, emit a plan.

QueryPlanner is imported on first use (PEP 562): the router imports this package for the plan's
types, and the planner's own modules (query graph, path search, fetch graphs) are a noticeable
part of `cmp router`'s start-up that only the first planned operation needs."""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from router.planner.planner import QueryPlanner


def __getattr__(name: str) -> Any:
    if name == "QueryPlanner":
        from router.planner.planner import QueryPlanner

        return QueryPlanner
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
