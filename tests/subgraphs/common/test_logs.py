"""Every log line carries the request id and, with tracing on, the trace id: set by the router
per request, by a subgraph from the router's X-Request-Id, by the worker from the run record.
JSON in production, one readable line in development."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from kernel import telemetry
from kernel.logs import (
    JsonFormatter,
    LogContext,
    ReadableFormatter,
    bind_request_id,
    json_logs,
)
from kernel.request_id import RequestIdMiddleware
from subgraphs.execution import models
from subgraphs.execution.run_tracing import continued, trace_context_now

log = logging.getLogger("tests.logs")


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog, its records passed through LogContext (the handler filter every command sets)."""
    caplog.set_level(logging.INFO, logger="tests.logs")
    context = LogContext()
    caplog.handler.addFilter(context)
    yield caplog
    caplog.handler.removeFilter(context)


@pytest.fixture
def tracing() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    telemetry.use_exporter(exporter)
    try:
        yield exporter
    finally:
        telemetry.reset()


async def test_a_subgraph_logs_the_routers_request_id(records: pytest.LogCaptureFixture) -> None:
    async def answer(_: Request) -> PlainTextResponse:
        log.info("answering")
        return PlainTextResponse("ok")

    app = RequestIdMiddleware(Starlette(routes=[Route("/", answer)]))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://subgraph"
    ) as client:
        await client.get("/", headers={"x-request-id": "req-42"})
        await client.get("/")  # another request: not the previous one's id
    first, second = [r for r in records.records if r.getMessage() == "answering"]
    assert first.request_id == "req-42"  # type: ignore[attr-defined]
    assert second.request_id is None  # type: ignore[attr-defined]
    assert first.trace_id is None  # type: ignore[attr-defined]  # tracing off


def _run(trace_context: dict[str, str] | None) -> models.Run:
    return models.Run(
        id=uuid.uuid4(),
        flow_id="echo",
        attempts=1,
        created_at=datetime.now(UTC),
        trace_context=trace_context,
    )


async def test_the_worker_logs_the_request_id_and_trace_of_run_start(
    records: pytest.LogCaptureFixture, tracing: InMemorySpanExporter
) -> None:
    tracer = telemetry.tracer("cmp-execution")
    with tracer.start_as_current_span("runStart") as span:
        bind_request_id("req-run")
        stored = trace_context_now()
    bind_request_id(None)
    assert stored is not None and stored["x-request-id"] == "req-run"
    assert "traceparent" in stored

    with continued(_run(stored)):
        log.info("running")
    (record,) = [r for r in records.records if r.getMessage() == "running"]
    assert record.request_id == "req-run"  # type: ignore[attr-defined]
    assert record.trace_id == format(span.get_span_context().trace_id, "032x")  # type: ignore[attr-defined]
    names = {s.name for s in tracing.get_finished_spans()}
    assert {"runStart", "run.queue", "run"} <= names


async def test_without_tracing_only_the_request_id_is_stored(
    records: pytest.LogCaptureFixture,
) -> None:
    bind_request_id("req-plain")
    assert trace_context_now() == {"x-request-id": "req-plain"}
    bind_request_id(None)
    assert trace_context_now() is None
    with continued(_run(None)):
        log.info("old run")
    (record,) = [r for r in records.records if r.getMessage() == "old run"]
    assert record.request_id is None  # type: ignore[attr-defined]


def _access_record() -> logging.LogRecord:
    record = logging.LogRecord("router.access", logging.INFO, "", 0, "graphql request", (), None)
    for key, value in {
        "request_id": "req-7",
        "method": "POST",
        "status": 200,
        "duration_ms": 12.4,
        "operation": "Catalog",
        "error_codes": [],
    }.items():
        setattr(record, key, value)
    LogContext().filter(record)
    return record


def test_production_lines_are_json_with_the_ids() -> None:
    line = json.loads(JsonFormatter().format(_access_record()))
    assert line["request_id"] == "req-7"
    assert line["operation"] == "Catalog"
    assert "trace_id" not in line  # tracing off: no empty field


def test_development_lines_are_one_readable_line() -> None:
    line = ReadableFormatter().format(_access_record())
    assert "\n" not in line
    assert line.split(" ", 1)[1] == (
        "INFO  router.access graphql request method=POST status=200 duration_ms=12.4 "
        "operation=Catalog req=req-7"
    )


def test_the_log_format_follows_the_command_unless_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CMP_LOG_FORMAT", raising=False)
    assert json_logs(default=True) and not json_logs(default=False)
    monkeypatch.setenv("CMP_LOG_FORMAT", "text")
    assert not json_logs(default=True)
    monkeypatch.setenv("CMP_LOG_FORMAT", "json")
    assert json_logs(default=False)
