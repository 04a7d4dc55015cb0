"""Prometheus metrics of one router app, in a registry of its own (several apps may live in one
process: tests, the dev stack). Cache figures are read from the routers at scrape time and stay
monotonic across supergraph reloads."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

from kernel.metrics import MetricsSource
from router.http.operation_labels import OperationLabels
from router.pipeline import Router

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # set by `cmp router --workers N`
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class _CacheCollector(Collector):
    def __init__(self, current: Callable[[], Router]) -> None:
        self.current = current
        self.retired = {"plan_hits": 0, "plan_misses": 0, "document_hits": 0, "document_misses": 0}

    def retire(self, router: Router) -> None:
        for name, value in _cache_figures(router).items():
            self.retired[name] += value

    def collect(self) -> Iterator[Metric]:
        figures = _cache_figures(self.current())
        for cache in ("plan", "document"):
            family = CounterMetricFamily(
                f"router_{cache}_cache_lookups",
                f"{cache.capitalize()} cache lookups by result",
                labels=["result"],
            )
            for result, plural in (("hit", "hits"), ("miss", "misses")):
                key = f"{cache}_{plural}"
                family.add_metric([result], self.retired[key] + figures[key])
            yield family


def _cache_figures(router: Router) -> dict[str, int]:
    return {
        "plan_hits": router.plans.cache.hits,
        "plan_misses": router.plans.cache.misses,
        "document_hits": router.preparer.cache.hits,
        "document_misses": router.preparer.cache.misses,
    }


class RouterMetrics:
    def __init__(
        self,
        current: Callable[[], Router],
        max_operations: int = 100,
        sources: Sequence[MetricsSource] = (),
    ) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "router_http_requests",
            "GraphQL HTTP requests by method and status",
            ["method", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "router_graphql_errors",
            "GraphQL errors in responses by extensions.code",
            ["code"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "router_request_duration_seconds",
            "Time to answer a GraphQL request",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fetch_latency = Histogram(
            "router_subgraph_fetch_duration_seconds",
            "Time of one subgraph fetch",
            ["subgraph", "outcome"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.operation_latency = Histogram(
            "router_operation_duration_seconds",
            "Time to answer a GraphQL request, by operation name (bounded: see README)",
            ["operation"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.operation_errors = Counter(
            "router_operation_errors",
            "GraphQL responses with errors, by operation name",
            ["operation"],
            registry=self.registry,
        )
        self.subgraph_errors = Counter(
            "router_subgraph_errors",
            "Errors in responses that a subgraph caused (its GraphQL errors, failed fetches)",
            ["subgraph", "code"],
            registry=self.registry,
        )
        self.operations = OperationLabels(max_operations)
        self._fetch_children: dict[tuple[str, bool], Histogram] = {}
        # Only with trusted-document manifests: `refused` is what an alert watches, and
        # `unlisted_allowed` (development) what production would refuse.
        self.trusted_documents = Counter(
            "router_trusted_documents",
            "Requests checked against the trusted documents, by outcome (listed, "
            "unlisted_allowed, trusted_caller, refused)",
            ["outcome"],
            registry=self.registry,
        )
        self.caches = _CacheCollector(current)
        self.registry.register(self.caches)
        self.sources = tuple(sources)
        for source in self.sources:
            self.registry.register(source.collector)

    def observe_fetch(self, subgraph: str, seconds: float, succeeded: bool) -> None:
        # Sixteen times per request on a big plan: the labelled child is looked up once.
        child = self._fetch_children.get((subgraph, succeeded))
        if child is None:
            child = self._fetch_children[(subgraph, succeeded)] = self.fetch_latency.labels(
                subgraph, "ok" if succeeded else "failed"
            )
        child.observe(seconds)

    def observe_trusted_document(self, outcome: str) -> None:
        self.trusted_documents.labels(outcome).inc()

    def observe_request(
        self,
        method: str,
        status: int,
        seconds: float,
        codes: list[str],
        operation: str | None = None,
        validated: bool = False,
        subgraph_errors: Iterable[tuple[str, str]] = (),
    ) -> None:
        """`operation`: the validated operation's name, or else the request's `operationName`
        (`validated` False), which is labelled only if already known (OperationLabels)."""
        self.requests.labels(method, str(status)).inc()
        self.latency.observe(seconds)
        label = self.operations.label(operation, validated)
        self.operation_latency.labels(label).observe(seconds)
        if codes:
            self.operation_errors.labels(label).inc()
        for code in codes:
            self.errors.labels(code).inc()
        for subgraph, code in subgraph_errors:
            self.subgraph_errors.labels(subgraph, code).inc()

    async def render(self) -> bytes:
        for source in self.sources:
            await source.refresh()
        if not os.environ.get(MULTIPROC_ENV):
            return generate_latest(self.registry)
        # `cmp router --workers N`: every worker's counters and histograms, added up; the cache
        # figures are those of the worker answering the scrape, the sources' are the database's.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(self.caches)
        for source in self.sources:
            registry.register(source.collector)
        return generate_latest(registry)
