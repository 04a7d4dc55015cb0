"""What one planning run shares: the query graph, the budget, and memoized search results.
Indirect paths and condition plans depend only on the graph: they are kept across runs (a
`SearchMemo` per graph); local subtrees and casts are keyed by this run's operation objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from router.planner.graph.query_graph import QueryGraph
from router.planner.normalize.selection import InlineFragment
from router.planner.paths.budget import Budget
from router.planner.paths.path import ConditionPlan


@dataclass
class SearchMemo:
    conditions: dict[tuple[object, ...], ConditionPlan | None] = field(default_factory=dict)
    indirect: dict[tuple[object, ...], list[Any]] = field(default_factory=dict)


@dataclass
class SearchContext:
    graph: QueryGraph
    budget: Budget = field(default_factory=Budget)
    memo: SearchMemo = field(default_factory=SearchMemo)
    local: dict[tuple[int, int], bool] = field(default_factory=dict)
    resolving: set[tuple[int, int]] = field(default_factory=set)
    # Times a condition was found needing itself: results computed meanwhile depend on where
    # the search stood, so they are not memoized.
    cycles: int = 0
    casts: dict[tuple[str, object], InlineFragment] = field(default_factory=dict)

    @property
    def conditions(self) -> dict[tuple[object, ...], ConditionPlan | None]:
        return self.memo.conditions

    @property
    def indirect(self) -> dict[tuple[object, ...], list[Any]]:
        return self.memo.indirect

    def cast_trigger(self, type_name: str, origin: InlineFragment | None) -> InlineFragment:
        """The fragment a CAST edge collects: the client's own when it names this type, else
        one made for type explosion (memoized so equal casts merge in path trees)."""
        if origin is not None and origin.type_condition == type_name:
            return origin
        key = (type_name, id(origin) if origin is not None else None)
        fragment = self.casts.get(key)
        if fragment is None:
            conditions = origin.conditions if origin is not None else frozenset()
            fragment = self.casts[key] = InlineFragment(type_name, conditions)
            if origin is not None:
                self.casts[("__keep__", id(origin))] = origin  # keeps the id above unique
        return fragment
