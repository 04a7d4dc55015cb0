"""Graph paths: immutable, sharing their prefixes (a path is its last step plus its parent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from router.planner.graph.model import Edge, EdgeKind, Vertex
from router.planner.normalize.selection import Selection

if TYPE_CHECKING:
    from router.planner.paths.tree import PathTree


@dataclass(slots=True)
class ConditionPlan:
    """How an edge's conditions (a key, a @requires, a concrete __typename) get fetched: a
    tree of paths from `origin` (the edge's head, or for @requires right after a key jump the
    vertex the jump started from), and roughly how many fetches that costs."""

    tree: PathTree
    cost: int
    anchored: bool = False  # planned from before the jump into the edge's subgraph


class Path:
    __slots__ = ("condition", "edge", "jumps", "length", "parent", "runtime", "tail", "trigger")

    def __init__(
        self,
        parent: Path | None,
        edge: Edge | None,
        trigger: Selection | None,
        condition: ConditionPlan | None,
        tail: Vertex,
        runtime: frozenset[str],
    ) -> None:
        self.parent = parent
        self.edge = edge
        self.trigger = trigger
        self.condition = condition
        self.tail = tail
        self.runtime = runtime
        jump = edge is not None and edge.kind in (EdgeKind.KEY, EdgeKind.ROOT)
        cost = condition.cost if condition is not None else 0
        self.jumps: int = (parent.jumps if parent else 0) + jump + cost
        self.length: int = (parent.length + 1) if parent else 0

    @staticmethod
    def start(vertex: Vertex, runtime: frozenset[str]) -> Path:
        return Path(None, None, None, None, vertex, runtime)

    def then(
        self,
        edge: Edge,
        trigger: Selection | None,
        runtime: frozenset[str],
        condition: ConditionPlan | None = None,
    ) -> Path:
        return Path(self, edge, trigger, condition, edge.tail, runtime)

    def steps(self) -> list[Path]:
        """From the first step to this one (the start excluded)."""
        found: list[Path] = []
        node: Path | None = self
        while node is not None and node.edge is not None:
            found.append(node)
            node = node.parent
        found.reverse()
        return found

    def origin(self) -> Path:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def subgraphs(self) -> tuple[str, ...]:
        """Subgraphs visited after the start, in order (for deterministic option ordering)."""
        return tuple(s.tail.subgraph for s in self.steps() if s.edge is not None and s.edge.is_jump)

    def __repr__(self) -> str:
        parts = [repr(self.origin().tail)]
        for step in self.steps():
            assert step.edge is not None
            label = step.edge.name if step.edge.kind is not EdgeKind.KEY else "key"
            parts.append(f"-{step.edge.kind.value}:{label}->{step.tail!r}")
        return "".join(parts)


Option = tuple[Path, ...]  # paths advancing together (after an abstract type is exploded)
