"""The traversal: walk the operation's selections depth-first while advancing every option
(a set of paths) along the query graph. Each leaf closes a branch holding all the options that
reach it; a subtree local to the options' subgraph closes as a whole. Closed branches then go
to the chooser, which picks one option per branch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from router.planner.errors import PlanningError
from router.planner.graph.field_sets import TYPENAME
from router.planner.graph.model import VertexKind
from router.planner.normalize.selection import Field, InlineFragment, Selection
from router.planner.paths.advance import Advance, advance_field, advance_fragment
from router.planner.paths.context import SearchContext
from router.planner.paths.locality import is_local
from router.planner.paths.path import Option, Path
from router.planner.paths.tree import PathTree

TYPENAME_ONLY: tuple[Selection, ...] = (TYPENAME,)

# One way to resolve a closed branch: its paths, each with the selection taken locally at its
# end (None: the path's last edge is the leaf itself).
ClosedOption = tuple[tuple[Path, tuple[Selection, ...] | None], ...]


class Unsatisfiable(Exception):
    def __init__(self, selection: Selection, options: list[Option]) -> None:
        self.selection = selection
        self.options = options


@dataclass
class Traversal:
    ctx: SearchContext
    excluded: frozenset[str] = frozenset()
    root_subgraph: str | None = None  # mutations: the subgraph each root field must come from
    branches: list[list[ClosedOption]] = field(default_factory=list)

    def run(self, start: Path, selections: tuple[Selection, ...]) -> list[list[ClosedOption]]:
        self._visit(selections, [(start,)])
        return self.branches

    def _close(self, options: list[Option], local: tuple[Selection, ...] | None) -> None:
        self.branches.append([tuple((p, local) for p in option) for option in options])

    def _advance(self, option: Option, selection: Selection) -> Advance:
        """The option advanced by one element: each of its paths advanced, combined."""
        per_path: list[list[Option]] = []
        for path in option:
            if isinstance(selection, Field):
                found = advance_field(self.ctx, path, selection, self.excluded, self.root_subgraph)
            else:
                found = advance_fragment(self.ctx, path, selection, self.excluded)
            if found is None:
                continue  # the element never applies on this path
            if not found:
                return []
            per_path.append(found)
        if not per_path:
            return None
        if len(per_path) == 1:
            return per_path[0]
        return [
            tuple(p for part in combination for p in part) for combination in product(*per_path)
        ]

    def _visit(self, selections: tuple[Selection, ...], options: list[Option]) -> None:
        for selection in selections:
            if (
                isinstance(selection, Field)
                and selection.name == "__typename"
                and _at_root(options)
            ):
                continue  # the root type's name is the router's to answer
            advanced: list[Option] = []
            never_applies = False
            for option in options:
                found = self._advance(option, selection)
                if found is None:
                    never_applies = True
                    break
                advanced.extend(found)
            if never_applies:
                self._close(options, TYPENAME_ONLY if not _at_root(options) else None)
                continue
            if not advanced:
                raise Unsatisfiable(selection, options)
            if isinstance(selection, InlineFragment):
                self._visit(selection.selections, advanced)
            elif not selection.selections:
                if _is_composite_tail(advanced):
                    self._close(advanced, TYPENAME_ONLY)  # every sub-selection was skipped
                else:
                    self._close(advanced, None)
            elif all(is_local(self.ctx, p.tail, selection.selections) for o in advanced for p in o):
                self._close(advanced, selection.selections)
            else:
                closed = len(self.branches)
                self._visit(selection.selections, advanced)
                if len(self.branches) == closed:
                    # Nothing below applies (empty fragments): the field is still fetched.
                    self._close(advanced, TYPENAME_ONLY)


def _at_root(options: list[Option]) -> bool:
    return all(p.tail.kind is VertexKind.ROOT for o in options for p in o)


def _is_composite_tail(options: list[Option]) -> bool:
    return any(p.tail.is_composite for o in options for p in o)


def tree_cost(tree: PathTree) -> int:
    """Roughly the fetches a tree adds: one per jump, plus its conditions' own."""
    cost = 0
    for child in tree.children.values():
        if child.edge.is_jump:
            cost += 1
        if child.condition is not None:
            cost += child.condition.cost
        cost += tree_cost(child.tree)
    return cost


def plan_conditions(
    ctx: SearchContext,
    start: Path,
    selections: tuple[Selection, ...],
    excluded: frozenset[str],
) -> tuple[PathTree, int] | None:
    from router.planner.paths.choose import choose

    traversal = Traversal(ctx, excluded)
    try:
        branches = traversal.run(start, selections)
    except Unsatisfiable:
        return None
    tree = choose(ctx, start.tail, branches, tree_cost)
    return tree, tree_cost(tree)


def plan_selections(
    ctx: SearchContext,
    start: Path,
    selections: tuple[Selection, ...],
    cost: Callable[[PathTree], object],
    root_subgraph: str | None = None,
) -> PathTree:
    from router.planner.paths.choose import choose

    traversal = Traversal(ctx, root_subgraph=root_subgraph)
    try:
        branches = traversal.run(start, selections)
    except Unsatisfiable as error:
        raise PlanningError(_unsatisfiable_message(error)) from None
    return choose(ctx, start.tail, branches, cost)


def _unsatisfiable_message(error: Unsatisfiable) -> str:
    selection = error.selection
    positions = sorted({repr(p.tail) for o in error.options for p in o})
    where = ", ".join(positions[:4])
    if isinstance(selection, Field):
        what = f"field '{selection.name}'"
    else:
        what = f"type condition '... on {selection.type_condition}'"
    return (
        f"no plan can resolve {what} from {where}: no subgraph reachable from there "
        "resolves it (the supergraph cannot satisfy this operation)"
    )
