"""Path trees: the chosen paths merged into one tree (shared prefixes stored once), which the
fetch graph is built from. A child is keyed by its edge and the operation element it collects,
so two client fields on one edge (aliases, different arguments) stay apart."""

from __future__ import annotations

from collections.abc import Iterable

from router.planner.graph.model import Edge, Vertex
from router.planner.normalize.selection import Selection
from router.planner.paths.path import ConditionPlan, Path


class TreeChild:
    __slots__ = ("condition", "edge", "tree", "trigger")

    def __init__(
        self, edge: Edge, trigger: Selection | None, condition: ConditionPlan | None, tree: PathTree
    ) -> None:
        self.edge = edge
        self.trigger = trigger
        self.condition = condition
        self.tree = tree


class PathTree:
    __slots__ = ("children", "local", "vertex")

    def __init__(self, vertex: Vertex) -> None:
        self.vertex = vertex
        self.children: dict[tuple[int, int], TreeChild] = {}
        # Selections taken as they are at this position (a subtree entirely local to the
        # subgraph, or the `__typename` closing a selection nothing else reaches).
        self.local: list[tuple[Selection, ...]] = []

    def add(self, path: Path, local: tuple[Selection, ...] | None = None) -> None:
        node = self
        for step in path.steps():
            assert step.edge is not None
            key = (step.edge.id, id(step.trigger))
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = TreeChild(
                    step.edge, step.trigger, step.condition, PathTree(step.tail)
                )
            node = child.tree
        if local is not None and not any(existing is local for existing in node.local):
            node.local.append(local)

    @staticmethod
    def of(vertex: Vertex, paths: Iterable[tuple[Path, tuple[Selection, ...] | None]]) -> PathTree:
        tree = PathTree(vertex)
        for path, local in paths:
            tree.add(path, local)
        return tree
