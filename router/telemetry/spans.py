"""The router's spans, imported only when tracing is on. Stages are traced by wrapping the
router's own preparer and plan cache (their state is shared, so caches and their figures stay
the same objects); fetches through the executor's tracing hook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opentelemetry import trace
from opentelemetry.propagate import inject
from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer

from router.executor.transport import FetchFailure, SubgraphResponse
from router.pipeline.plan_cache import PlanCache
from router.pipeline.prepare import OperationPreparer, Prepared
from router.planner import QueryPlan
from router.planner.normalize import NormalizedOperation
from router.planner.plan import Fetch

# Attribute names: OpenTelemetry's GraphQL conventions where they exist, ours under `cmp.`.
OPERATION_NAME = "graphql.operation.name"
OPERATION_TYPE = "graphql.operation.type"
CACHE_HIT = "cmp.cache.hit"
SUBGRAPH = "cmp.subgraph.name"
REPRESENTATIONS = "cmp.subgraph.representations"
STATUS = "http.response.status_code"
ERRORS = "cmp.graphql.errors"


class TracedPreparer(OperationPreparer):
    """`graphql.validate`: parse, limits, validation and normalization (or the cache's copy).
    Also names the request span's operation."""

    def __init__(self, inner: OperationPreparer, tracer: Tracer) -> None:
        # Not super().__init__: the same schema, limits and cache as the router's preparer.
        self.__dict__.update(inner.__dict__)
        self._inner = inner
        self._tracer = tracer

    def prepare(self, query: str, operation_name: str | None) -> Prepared:
        request_span = trace.get_current_span()
        with self._tracer.start_as_current_span("graphql.validate") as span:
            hits = self.cache.hits
            prepared = self._inner.prepare(query, operation_name)
            span.set_attribute(CACHE_HIT, self.cache.hits > hits)
            if prepared.errors:
                span.set_status(Status(StatusCode.ERROR, prepared.errors[0].message))
        operation = prepared.operation
        if operation is not None:
            request_span.set_attribute(OPERATION_TYPE, operation.kind)
            if operation.name:
                request_span.set_attribute(OPERATION_NAME, operation.name)
        return prepared


class TracedPlanCache(PlanCache):
    """`graphql.plan`: the plan, from the cache (hit) or the planner (miss)."""

    def __init__(self, inner: PlanCache, tracer: Tracer) -> None:
        self.__dict__.update(inner.__dict__)
        self._inner = inner
        self._tracer = tracer

    def plan(self, operation: NormalizedOperation, labels: frozenset[str]) -> QueryPlan:
        with self._tracer.start_as_current_span("graphql.plan") as span:
            misses = self.cache.misses
            plan = self._inner.plan(operation, labels)
            span.set_attribute(CACHE_HIT, self.cache.misses == misses)
            return plan


class _FetchSpan:
    __slots__ = ("span",)

    def __init__(self, span: trace.Span) -> None:
        self.span = span

    def inject(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        carrier = dict(headers)
        inject(carrier, context=trace.set_span_in_context(self.span))
        return carrier

    def answered(self, response: SubgraphResponse) -> None:
        self.span.set_attribute(STATUS, response.status)
        if response.errors:
            self.span.set_attribute(ERRORS, len(response.errors))
            self.span.set_status(Status(StatusCode.ERROR, "the subgraph answered errors"))

    def failed(self, failure: FetchFailure) -> None:
        self.span.set_attribute("error.type", failure.code)
        self.span.set_status(Status(StatusCode.ERROR, str(failure)))

    def end(self) -> None:
        self.span.end()


class FetchSpans:
    """A client span per subgraph fetch (the executor's FetchTracing)."""

    def __init__(self, tracer: Tracer) -> None:
        self._tracer = tracer

    def start(self, fetch: Fetch, variables: Mapping[str, Any]) -> _FetchSpan:
        attributes: dict[str, Any] = {
            SUBGRAPH: fetch.service,
            OPERATION_TYPE: fetch.operation_kind,
        }
        if fetch.operation_name:
            attributes[OPERATION_NAME] = fetch.operation_name
        representations = variables.get("representations")
        if isinstance(representations, list):
            attributes[REPRESENTATIONS] = len(representations)
        span = self._tracer.start_span(
            f"fetch {fetch.service}", kind=SpanKind.CLIENT, attributes=attributes
        )
        return _FetchSpan(span)
