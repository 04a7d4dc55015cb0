"""The query planner: a normalized operation and the active override labels in, a QueryPlan
out. No I/O; the same inputs always give the same plan.

Pipeline: query graph (graph/) -> path search over the operation (paths/) -> the cheapest
combination, each candidate costed on its real fetch graph (fetch_graph/, optimize/) ->
plan nodes (emit.py)."""

from __future__ import annotations

from dataclasses import replace

from router.planner.emit import Emitter, sequence_of
from router.planner.errors import PlanningBudgetExceeded, PlanningError
from router.planner.fetch_graph.build import FetchGraphBuilder
from router.planner.fetch_graph.graph import FetchGraph
from router.planner.graph.query_graph import QueryGraph
from router.planner.normalize.selection import Field, InlineFragment, NormalizedOperation, Selection
from router.planner.optimize import finalize, optimize
from router.planner.paths.budget import Budget
from router.planner.paths.context import SearchContext, SearchMemo
from router.planner.paths.path import Path
from router.planner.paths.traversal import plan_selections, tree_cost
from router.planner.paths.tree import PathTree
from router.planner.plan import PlanNode, QueryPlan
from router.planner.response_keys import ResponseKeys
from router.supergraph.model import Supergraph

__all__ = ["PlanningBudgetExceeded", "PlanningError", "QueryPlanner"]

Cost = tuple[int, int, int, int]


class QueryPlanner:
    def __init__(self, supergraph: Supergraph, budget: Budget | None = None) -> None:
        self.supergraph = supergraph
        self._budget = budget or Budget()
        self._graphs: dict[frozenset[str], QueryGraph] = {}
        self._memos: dict[int, SearchMemo] = {}

    def graph(self, labels: frozenset[str] = frozenset()) -> QueryGraph:
        relevant = labels & self.supergraph.override_labels
        graph = self._graphs.get(relevant)
        if graph is None:
            graph = self._graphs[relevant] = QueryGraph(self.supergraph, relevant)
        return graph

    def _context(self, graph: QueryGraph) -> SearchContext:
        budget = Budget(
            self._budget.max_steps, self._budget.max_seconds, self._budget.max_evaluated_plans
        )
        memo = self._memos.setdefault(id(graph), SearchMemo())
        return SearchContext(graph, budget, memo)

    def plan(
        self, operation: NormalizedOperation, labels: frozenset[str] = frozenset()
    ) -> QueryPlan:
        # A subscription plans like a query from the Subscription root; the pipeline splits the
        # plan into its primary fetch and the rest run per event (router/pipeline/subscription.py).
        graph = self.graph(labels)
        keys = ResponseKeys()
        keys.register_client((), operation.selections)
        if operation.kind == "mutation":
            return QueryPlan(self._plan_mutation(graph, keys, operation))
        ctx = self._context(graph)
        tree = self._search(ctx, keys, operation.kind, operation.selections, None)
        fetches = self._fetches(graph, keys.copy(), operation.kind, tree)
        return QueryPlan(Emitter(operation, finalize(fetches)).emit())

    # -- search ---------------------------------------------------------------------------------

    def _fetches(
        self, graph: QueryGraph, keys: ResponseKeys, kind: str, tree: PathTree
    ) -> FetchGraph:
        return optimize(
            FetchGraphBuilder(graph, keys, kind).build(tree), graph.supergraph.possible_types
        )

    def _search(
        self,
        ctx: SearchContext,
        keys: ResponseKeys,
        kind: str,
        selections: tuple[Selection, ...],
        root_subgraph: str | None,
    ) -> PathTree:
        graph = ctx.graph

        def cost(tree: PathTree) -> Cost:
            fetches = self._fetches(graph, keys.copy(), kind, tree)
            return (
                len(fetches.groups),
                fetches.depth(),
                tree_cost(tree),
                sum(g.selection.size() for g in fetches.groups),
            )

        start = Path.start(graph.root(kind), frozenset())
        return plan_selections(ctx, start, selections, cost, root_subgraph)

    # -- mutations --------------------------------------------------------------------------------

    def _plan_mutation(
        self, graph: QueryGraph, keys: ResponseKeys, operation: NormalizedOperation
    ) -> PlanNode | None:
        """Root fields run one after another, in order; each from the subgraph where it costs
        least; consecutive fields of one subgraph share a fetch (the subgraph runs them in
        order itself)."""
        runs: list[tuple[str, list[Selection]]] = []
        for selection in _root_fields(operation.selections):
            if isinstance(selection, Field) and selection.name == "__typename":
                continue
            subgraph = self._mutation_subgraph(graph, keys, operation, selection)
            if runs and runs[-1][0] == subgraph:
                runs[-1][1].append(selection)
            else:
                runs.append((subgraph, [selection]))
        stages: list[PlanNode] = []
        emitted = 0
        for subgraph, selections in runs:
            ctx = self._context(graph)
            tree = self._search(ctx, keys, operation.kind, tuple(selections), subgraph)
            fetches = finalize(self._fetches(graph, keys.copy(), operation.kind, tree))
            emitter = Emitter(operation, fetches, emitted)
            node = emitter.emit()
            emitted = emitter.fetch_count
            if node is not None:
                stages.append(node)
        return sequence_of(stages)

    def _mutation_subgraph(
        self,
        graph: QueryGraph,
        keys: ResponseKeys,
        operation: NormalizedOperation,
        selection: Selection,
    ) -> str:
        name = selection.name if isinstance(selection, Field) else ""
        candidates = graph.fields.subgraphs_resolving(operation.root_type, name)
        if not candidates:
            raise PlanningError(f"no subgraph resolves {operation.root_type}.{name}")
        if len(candidates) == 1:
            return candidates[0]
        best: tuple[Cost, int, str] | None = None
        for subgraph in candidates:
            ctx = self._context(graph)
            try:
                tree = self._search(ctx, keys, operation.kind, (selection,), subgraph)
            except PlanningBudgetExceeded:
                raise
            except PlanningError:
                continue
            fetches = self._fetches(graph, keys.copy(), operation.kind, tree)
            cost: Cost = (len(fetches.groups), fetches.depth(), tree_cost(tree), 0)
            ranked = (cost, graph.subgraph_order[subgraph], subgraph)
            if best is None or ranked < best:
                best = ranked
        if best is None:
            raise PlanningError(f"no subgraph can resolve {operation.root_type}.{name} as asked")
        return best[2]


def _root_fields(selections: tuple[Selection, ...]) -> list[Selection]:
    """Root selections in order, inline fragments (only there for their conditions) opened."""
    fields: list[Selection] = []
    for selection in selections:
        if isinstance(selection, InlineFragment):
            fields.extend(
                replace(s, conditions=s.conditions | selection.conditions)
                for s in _root_fields(selection.selections)
            )
        else:
            fields.append(selection)
    return fields
