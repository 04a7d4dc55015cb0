"""The query planner: a normalized operation and the active override labels in, a QueryPlan
out. No I/O; the same inputs always give the same plan."""

from __future__ import annotations

from router.planner.emit import Emitter, reduce_dependencies, sequence_of
from router.planner.graph import FederatedGraph
from router.planner.normalize.selection import Field, NormalizedOperation, Selection
from router.planner.plan import PlanNode, QueryPlan
from router.planner.response_keys import ResponseKeys
from router.planner.walk import PlanningError, Walk
from router.supergraph.model import Supergraph

__all__ = ["PlanningError", "QueryPlanner"]


class QueryPlanner:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self._graphs: dict[frozenset[str], FederatedGraph] = {}

    def _graph(self, labels: frozenset[str]) -> FederatedGraph:
        relevant = labels & self.supergraph.override_labels
        graph = self._graphs.get(relevant)
        if graph is None:
            graph = self._graphs[relevant] = FederatedGraph(self.supergraph, relevant)
        return graph

    def plan(
        self, operation: NormalizedOperation, labels: frozenset[str] = frozenset()
    ) -> QueryPlan:
        if operation.kind == "subscription":
            raise PlanningError("subscriptions are not supported by this router")
        graph = self._graph(labels)
        keys = ResponseKeys()
        keys.register_client((), operation.selections)
        if operation.kind == "mutation":
            return QueryPlan(self._plan_mutation(graph, keys, operation))
        walk = Walk(graph, keys)
        roots = walk.plan_root(operation.root_type, operation.selections)
        reduce_dependencies(walk.groups)
        return QueryPlan(Emitter(operation, walk.groups).emit(roots))

    def _plan_mutation(
        self, graph: FederatedGraph, keys: ResponseKeys, operation: NormalizedOperation
    ) -> PlanNode | None:
        """Root fields run one after another in order; consecutive fields of one subgraph share
        a fetch (the subgraph runs them serially itself)."""
        runs: list[tuple[str, list[Selection]]] = []
        for selection in operation.selections:
            if isinstance(selection, Field) and selection.name == "__typename":
                continue
            name = selection.name if isinstance(selection, Field) else ""
            graphs = graph.root_field_graphs(operation.root_type, name)
            subgraph = graphs[0] if graphs else ""
            if runs and runs[-1][0] == subgraph:
                runs[-1][1].append(selection)
            else:
                runs.append((subgraph, [selection]))
        stages: list[PlanNode] = []
        emitted = 0
        for _, selections in runs:
            walk = Walk(graph, keys)
            roots = walk.plan_root(operation.root_type, tuple(selections))
            reduce_dependencies(walk.groups)
            emitter = Emitter(operation, walk.groups)
            emitter.fetch_count = emitted
            node = emitter.emit(roots)
            emitted = emitter.fetch_count
            if node is not None:
                stages.append(node)
        return sequence_of(stages)
