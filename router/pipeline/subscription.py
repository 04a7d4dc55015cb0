"""Subscriptions through the router, as Apollo's planner shapes them: a *primary* fetch — the
subscription root field, sent to the one subgraph that owns it — and the *rest*, an ordinary
plan run for every event to resolve the fields other subgraphs own (`instance { offering }`).

The planner plans the operation's selections as it would a query on the Subscription root; this
module splits that plan into primary and rest, re-types the primary fetch as a subscription and
caches the result per normalized operation."""

from __future__ import annotations

from dataclasses import dataclass, replace

from router.pipeline.lru import LRU
from router.pipeline.plan_cache import Planner
from router.planner import PlanningError, QueryPlan
from router.planner.normalize import NormalizedOperation
from router.planner.plan import Fetch, PlanNode, Sequence, print_node


@dataclass(frozen=True)
class SubscriptionPlan:
    primary: Fetch  # opened once, as a subscription, on the owning subgraph
    rest: QueryPlan  # run against every event's data

    def __str__(self) -> str:
        primary = _indent(print_node(self.primary), 3)
        text = f"QueryPlan {{\n  Subscription {{\n    Primary: {{\n{primary}\n    }},\n"
        if self.rest.node is not None:
            text += f"    Rest: {{\n{_indent(print_node(self.rest.node), 3)}\n    }},\n"
        return text + "  },\n}"


def _indent(text: str, level: int) -> str:
    pad = "  " * level
    return "\n".join(pad + line if line else line for line in text.splitlines())


def _as_subscription(fetch: Fetch) -> Fetch:
    """The planner prints root fetches as queries (`{ … }` or `query Name(…) { … }`)."""
    operation = fetch.operation.lstrip()
    if operation.startswith("subscription"):
        return replace(fetch, operation=operation, operation_kind="subscription")
    if operation.startswith("query"):
        operation = "subscription" + operation[len("query") :]
    elif operation.startswith("{"):
        operation = "subscription " + operation
    else:
        raise PlanningError("a subscription's primary fetch is not a query-shaped operation")
    return replace(fetch, operation=operation, operation_kind="subscription")


def split_subscription(plan: QueryPlan) -> SubscriptionPlan:
    """The first fetch of the plan must be the root fetch of the single root field; anything
    after it runs per event."""
    node = plan.node
    rest: tuple[PlanNode, ...] = ()
    if isinstance(node, Sequence) and node.nodes:
        rest = node.nodes[1:]
        node = node.nodes[0]
    if not isinstance(node, Fetch) or node.is_entity_fetch:
        raise PlanningError("a subscription's root field must be resolved by a single subgraph")
    rest_node: PlanNode | None
    if not rest:
        rest_node = None
    elif len(rest) == 1:
        rest_node = rest[0]
    else:
        rest_node = Sequence(rest)
    return SubscriptionPlan(_as_subscription(node), QueryPlan(rest_node))


class SubscriptionPlanner:
    """Subscription plans cached like query plans: by operation signature, name and labels."""

    def __init__(self, planner: Planner, capacity: int = 1000) -> None:
        self.planner = planner
        self.cache: LRU[tuple[str, str | None, frozenset[str]], SubscriptionPlan] = LRU(capacity)

    def plan(self, operation: NormalizedOperation, labels: frozenset[str]) -> SubscriptionPlan:
        if len(operation.selections) != 1 or operation.introspection:
            raise PlanningError("a subscription selects exactly one root field")
        relevant = labels & self.planner.supergraph.override_labels
        key = (operation.signature, operation.name, relevant)
        planned = self.cache.get(key)
        if planned is None:
            planned = split_subscription(self.planner.plan(operation, relevant))
            self.cache.put(key, planned)
        return planned
