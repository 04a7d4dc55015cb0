"""The router's spans, imported only when tracing is on. Stages are traced by wrapping the
router's own preparer and plan cache (their state is shared, so caches and their figures stay
the same objects); fetches and subscriptions through the executor's and router's tracing hooks."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
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
TRANSPORT = "cmp.subscription.transport"  # sse or graphql-transport-ws
EVENTS = "cmp.subscription.events"
ENDED = "cmp.subscription.end"  # completed, client_left or error


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


class _SubscriptionSpan:
    __slots__ = ("errors", "events", "failure", "span")

    def __init__(self, span: trace.Span) -> None:
        self.span = span
        self.events = 0
        self.errors = 0
        self.failure: str | None = None

    def active(self) -> AbstractContextManager[object]:
        # A client leaving cancels what runs inside: that is an outcome, not the span's error.
        return trace.use_span(
            self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False
        )

    def event(self, errors: int) -> None:
        self.events += 1
        self.errors += errors

    def failed(self, message: str) -> None:
        self.failure = message

    def end(self, outcome: str) -> None:
        self.span.set_attribute(EVENTS, self.events)
        if self.errors:
            self.span.set_attribute(ERRORS, self.errors)
        if self.failure is not None:
            outcome = "error"
            self.span.set_status(Status(StatusCode.ERROR, self.failure))
        self.span.set_attribute(ENDED, outcome)
        self.span.end()


class SubscriptionSpans:
    """A span per subscription operation (the router's SubscriptionTracing), named as
    OpenTelemetry's GraphQL conventions name operation spans: `subscription RunUpdated`."""

    def __init__(self, tracer: Tracer) -> None:
        self._tracer = tracer

    def start(self, operation_name: str | None, transport: str) -> _SubscriptionSpan:
        attributes: dict[str, Any] = {OPERATION_TYPE: "subscription", TRANSPORT: transport}
        name = "subscription"
        if operation_name:
            attributes[OPERATION_NAME] = operation_name
            name = f"subscription {operation_name}"
        return _SubscriptionSpan(self._tracer.start_span(name, attributes=attributes))
