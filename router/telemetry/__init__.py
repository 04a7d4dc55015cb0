"""The router's traces (OpenTelemetry), on only when the `OTEL_*` variables configure an exporter
(kernel.telemetry). Off, this package imports nothing of OpenTelemetry and the request
path is untouched; on, every request is a span with children for parse/validate, planning and
each subgraph fetch, and every fetch carries W3C `traceparent` to the subgraph. A subscription
is a span of its own under the request (or WebSocket connection), parent of the subgraph
subscription's fetch (whose socket carries `traceparent`) and of every event's fetches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kernel.telemetry import provider_for

if TYPE_CHECKING:
    from starlette.middleware import Middleware

    from router.pipeline import Router

SERVICE = "cmp-router"


def request_span_middleware() -> list[Middleware]:
    """The request span (continuing a client's `traceparent`), as Starlette middleware."""
    provider = provider_for(SERVICE)
    if provider is None:
        return []
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
    from starlette.middleware import Middleware

    return [
        Middleware(
            OpenTelemetryMiddleware,
            tracer_provider=provider,
            # One span per request, not one per ASGI message.
            exclude_spans=["receive", "send"],
            excluded_urls="health,ready,metrics,playground",
        )
    ]


def instrument_router(router: Router) -> None:
    """Stage and fetch spans for `router` (and, called again, for each reloaded one)."""
    provider = provider_for(SERVICE)
    if provider is None:
        return
    from router.telemetry.spans import (
        FetchSpans,
        SubscriptionSpans,
        TracedPlanCache,
        TracedPreparer,
    )

    tracer = provider.get_tracer("cmp.router")
    if not isinstance(router.preparer, TracedPreparer):
        router.preparer = TracedPreparer(router.preparer, tracer)
    if not isinstance(router.plans, TracedPlanCache):
        router.plans = TracedPlanCache(router.plans, tracer)
    router.executor.tracing = FetchSpans(tracer)
    router.subscription_tracing = SubscriptionSpans(tracer)
