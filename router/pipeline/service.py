"""The request pipeline: prepare (parse, validate, normalize — cached), coerce variables, plan
(cached), execute, answer introspection locally, build the client response."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from router.executor import (
    ExecutionState,
    Executor,
    ExecutorConfig,
    ResponseBuilder,
    SubgraphTransport,
    selected_by_client,
)
from router.pipeline.introspection import run_introspection
from router.pipeline.override_labels import OverrideLabels
from router.pipeline.plan_cache import PlanCache
from router.pipeline.prepare import OperationPreparer
from router.pipeline.request import GraphQLRequest
from router.pipeline.variables import coerce_variables
from router.planner import PlanningError, QueryPlanner
from router.supergraph import Supergraph, load_supergraph


@dataclass
class RouterConfig:
    subgraph_urls: dict[str, str] = field(default_factory=dict)  # overrides the supergraph's
    max_representations: dict[str, int] = field(default_factory=dict)
    default_max_representations: int = 100
    enabled_override_labels: frozenset[str] = frozenset()
    timeout_seconds: float = 30.0
    cache_capacity: int = 1000


class Router:
    def __init__(self, supergraph: Supergraph, config: RouterConfig | None = None) -> None:
        self.supergraph = supergraph
        self.config = config or RouterConfig()
        self.schema = supergraph.api_schema
        self.preparer = OperationPreparer(self.schema, self.config.cache_capacity)
        self.plans = PlanCache(QueryPlanner(supergraph), self.config.cache_capacity)
        self.labels = OverrideLabels(
            supergraph.override_labels, self.config.enabled_override_labels
        )
        urls = {name: s.url for name, s in supergraph.subgraphs.items()}
        urls.update(self.config.subgraph_urls)
        self.transport = SubgraphTransport(self.config.timeout_seconds)
        abstract = frozenset(n for n, t in supergraph.types.items() if t.is_abstract)
        self.executor = Executor(
            ExecutorConfig(
                urls, self.config.max_representations, self.config.default_max_representations
            ),
            self.transport,
            supergraph.possible_types,
            abstract,
        )

    @classmethod
    def from_sdl(cls, sdl: str, config: RouterConfig | None = None) -> Router:
        return cls(load_supergraph(sdl), config)

    async def close(self) -> None:
        await self.transport.close()

    async def handle(self, request: GraphQLRequest) -> dict[str, Any]:
        prepared = self.preparer.prepare(request.query, request.operation_name)
        if prepared.errors or prepared.operation is None or prepared.document is None:
            return {"errors": [e.formatted for e in prepared.errors]}
        operation = prepared.operation
        coerced, variable_errors = coerce_variables(
            self.schema, prepared.document, request.operation_name, request.variables
        )
        if variable_errors:
            return {"errors": [e.formatted for e in variable_errors]}
        try:
            plan = self.plans.plan(operation, self.labels.for_request())
        except PlanningError as error:
            return {"errors": [{"message": f"query planning failed: {error}"}]}
        state = ExecutionState(variables=request.variables, condition_values=coerced)
        await self.executor.execute(plan, state)
        if operation.introspection:
            data, errors = run_introspection(
                self.schema, prepared.document, request.operation_name, coerced
            )
            state.data.update(data)
            state.errors.extend(errors)
        errors = [
            e
            for e in state.errors
            if e.get("extensions", {}).get("code") != "SUBREQUEST_HTTP_ERROR"
            or "path" not in e
            or selected_by_client(operation.selections, e["path"])
        ]
        response: dict[str, Any] = {
            "data": ResponseBuilder(
                self.schema, self.supergraph.possible_types, coerced, errors
            ).build(operation, state.data)
        }
        if errors:
            response["errors"] = errors
        return response
