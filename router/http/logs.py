"""Structured logs: one JSON object per line, with the request id that was also sent to every
subgraph fetch (X-Request-Id), so one request can be followed across services."""

from __future__ import annotations

import logging
import time
from typing import Any

import orjson

access_log = logging.getLogger("router.access")
# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure_json_logs(level: int = logging.INFO) -> None:
    # The JSON line carries none of the thread or process fields every LogRecord would look up
    # (one access-log line per request: on the hot path).
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per subgraph fetch otherwise


def log_request(
    request_id: str,
    method: str,
    status: int,
    seconds: float,
    operation: str | None,
    codes: list[str],
) -> None:
    if access_log.isEnabledFor(logging.INFO):
        access_log.info(
            "graphql request",
            extra={
                "request_id": request_id,
                "method": method,
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "operation": operation,
                "error_codes": codes,
            },
        )
