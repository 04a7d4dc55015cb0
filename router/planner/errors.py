"""Planning errors: both reach clients as QUERY_PLANNING_FAILED with this message."""

from __future__ import annotations


class PlanningError(Exception):
    """The operation cannot be resolved with this supergraph: no combination of subgraph
    fetches yields every selected field."""


class PlanningBudgetExceeded(PlanningError):
    """The operation needs more planning work than the budget allows (a pathological shape):
    refused rather than planned for an unbounded time."""
