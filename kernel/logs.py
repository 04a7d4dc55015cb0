"""Log lines for every process of ours (router, subgraphs, worker, webhook processor): each
carries the request id (X-Request-Id, set by the router and sent on every subgraph fetch) and the
trace id of the work it belongs to, so one request can be followed across services and found in
the tracing backend. JSON objects, one per line, in production; one readable line in development.

The request id lives in a context variable (`bind_request_id`), set where a request or a run
begins; the trace id is read from OpenTelemetry's current span, only when tracing is on."""

from __future__ import annotations

import logging
import sys
import time
from contextvars import ContextVar
from typing import Any

import orjson

_request_id: ContextVar[str | None] = ContextVar("cmp_request_id", default=None)
# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}
_IDS = ("request_id", "trace_id", "span_id")
# uvicorn's extra: its message again, with terminal colours.
_STANDARD.add("color_message")


def bind_request_id(request_id: str | None) -> None:
    """The request (or run) the current task works for; copied into tasks it starts."""
    _request_id.set(request_id or None)


def current_request_id() -> str | None:
    return _request_id.get()


def _current_trace() -> tuple[str | None, str | None]:
    from kernel.telemetry import tracing_enabled

    if not tracing_enabled():
        return None, None
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None, None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


class LogContext(logging.Filter):
    """Puts the request id and the trace id on every record (unless the call gave its own)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = _request_id.get()
        if getattr(record, "trace_id", None) is None:
            record.trace_id, record.span_id = _current_trace()
        return True


def _timestamp(record: logging.LogRecord) -> str:
    return (
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        + f".{int(record.msecs):03d}Z"
    )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _timestamp(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            {
                k: v
                for k, v in record.__dict__.items()
                if k not in _STANDARD and not (k in _IDS and v is None)
            }
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class ReadableFormatter(logging.Formatter):
    """`12:00:01.234 INFO router.access POST 200 12.3 ms GetOffer  req=… trace=…`: the message,
    then any `extra=` fields, then the ids, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        clock = time.strftime("%H:%M:%S", time.localtime(record.created))
        parts = [f"{clock}.{int(record.msecs):03d}", f"{record.levelname:<5}", record.name]
        parts.append(record.getMessage())
        fields = {k: v for k, v in record.__dict__.items() if k not in _STANDARD and k not in _IDS}
        parts.extend(f"{k}={v}" for k, v in fields.items() if v not in (None, [], ""))
        request_id = getattr(record, "request_id", None)
        trace_id = getattr(record, "trace_id", None)
        if request_id:
            parts.append(f"req={request_id}")
        if trace_id:
            parts.append(f"trace={trace_id}")
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a record comes (as logging's last resort does), not
    to the stream of the moment it was configured: a command run in-process (tests) swaps it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logs(json_lines: bool, level: int = logging.INFO) -> None:
    """One handler on the root logger, for every library's records too (uvicorn's, SQLAlchemy's).
    Development keeps one line per GraphQL request: the router's access line (uvicorn's own
    access lines, one per hop, and httpx's, one per service call, are left out)."""
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter() if json_lines else ReadableFormatter())
    handler.addFilter(LogContext())
    root = logging.getLogger()
    # Replaces an earlier call's handler (or basicConfig's); keeps others (a test's capture).
    for previous in list(root.handlers):
        if type(previous) in (_StderrHandler, logging.StreamHandler):
            root.removeHandler(previous)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        # uvicorn's own handlers would print its lines a second way, without the ids.
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def json_logs(default: bool) -> bool:
    """`CMP_LOG_FORMAT` (`json` or `text`) when set, else the command's default: JSON for the
    production commands (`cmp router`, `cmp subgraph`, `cmp worker`), text for `cmp dev`."""
    import os

    chosen = os.environ.get("CMP_LOG_FORMAT", "").strip().lower()
    if chosen in ("json", "text"):
        return chosen == "json"
    return default
