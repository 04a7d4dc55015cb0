"""Fetch groups -> plan nodes, ordered by dependencies like Apollo's planner: a group's children
that wait for it alone run right after it (in a Sequence), the others join a later stage once
all their parents ran. An entity group becomes a Fetch in a Flatten at its merge path; a group
whose selections all share a @skip/@include condition is wrapped in a Condition node."""

from __future__ import annotations

from router.planner.fetch_graph.graph import FetchGraph
from router.planner.fetch_graph.group import FetchGroup
from router.planner.normalize.selection import NO_CONDITIONS, Conditions, NormalizedOperation
from router.planner.plan import (
    Condition,
    Fetch,
    Flatten,
    KeyRenamer,
    Parallel,
    PlanNode,
    Sequence,
    TypenameRewrite,
)


class Emitter:
    def __init__(
        self, operation: NormalizedOperation, fetches: FetchGraph, first_id: int = 0
    ) -> None:
        self.operation = operation
        self.fetches = fetches
        self.handled: set[FetchGroup] = set()
        self.fetch_count = first_id

    def _children(self, group: FetchGroup) -> list[FetchGroup]:
        return sorted(group.children, key=lambda g: g.id)

    def emit(self) -> PlanNode | None:
        roots = sorted((g for g in self.fetches.groups if not g.parents), key=lambda g: g.id)
        stages: list[PlanNode] = []
        waiting: list[FetchGroup] = []
        current = roots
        while current:
            node, unhandled = self._parallel(current)
            if node is not None:
                stages.append(node)
            waiting.extend(g for g in unhandled if g not in waiting)
            current = [
                g
                for g in waiting
                if g not in self.handled and all(p in self.handled for p in g.parents)
            ]
            waiting = [g for g in waiting if g not in current and g not in self.handled]
        return sequence_of(stages)

    def _parallel(
        self, groups: list[FetchGroup], handled: Conditions = NO_CONDITIONS
    ) -> tuple[PlanNode | None, list[FetchGroup]]:
        nodes: list[PlanNode] = []
        unhandled: list[FetchGroup] = []
        for group in groups:
            node, rest = self._group(group, handled)
            nodes.append(node)
            unhandled.extend(rest)
        return parallel_of(nodes), unhandled

    def _group(self, group: FetchGroup, handled: Conditions) -> tuple[PlanNode, list[FetchGroup]]:
        """The group's fetch and the children waiting for it alone, under one Condition node
        per @skip/@include the group is under and its context has not checked yet."""
        self.handled.add(group)
        node: PlanNode = self._fetch_node(group)
        children = self._children(group)
        ready = [c for c in children if set(c.parents) == {group}]
        rest = [c for c in children if c not in ready]
        if ready:
            inner, unhandled = self._parallel(ready, handled | group.conditions)
            assert inner is not None
            node = sequence_of([node, inner]) or node
            rest += unhandled
        for condition in sorted(group.conditions - handled, reverse=True):
            node = (
                Condition(condition.variable, node, None)
                if condition.passes_when
                else Condition(condition.variable, None, node)
            )
        return node, rest

    def _fetch_node(self, group: FetchGroup) -> PlanNode:
        self.fetch_count += 1
        fetch = build_fetch(self.operation, group, self.fetch_count)
        return Flatten(group.merge_at, fetch) if group.merge_at else fetch


def build_fetch(operation: NormalizedOperation, group: FetchGroup, index: int) -> Fetch:
    names: set[str] = set()
    selection = group.selection.print(group.conditions, names)
    used = [v for v in operation.variables if v.name in names]
    name = f"{operation.name}__{_graphql_name(group.subgraph)}__{index}" if operation.name else None
    if group.is_entity:
        definitions = ",".join(["$representations:[_Any!]!", *(v.printed() for v in used)])
        header = f"query{' ' + name if name else ''}({definitions})"
        text = f"{header}{{_entities(representations:$representations){selection}}}"
        kind = "query"
    else:
        kind = group.root_kind
        definitions = ",".join(v.printed() for v in used)
        header = kind + (f" {name}" if name else "") + (f"({definitions})" if used else "")
        text = f"{header}{selection}" if (name or used or kind != "query") else selection
    return Fetch(
        service=group.subgraph,
        operation=text,
        operation_kind=kind,
        operation_name=name,
        variable_usages=tuple(v.name for v in used),
        requires=group.inputs.frozen() if group.is_entity else (),
        input_rewrites=tuple(
            TypenameRewrite(input_type, set_to) for input_type, set_to in group.rewrites.items()
        ),
        id=index,
        output_rewrites=tuple(KeyRenamer(path, key) for path, key in group.output_renames),
    )


def _graphql_name(subgraph: str) -> str:
    """A subgraph name usable inside a GraphQL operation name (Apollo's `toValidGraphQLName`)."""
    cleaned = "".join(c if c.isalnum() or c == "_" else ("_" if c == "-" else "") for c in subgraph)
    return f"_{cleaned}" if cleaned[:1].isdigit() else cleaned


def _flatten(kind: type[Sequence] | type[Parallel], nodes: list[PlanNode]) -> list[PlanNode]:
    flat: list[PlanNode] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, kind) else (node,))
    return flat


def sequence_of(nodes: list[PlanNode]) -> PlanNode | None:
    flat = _flatten(Sequence, nodes)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Sequence(tuple(flat))


def parallel_of(nodes: list[PlanNode]) -> PlanNode | None:
    flat = _flatten(Parallel, nodes)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Parallel(tuple(flat))
