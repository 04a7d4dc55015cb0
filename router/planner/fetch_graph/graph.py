"""The fetch dependency graph: groups with their parent/child dependencies."""

from __future__ import annotations

from router.planner.fetch_graph.group import FetchGroup


class FetchGraph:
    def __init__(self) -> None:
        self.groups: list[FetchGroup] = []
        self.roots: dict[str, FetchGroup] = {}  # root fetch per subgraph
        self._next_id = 0

    def new_group(
        self,
        subgraph: str,
        merge_at: tuple[str, ...],
        is_entity: bool,
        root_kind: str = "query",
        for_requires: bool = False,
    ) -> FetchGroup:
        group = FetchGroup(self._next_id, subgraph, merge_at, is_entity, root_kind, for_requires)
        self._next_id += 1
        self.groups.append(group)
        return group

    def root(self, subgraph: str, root_kind: str) -> FetchGroup:
        group = self.roots.get(subgraph)
        if group is None:
            group = self.roots[subgraph] = self.new_group(subgraph, (), False, root_kind)
        return group

    def remove(self, group: FetchGroup) -> None:
        """Drop a group; its children now depend on its parents instead."""
        for child in list(group.children):
            child.remove_parent(group)
            for parent in group.parents:
                child.add_parent(parent)
        for parent in list(group.parents):
            group.remove_parent(parent)
        self.groups.remove(group)
        if self.roots.get(group.subgraph) is group:
            del self.roots[group.subgraph]

    def merge_into(self, target: FetchGroup, merged: FetchGroup) -> None:
        """`merged`'s selection, inputs and dependencies become `target`'s."""
        target.selection.merge(merged.selection)
        target.inputs.merge(merged.inputs)
        target.rewrites.update(merged.rewrites)
        target.for_requires = target.for_requires or merged.for_requires
        if merged._conditions is not None:
            target.contribute(merged._conditions)
        for parent in list(merged.parents):
            if parent is not target:
                target.add_parent(parent)
        for child in list(merged.children):
            if child is not target:
                child.add_parent(target)
        self.remove(merged)
        # A dependency of the target on itself through the merge is meaningless.
        target.parents.pop(target, None)
        target.children.pop(target, None)

    def depth(self) -> int:
        """Longest chain of dependent fetches."""
        memo: dict[int, int] = {}

        def level(group: FetchGroup) -> int:
            known = memo.get(group.id)
            if known is None:
                known = memo[group.id] = 1 + max((level(p) for p in group.parents), default=0)
            return known

        return max((level(g) for g in self.groups), default=0)
