"""Fetch groups -> plan nodes: each group becomes a Fetch (in a Flatten at its merge path when it
is an entity fetch, in a Condition when all its selections share one), ordered by dependencies
like Apollo's planner: a group's children that depend only on it run right after it; the others
wait for a later stage."""

from __future__ import annotations

from router.planner.fetch_groups import Group
from router.planner.normalize.selection import NormalizedOperation
from router.planner.plan import (
    Condition,
    Fetch,
    Flatten,
    Parallel,
    PlanNode,
    Sequence,
    TypenameRewrite,
)


def reduce_dependencies(groups: list[Group]) -> None:
    """Drop a dependency already implied through another one (keeps the plan shallow)."""
    ancestors: dict[int, set[Group]] = {}

    def ancestors_of(group: Group) -> set[Group]:
        if group.id not in ancestors:
            found: set[Group] = set()
            for parent in group.parents:
                found.add(parent)
                found |= ancestors_of(parent)
            ancestors[group.id] = found
        return ancestors[group.id]

    for group in groups:
        group.parents = {
            parent
            for parent in group.parents
            if not any(
                parent in ancestors_of(other) for other in group.parents if other is not parent
            )
        }


class Emitter:
    def __init__(self, operation: NormalizedOperation, groups: list[Group]) -> None:
        self.operation = operation
        self.children: dict[int, list[Group]] = {g.id: [] for g in groups}
        for group in groups:
            for parent in sorted(group.parents, key=lambda g: g.id):
                self.children[parent.id].append(group)
        self.handled: set[Group] = set()
        self.fetch_count = 0

    def emit(self, roots: list[Group]) -> PlanNode | None:
        stages: list[PlanNode] = []
        waiting: list[Group] = []
        current = roots
        while current:
            node, unhandled = self._parallel(current)
            if node is not None:
                stages.append(node)
            waiting.extend(g for g in unhandled if g not in waiting)
            current = [g for g in waiting if g not in self.handled and g.parents <= self.handled]
            waiting = [g for g in waiting if g not in current and g not in self.handled]
        return sequence_of(stages)

    def _parallel(self, groups: list[Group]) -> tuple[PlanNode | None, list[Group]]:
        nodes: list[PlanNode] = []
        unhandled: list[Group] = []
        for group in groups:
            node, rest = self._group(group)
            nodes.append(node)
            unhandled.extend(rest)
        return parallel_of(nodes), unhandled

    def _group(self, group: Group) -> tuple[PlanNode, list[Group]]:
        self.handled.add(group)
        node = self._fetch_node(group)
        children = self.children[group.id]
        ready = [c for c in children if c.parents == {group}]
        rest = [c for c in children if c not in ready]
        if not ready:
            return node, rest
        inner, unhandled = self._parallel(ready)
        assert inner is not None
        return sequence_of([node, inner]) or node, rest + unhandled

    def _fetch_node(self, group: Group) -> PlanNode:
        self.fetch_count += 1
        fetch = build_fetch(self.operation, group, self.fetch_count)
        node: PlanNode = Flatten(group.path, fetch) if group.is_entity else fetch
        for condition in sorted(group.conditions, reverse=True):
            node = (
                Condition(condition.variable, node, None)
                if condition.passes_when
                else Condition(condition.variable, None, node)
            )
        return node


def build_fetch(operation: NormalizedOperation, group: Group, index: int) -> Fetch:
    names: set[str] = set()
    selection = group.tree.print(group.conditions, names)
    used = [v for v in operation.variables if v.name in names]
    name = (
        f"{operation.name}__{group.subgraph.replace('-', '_')}__{index}" if operation.name else None
    )
    if group.is_entity:
        definitions = ",".join(["$representations:[_Any!]!", *(v.printed() for v in used)])
        header = f"query{' ' + name if name else ''}({definitions})"
        text = f"{header}{{_entities(representations:$representations){selection}}}"
        kind = "query"
    else:
        kind = operation.kind
        definitions = ",".join(v.printed() for v in used)
        header = kind + (f" {name}" if name else "") + (f"({definitions})" if used else "")
        text = f"{header}{selection}"
    return Fetch(
        service=group.subgraph,
        operation=text,
        operation_kind=kind,
        operation_name=name,
        variable_usages=tuple(v.name for v in used),
        requires=group.requires() if group.is_entity else (),
        input_rewrites=tuple(
            TypenameRewrite(entity_type, set_to) for entity_type, set_to in group.rewrites.items()
        ),
        id=index,
    )


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
