"""A run's trace, across the queue: `runStart` stores its request's trace context and request id
on the run (`trace_context`), and the worker that claims the run continues them, so one trace
shows runStart → queue → the flow runtime's call → settlement, and the worker's log lines carry
the request id of the runStart that queued the run. With tracing off only the request id goes."""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from kernel.logs import bind_request_id, current_request_id
from kernel.telemetry import context_from, current_carrier, tracer

if TYPE_CHECKING:
    from subgraphs.execution import models

T = TypeVar("T")
SERVICE = "cmp-worker"
REQUEST_ID = "x-request-id"


def trace_context_now() -> dict[str, str] | None:
    """What to store on a run being started (None: nothing to continue)."""
    stored = current_carrier()
    request_id = current_request_id()
    if request_id:
        stored[REQUEST_ID] = request_id
    return stored or None


def _nanoseconds(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000_000)


@contextmanager
def continued(run: models.Run) -> Iterator[None]:
    """Working on `run`: its request id on every log line; with tracing, a `run` span (child of
    runStart's) current for everything done for it, after a `run.queue` span for its wait."""
    stored = run.trace_context or {}
    bind_request_id(stored.get(REQUEST_ID))
    traces = tracer(SERVICE)
    if traces is None:
        yield
        return
    parent = context_from(stored)
    attributes: dict[str, Any] = {
        "cmp.run.id": str(run.id),
        "cmp.run.flow_id": run.flow_id,
        "cmp.run.attempt": run.attempts,
    }
    queued = traces.start_span(
        "run.queue", context=parent, start_time=_nanoseconds(run.created_at), attributes=attributes
    )
    queued.end()
    with traces.start_as_current_span("run", context=parent, attributes=attributes):
        yield


def stage(name: str) -> Any:
    """A child span of the current run's (`run.execute`, `run.settle`); nothing when off."""
    traces = tracer(SERVICE)
    return nullcontext() if traces is None else traces.start_as_current_span(name)


async def within(name: str, work: Awaitable[T]) -> T:
    """`work` awaited inside a span of its own (see `stage`)."""
    with stage(name):
        return await work
