"""A planning budget: every unit of search work is counted and the wall clock checked now and
then, so a pathological operation fails with a clear error instead of hanging the router."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from router.planner.errors import PlanningBudgetExceeded

DEFAULT_MAX_STEPS = 400_000
DEFAULT_MAX_SECONDS = 2.0
# Apollo's default (`maxEvaluatedPlans`): above it, the least promising options are dropped.
DEFAULT_MAX_EVALUATED_PLANS = 10_000


@dataclass
class Budget:
    max_steps: int = DEFAULT_MAX_STEPS
    max_seconds: float = DEFAULT_MAX_SECONDS
    max_evaluated_plans: int = DEFAULT_MAX_EVALUATED_PLANS
    steps: int = 0
    started: float = field(default_factory=time.perf_counter)

    def spend(self, units: int = 1) -> None:
        self.steps += units
        if self.steps > self.max_steps:
            raise PlanningBudgetExceeded(
                f"planning this operation needs more than {self.max_steps} search steps; "
                "simplify it (fewer alternatives across subgraphs, less nesting)"
            )
        if self.steps % 1024 < units and time.perf_counter() - self.started > self.max_seconds:
            raise PlanningBudgetExceeded(
                f"planning this operation takes longer than {self.max_seconds:g}s; "
                "simplify it (fewer alternatives across subgraphs, less nesting)"
            )
