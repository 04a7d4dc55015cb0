"""OpenTelemetry traces for every process of ours: configured by the standard `OTEL_*` variables
and off unless they ask for an exporter. Off, nothing of OpenTelemetry is imported (this module
imports it only inside functions), so the router's hot path stays as it is.

On when `OTEL_TRACES_EXPORTER` names an exporter (`otlp`, `console`) or an OTLP endpoint is set
(`OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`); `OTEL_SDK_DISABLED=true`
or `OTEL_TRACES_EXPORTER=none` keep it off. OTLP goes over HTTP/protobuf (no gRPC stack); the
SDK itself reads the endpoint, headers, sampler (`OTEL_TRACES_SAMPLER`), batching (`OTEL_BSP_*`)
and resource (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`) variables.

Each service gets a tracer provider of its own (its `service.name`), all sharing one exporter,
so `cmp dev` (every service in one process) still shows a trace's hops by service."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from sqlalchemy.ext.asyncio import AsyncEngine

TRACER_NAME = "cmp"
_EXPORTERS_ENV = "OTEL_TRACES_EXPORTER"
_EXPORTERS = ("otlp", "console", "none")
_ENDPOINT_ENVS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


class _State:
    """The process's tracing set-up: decided once from the environment, or forced by a test."""

    def __init__(self) -> None:
        self.decided: bool | None = None
        self.processors: list[SpanProcessor] = []
        self.providers: dict[str, TracerProvider] = {}
        self.httpx_instrumented = False
        self.engines: set[int] = set()  # ids of the engines with SQL spans


_state = _State()


def tracing_configured(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """What the `OTEL_*` variables say: is there somewhere to send spans?"""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporters = [e.strip() for e in environ.get(_EXPORTERS_ENV, "").split(",") if e.strip()]
    if exporters:
        return exporters != ["none"]
    return any(environ.get(name, "").strip() for name in _ENDPOINT_ENVS)


def configuration_problem(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """What is wrong with the `OTEL_*` variables we read, in one line (None: nothing)."""
    exporters = [e.strip() for e in environ.get(_EXPORTERS_ENV, "").split(",") if e.strip()]
    unknown = [e for e in exporters if e not in _EXPORTERS]
    if unknown:
        return (
            f"{_EXPORTERS_ENV}: {', '.join(unknown)} is not one of {', '.join(_EXPORTERS)}"
            " (traces go over OTLP/HTTP)"
        )
    for name in ("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"):
        protocol = environ.get(name, "").strip()
        if protocol and protocol != "http/protobuf":
            return f"{name}: {protocol} is not supported; use http/protobuf (port 4318)"
    return None


def tracing_enabled() -> bool:
    if _state.decided is None:
        _state.decided = tracing_configured()
    return _state.decided


def _processors_from_environment() -> list[SpanProcessor]:
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    names = [e.strip() for e in os.environ.get(_EXPORTERS_ENV, "otlp").split(",") if e.strip()]
    processors: list[SpanProcessor] = []
    for name in names or ["otlp"]:
        exporter: SpanExporter
        if name == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter()
        elif name == "console":
            exporter = ConsoleSpanExporter()
        elif name == "none":
            continue
        else:
            raise ValueError(f"OTEL_TRACES_EXPORTER: {name!r} is not one of otlp, console, none")
        processors.append(BatchSpanProcessor(exporter))
    return processors


def provider_for(service: str) -> TracerProvider | None:
    """The tracer provider of one service of ours (None when tracing is off)."""
    if not tracing_enabled():
        return None
    provider = _state.providers.get(service)
    if provider is None:
        from opentelemetry.sdk.resources import SERVICE_NAME, Resource
        from opentelemetry.sdk.trace import TracerProvider

        if not _state.processors:
            _state.processors = _processors_from_environment()
        # OTEL_SERVICE_NAME, when set, names every service of the process (the SDK's rule).
        name = os.environ.get("OTEL_SERVICE_NAME") or service
        provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
        for processor in _state.processors:
            provider.add_span_processor(processor)
        _state.providers[service] = provider
        _instrument_httpx(provider)
    return provider


def _instrument_httpx(provider: TracerProvider) -> None:
    """Our service-to-service calls (gql over httpx), the Langflow runtime and the webhook
    processor's supergraph calls carry `traceparent`: httpx is instrumented once per process,
    with the first service's provider (a client span's service is the process's first)."""
    if _state.httpx_instrumented:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    _state.httpx_instrumented = True


def tracer(service: str) -> Any:
    """A tracer for `service` (an OpenTelemetry Tracer), or None when tracing is off."""
    provider = provider_for(service)
    return None if provider is None else provider.get_tracer(TRACER_NAME)


def instrument_fastapi(app: Any, service: str) -> None:
    """Request spans for a subgraph (continuing the router's `traceparent`)."""
    provider = provider_for(service)
    if provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    # Without the per-message send/receive spans: one span per request is what is read.
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=provider,
        exclude_spans=["receive", "send"],
        excluded_urls="health,ready,metrics",
    )


def instrument_engine(engine: AsyncEngine, service: str) -> None:
    """SQL spans for one database pool, for statements run inside a trace (sql_spans)."""
    provider = provider_for(service)
    if provider is None or id(engine.sync_engine) in _state.engines:
        return  # off, or already traced (the dev stack's worker shares the execution pool)
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import NoOpMeterProvider

    _state.engines.add(id(engine.sync_engine))
    # The instrumentation's engine tracer, attached to this engine with this service's provider:
    # SQLAlchemyInstrumentor().instrument() is once per process (one provider for every engine,
    # and it wraps create_engine globally), while `cmp dev` and the tests run several services.
    from kernel.sql_spans import ChildSpansOnly

    EngineTracer(  # type: ignore[no-untyped-call]
        ChildSpansOnly(provider.get_tracer("opentelemetry.instrumentation.sqlalchemy")),
        engine.sync_engine,
        NoOpMeterProvider().get_meter("cmp").create_up_down_counter("unused"),
    )


def use_exporter(exporter: SpanExporter, batched: bool = False) -> None:
    """Tests and benchmarks: trace every service into `exporter` whatever the environment,
    synchronously (each span exported as it ends) or `batched` as in production."""
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    reset()
    _state.decided = True
    _state.processors = [BatchSpanProcessor(exporter) if batched else SimpleSpanProcessor(exporter)]


def reset() -> None:
    """Back to deciding from the environment (tests)."""
    for provider in _state.providers.values():
        provider.shutdown()
    if _state.httpx_instrumented:
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

        HTTPXClientInstrumentor().uninstrument()
    if _state.engines:
        from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer

        EngineTracer.remove_all_event_listeners()  # type: ignore[no-untyped-call]
    _state.decided = None
    _state.processors = []
    _state.providers = {}
    _state.httpx_instrumented = False
    _state.engines = set()


def shutdown() -> None:
    """Flush what is batched (at process exit)."""
    for provider in _state.providers.values():
        provider.shutdown()


# ------------------------------------------------------------------ carrying a trace in a record


def current_carrier() -> dict[str, str]:
    """The current trace context as W3C headers (`traceparent`, `tracestate`), to be stored
    with work continued elsewhere (a run, picked up by a worker); empty when tracing is off."""
    if not tracing_enabled():
        return {}
    from opentelemetry.propagate import inject

    carrier: dict[str, str] = {}
    inject(carrier)
    return carrier


def context_from(carrier: dict[str, str] | None) -> Any:
    """The OpenTelemetry Context a stored carrier continues (None when off or empty)."""
    if not carrier or not tracing_enabled():
        return None
    from opentelemetry.propagate import extract

    return extract(carrier)
