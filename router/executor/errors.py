"""GraphQL errors produced while executing a plan: subgraph errors re-pathed to the client's
response, and errors standing for a failed fetch."""

from __future__ import annotations

from typing import Any

from router.executor.transport import FetchFailure

Path = list[str | int]


def subgraph_error(error: dict[str, Any], service: str, path: Path | None) -> dict[str, Any]:
    """Keep message and extensions; `locations` referred to the subgraph's operation."""
    result: dict[str, Any] = {"message": str(error.get("message", "subgraph error"))}
    if path is not None:
        result["path"] = path
    extensions = dict(error.get("extensions") or {})
    extensions.setdefault("service", service)
    result["extensions"] = extensions
    return result


def fetch_failed(service: str, failure: FetchFailure, path: Path | None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": f"HTTP fetch failed from '{service}': {failure}",
        "extensions": {"code": failure.code, "service": service},
    }
    if path is not None:
        error["path"] = path
    return error


def invalid_entity(service: str, reason: str, path: Path) -> dict[str, Any]:
    return {
        "message": f"Subgraph '{service}' returned an invalid entity: {reason}",
        "path": path,
        "extensions": {"code": "INVALID_ENTITY", "service": service},
    }
