"""The request pipeline: trusted documents, persisted-query lookup, prepare (size and shape
limits, parse, validate, normalize — cached), coerce variables, plan (cached), execute, answer
introspection locally, build the client response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import DocumentNode

from kernel.request_errors import request_error
from router.executor import (
    FETCH_FAILURE_CODES,
    ExecutionState,
    Executor,
    ExecutorConfig,
    RequestContext,
    ResponseAssembler,
    SubgraphTransport,
    selected_by_client,
)
from router.executor.subscription_source import SubscriptionSource
from router.executor.tracing import SubscriptionSpan, SubscriptionTracing
from router.pipeline.apq import PersistedQueries, PersistedQueryError
from router.pipeline.introspection import IntrospectionResults
from router.pipeline.limits import OperationLimits
from router.pipeline.manifests import DocumentList, load_manifests
from router.pipeline.override_labels import OverrideLabels
from router.pipeline.plan_cache import DeferredPlanner, PlanCache
from router.pipeline.prepare import OperationPreparer
from router.pipeline.request import GraphQLRequest
from router.pipeline.subscription import SubscriptionPlan, SubscriptionPlanner
from router.pipeline.trusted_documents import DocumentRefused, TrustedDocuments
from router.pipeline.unconfigured import SUBGRAPH_NOT_CONFIGURED, GuardedTransport, unconfigured_url
from router.pipeline.variables import coerce_variables
from router.planner import PlanningError, QueryPlan, plan_to_json
from router.planner.normalize import NormalizedOperation
from router.supergraph import Supergraph, load_supergraph

BAD_USER_INPUT = "BAD_USER_INPUT"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
QUERY_PLANNING_FAILED = "QUERY_PLANNING_FAILED"
SUBSCRIPTION_TRANSPORT_REQUIRED = "SUBSCRIPTION_TRANSPORT_REQUIRED"

# Errors the executor puts on every field a failed fetch covers: kept only where the client asked.
_FETCH_ERROR_CODES = FETCH_FAILURE_CODES | {SUBGRAPH_NOT_CONFIGURED}


@dataclass(frozen=True)
class Admitted:
    """An operation that passed every check before planning."""

    request: GraphQLRequest
    document: DocumentNode
    operation: NormalizedOperation
    coerced: dict[str, Any]


@dataclass
class RouterConfig:
    subgraph_urls: dict[str, str] = field(default_factory=dict)  # overrides the supergraph's
    # Subgraphs never called (their fields fail with SUBGRAPH_NOT_CONFIGURED) unless
    # `subgraph_urls` names them: the supergraph's URL for them is only a default.
    unconfigured_subgraphs: frozenset[str] = frozenset()
    max_representations: dict[str, int] = field(default_factory=dict)
    default_max_representations: int = 100
    enabled_override_labels: frozenset[str] = frozenset()
    timeout_seconds: float = 30.0
    subgraph_timeouts: dict[str, float] = field(default_factory=dict)  # seconds, per subgraph
    cache_capacity: int = 1000
    limits: OperationLimits = field(default_factory=OperationLimits)
    introspection: bool = True
    persisted_queries: bool = True
    # Credential attached to fetches of requests that presented it; never to external subgraphs.
    service_token: str = ""
    external_subgraphs: frozenset[str] = frozenset({"saleor"})
    # Client request headers forwarded to subgraphs besides Authorization (lower-case names).
    propagate_request_headers: frozenset[str] = frozenset()
    # Subgraph response headers handed back to the client (lower-case names).
    propagate_response_headers: frozenset[str] = frozenset()
    # Identical in-flight query fetches share one subgraph request.
    deduplicate_fetches: bool = False
    # Trusted-document manifests: with any, only their documents run (trusted_documents.py)
    # unless arbitrary documents are allowed.
    trusted_document_files: tuple[Path, ...] = ()
    allow_arbitrary_documents: bool = False


class Router:
    def __init__(
        self,
        supergraph: Supergraph,
        config: RouterConfig | None = None,
        transport: SubgraphTransport | None = None,
        persisted: PersistedQueries | None = None,
        subscriptions: SubscriptionSource | None = None,
        documents: DocumentList | None = None,
    ) -> None:
        """`transport` and `persisted` may be shared with a previous Router (supergraph
        reload): connections and persisted documents survive the swap. `documents`: the
        trusted documents already loaded, else those of `config.trusted_document_files`."""
        self.supergraph = supergraph
        self.config = config or RouterConfig()
        self.schema = supergraph.api_schema
        self.preparer = OperationPreparer(
            self.schema, self.config.cache_capacity, self.config.limits, self.config.introspection
        )
        planner = DeferredPlanner(supergraph)
        self.plans = PlanCache(planner, self.config.cache_capacity)
        self.subscription_plans = SubscriptionPlanner(planner, self.config.cache_capacity)
        # A span per subscription operation: set by router.telemetry when tracing is on.
        self.subscription_tracing: SubscriptionTracing | None = None
        self.introspection = IntrospectionResults(self.schema)
        self.responses = ResponseAssembler(
            self.schema, supergraph.possible_types, self.config.cache_capacity
        )
        self.persisted = persisted or PersistedQueries(
            self.config.cache_capacity, self.config.persisted_queries
        )
        self.trusted_documents = TrustedDocuments(
            documents
            if documents is not None
            else load_manifests(self.config.trusted_document_files),
            self.config.allow_arbitrary_documents,
        )
        self.labels = OverrideLabels(
            supergraph.override_labels, self.config.enabled_override_labels
        )
        urls = {
            name: unconfigured_url(name) if name in self.config.unconfigured_subgraphs else s.url
            for name, s in supergraph.subgraphs.items()
        }
        urls.update(self.config.subgraph_urls)
        self.subgraph_urls = urls
        self.transport = transport or GuardedTransport(self.config.timeout_seconds)
        subscriptions = subscriptions or SubscriptionSource()
        abstract = frozenset(n for n, t in supergraph.types.items() if t.is_abstract)
        self.executor = Executor(
            ExecutorConfig(
                urls,
                self.config.max_representations,
                self.config.default_max_representations,
                self.config.subgraph_timeouts,
                self.config.propagate_response_headers,
                self.config.deduplicate_fetches,
            ),
            self.transport,
            supergraph.possible_types,
            abstract,
            subscriptions,
        )

    @classmethod
    def from_sdl(cls, sdl: str, config: RouterConfig | None = None) -> Router:
        return cls(load_supergraph(sdl), config)

    def reloaded(self, supergraph: Supergraph, documents: DocumentList | None = None) -> Router:
        """A router for a new supergraph (and trusted documents, if given) sharing this one's
        connections and persisted queries."""
        router = Router(
            supergraph,
            self.config,
            self.transport,
            self.persisted,
            self.executor.subscriptions,
            documents if documents is not None else self.trusted_documents.documents,
        )
        router.executor.on_fetch = self.executor.on_fetch
        router.trusted_documents.on_check = self.trusted_documents.on_check
        return router

    async def close(self) -> None:
        await self.transport.close()
        await self.executor.subscriptions.close()

    def _admit(
        self, request: GraphQLRequest, context: RequestContext, trusted_caller: bool
    ) -> Admitted | dict[str, Any]:
        """Everything before planning: trusted documents, persisted query, limits, parse,
        validate, variables. Returns the admitted operation, or the client's error response."""
        try:
            request = self.trusted_documents.admit(request, trusted_caller)
            request = self.persisted.resolve(request)
        except (DocumentRefused, PersistedQueryError) as error:
            return {"errors": [error.formatted]}
        prepared = self.preparer.prepare(request.query, request.operation_name)
        if prepared.errors or prepared.operation is None or prepared.document is None:
            return {"errors": [e.formatted for e in prepared.errors]}
        if request.persisted_query is not None:
            self.persisted.remember(request)
        operation = prepared.operation
        context.operation_name = operation.name
        if context.queries_only and operation.kind == "mutation":
            return request_error(
                f"{operation.kind.capitalize()}s cannot be sent with GET; use POST",
                METHOD_NOT_ALLOWED,
            )
        coerced, variable_errors = coerce_variables(
            self.schema, prepared.document, request.operation_name, request.variables
        )
        if variable_errors:
            return {
                "errors": [
                    {**e.formatted, "extensions": {"code": BAD_USER_INPUT}} for e in variable_errors
                ]
            }
        return Admitted(request, prepared.document, operation, coerced)

    async def handle(
        self,
        request: GraphQLRequest,
        context: RequestContext | None = None,
        *,
        trusted_caller: bool = False,
    ) -> dict[str, Any]:
        """`trusted_caller`: presented the service credential (may run unlisted documents)."""
        context = context or RequestContext()
        admitted = self._admit(request, context, trusted_caller)
        if isinstance(admitted, dict):
            return admitted
        if admitted.operation.kind == "subscription":
            return request_error(
                "subscriptions need a streaming transport: send `Accept: text/event-stream` "
                "or use a graphql-transport-ws WebSocket",
                SUBSCRIPTION_TRANSPORT_REQUIRED,
            )
        return await self._execute(admitted, context)

    async def _execute(self, admitted: Admitted, context: RequestContext) -> dict[str, Any]:
        request, operation, coerced = admitted.request, admitted.operation, admitted.coerced
        try:
            plan = self.plans.plan(operation, self.labels.for_request())
        except PlanningError as error:
            return request_error(f"query planning failed: {error}", QUERY_PLANNING_FAILED)
        if context.plan_only:
            return {"data": None, "extensions": _plan_extension(plan)}
        state = ExecutionState(
            variables=request.variables, condition_values=coerced, context=context
        )
        await self.executor.execute(plan, state)
        if operation.introspection:
            data, errors = self.introspection.run(
                admitted.document, request.operation_name, coerced
            )
            state.data.update(data)
            state.errors.extend(errors)
        response = self._respond(plan, operation, coerced, state)
        if context.expose_query_plan:
            response["extensions"] = _plan_extension(plan)
        return response

    def _respond(
        self,
        plan: QueryPlan,
        operation: NormalizedOperation,
        coerced: dict[str, Any],
        state: ExecutionState,
    ) -> dict[str, Any]:
        """The client's response, assembled over a shape kept per `plan`."""
        errors = [
            e
            for e in state.errors
            if e.get("extensions", {}).get("code") not in _FETCH_ERROR_CODES
            or "path" not in e
            or selected_by_client(operation.selections, e["path"])
        ]
        response: dict[str, Any] = {
            "data": self.responses.build(plan, operation, state.data, coerced, errors)
        }
        if errors:
            response["errors"] = errors
        return response

    def stream(
        self,
        request: GraphQLRequest,
        context: RequestContext | None = None,
        *,
        trusted_caller: bool = False,
        transport: str = "sse",
    ) -> dict[str, Any] | AsyncIterator[dict[str, Any]]:
        """An operation over a streaming transport (`sse`, `graphql-transport-ws`): the
        client's error response when it cannot run, otherwise its responses — every event of a
        subscription, each resolved across subgraphs, or the single result of a query or
        mutation."""
        context = context or RequestContext()
        admitted = self._admit(request, context, trusted_caller)
        if isinstance(admitted, dict):
            return admitted
        if admitted.operation.kind != "subscription":
            return self._single(admitted, context)
        try:
            plan = self.subscription_plans.plan(admitted.operation, self.labels.for_request())
        except PlanningError as error:
            return request_error(f"query planning failed: {error}", QUERY_PLANNING_FAILED)
        if context.plan_only:
            return {"data": None, "extensions": {"apolloQueryPlan": {"text": str(plan)}}}
        # Started here, in the request's own context: its parent is the request's span.
        span = (
            None
            if self.subscription_tracing is None
            else self.subscription_tracing.start(admitted.operation.name, transport)
        )
        return self._events(admitted, plan, context, span)

    async def _single(
        self, admitted: Admitted, context: RequestContext
    ) -> AsyncIterator[dict[str, Any]]:
        yield await self._execute(admitted, context)

    async def _events(
        self,
        admitted: Admitted,
        plan: SubscriptionPlan,
        context: RequestContext,
        span: SubscriptionSpan | None,
    ) -> AsyncIterator[dict[str, Any]]:
        def new_state() -> ExecutionState:
            return ExecutionState(
                variables=admitted.request.variables,
                condition_values=admitted.coerced,
                context=context,
            )

        outcome = "completed"
        try:
            # Closed with this stream, so the subgraph subscription ends when the client leaves.
            async with aclosing(
                self.executor.subscribe(plan.primary, plan.rest, new_state, span)
            ) as states:
                async for state in states:
                    yield self._respond(plan.rest, admitted.operation, admitted.coerced, state)
        except (GeneratorExit, asyncio.CancelledError):
            outcome = "client_left"
            raise
        except Exception as error:
            if span is not None:
                span.failed(f"{type(error).__name__}: {error}")
            raise
        finally:
            if span is not None:
                span.end(outcome)


def _plan_extension(plan: QueryPlan) -> dict[str, Any]:
    # Apollo Router's name and shape for it, so tools that read Apollo's extension find ours.
    return {"apolloQueryPlan": {"object": plan_to_json(plan), "text": str(plan)}}
