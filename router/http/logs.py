"""The router's access log: one line per GraphQL request, with the request id that was also sent
to every subgraph fetch (X-Request-Id), so one request can be followed across services. The
line's format (JSON in production) and the ids on every line: kernel.logs."""

from __future__ import annotations

import logging

from kernel.logs import JsonFormatter as JsonFormatter  # re-exported (tests)
from kernel.logs import configure_logs, json_logs

access_log = logging.getLogger("router.access")


def configure_json_logs(level: int = logging.INFO) -> None:
    """`cmp router`'s logs: JSON lines unless CMP_LOG_FORMAT=text."""
    # The JSON line carries none of the thread or process fields every LogRecord would look up
    # (one access-log line per request: on the hot path).
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    configure_logs(json_logs(default=True), level)


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
