"""A fetch group: one future Fetch. Mutable while the fetch graph is built and optimized."""

from __future__ import annotations

from router.planner.fetch_graph.inputs import Inputs
from router.planner.fetch_graph.selection import FetchSelection
from router.planner.normalize.selection import NO_CONDITIONS, Conditions


class FetchGroup:
    def __init__(
        self,
        group_id: int,
        subgraph: str,
        merge_at: tuple[str, ...],
        is_entity: bool,
        root_kind: str = "query",
        for_requires: bool = False,
    ) -> None:
        self.id = group_id
        self.subgraph = subgraph
        self.merge_at = merge_at  # response path, "@" for each list level
        self.is_entity = is_entity
        self.root_kind = root_kind
        self.for_requires = for_requires  # created after the fields a @requires needs
        self.selection = FetchSelection()
        self.inputs = Inputs()
        self.rewrites: dict[str, str] = {}  # input type -> __typename sent (interfaces)
        self.output_renames: list[tuple[tuple[str, ...], str]] = []  # (path, rename to)
        # Dicts as ordered sets: deterministic iteration.
        self.parents: dict[FetchGroup, None] = {}
        self.children: dict[FetchGroup, None] = {}
        self._conditions: Conditions | None = None

    def __hash__(self) -> int:
        return self.id

    def __eq__(self, other: object) -> bool:
        return self is other

    def __repr__(self) -> str:
        path = ".".join(self.merge_at)
        return f"Group#{self.id}({self.subgraph}{'@' + path if path else ''})"

    @property
    def conditions(self) -> Conditions:
        """Conditions every selection of the group is under: the fetch runs only when they
        hold (a Condition node), and they are left out of its text."""
        return self._conditions or NO_CONDITIONS

    def contribute(self, conditions: Conditions) -> None:
        self._conditions = conditions if self._conditions is None else self._conditions & conditions

    def add_parent(self, parent: FetchGroup) -> None:
        if parent is self:
            return
        self.parents[parent] = None
        parent.children[self] = None

    def remove_parent(self, parent: FetchGroup) -> None:
        self.parents.pop(parent, None)
        parent.children.pop(self, None)

    def ancestors(self) -> set[FetchGroup]:
        found: set[FetchGroup] = set()
        stack = list(self.parents)
        while stack:
            group = stack.pop()
            if group not in found:
                found.add(group)
                stack.extend(group.parents)
        return found

    def entity_types(self) -> set[str]:
        return {f.type_condition for f in self.selection.fragments()}
