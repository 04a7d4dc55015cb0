"""GraphQL errors produced while executing a plan: subgraph errors re-pathed to the client's
response, and errors standing for a failed fetch.

What a client learns of a failure is a code, the subgraph's name and the affected path. The
failure's detail — addresses, exception text — goes to the log with the request id
(`log_fetch_failure`), and debugging extensions a subgraph may add (`exception`, `stacktrace`)
are dropped from its errors the same way — except an error code under `exception.code`, which
Saleor's API documents for its clients."""

from __future__ import annotations

import logging
from typing import Any

from router.executor.transport import SUBREQUEST_TIMEOUT, FetchFailure

Path = list[str | int]
log = logging.getLogger("router.fetch")
# Extensions some servers add in debug mode; they describe the server, not the request.
_INTERNAL_EXTENSIONS = frozenset({"exception", "stacktrace", "stack", "trace", "traceback"})


def subgraph_error(
    error: dict[str, Any], service: str, path: Path | None, request_id: str = ""
) -> dict[str, Any]:
    """Keep message and extensions; `locations` referred to the subgraph's operation."""
    result: dict[str, Any] = {"message": str(error.get("message", "subgraph error"))}
    if path is not None:
        result["path"] = path
    extensions = dict(error.get("extensions") or {})
    internal = {k: extensions.pop(k) for k in _INTERNAL_EXTENSIONS & extensions.keys()}
    # Saleor's `exception.code` (e.g. PermissionDenied) is its API's error code, not a debug
    # detail: clients get it as Saleor sends it; the rest of `exception` stays withheld.
    exception = internal.get("exception")
    if isinstance(exception, dict) and isinstance(exception.get("code"), str):
        extensions["exception"] = {"code": exception["code"]}
        rest = {k: v for k, v in exception.items() if k != "code"}
        if rest:
            internal["exception"] = rest
        else:
            del internal["exception"]
    if internal:
        log.warning(
            "request %s: subgraph %s error details withheld from the client: %s",
            request_id or "-",
            service,
            internal,
            extra={"request_id": request_id, "subgraph": service},
        )
    extensions.setdefault("service", service)
    result["extensions"] = extensions
    return result


def public_reason(failure: FetchFailure) -> str:
    """A timeout's message is ours ("timed out after 5s"); any other may name an address."""
    if failure.code == SUBREQUEST_TIMEOUT or failure.public:
        return str(failure)
    return "no GraphQL response (the detail is in the router's log)"


def fetch_failed(service: str, failure: FetchFailure, path: Path | None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": f"HTTP fetch failed from '{service}': {public_reason(failure)}",
        "extensions": {"code": failure.code, "service": service},
    }
    if path is not None:
        error["path"] = path
    return error


def log_fetch_failure(service: str, failure: FetchFailure, request_id: str) -> None:
    log.warning(
        "request %s: fetch from %s failed: %s",
        request_id or "-",
        service,
        failure,
        extra={"request_id": request_id, "subgraph": service, "code": failure.code},
    )


def invalid_entity(service: str, reason: str, path: Path) -> dict[str, Any]:
    return {
        "message": f"Subgraph '{service}' returned an invalid entity: {reason}",
        "path": path,
        "extensions": {"code": "INVALID_ENTITY", "service": service},
    }
