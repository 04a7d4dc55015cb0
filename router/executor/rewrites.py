"""Output rewrites of a fetch: keys the planner aliased in a subgraph operation (two fields of
one response key but different types there) are renamed back before the result is merged."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from router.planner.plan import KeyRenamer


def _matches(value: dict[str, Any], segment: str, possible: Mapping[str, frozenset[str]]) -> bool:
    condition = segment[len("... on ") :]
    typename = value.get("__typename")
    return typename == condition or typename in possible.get(condition, ())


def _rename(
    value: Any, path: tuple[str, ...], rename_to: str, possible: Mapping[str, frozenset[str]]
) -> None:
    if isinstance(value, list):
        for item in value:
            _rename(item, path, rename_to, possible)
        return
    if not isinstance(value, dict):
        return
    segment = path[0]
    if segment.startswith("... on "):
        if _matches(value, segment, possible):
            _rename(value, path[1:], rename_to, possible)
        return
    if len(path) == 1:
        if segment in value:
            value[rename_to] = value.pop(segment)
        return
    _rename(value.get(segment), path[1:], rename_to, possible)


def apply_output_rewrites(
    data: Any, rewrites: tuple[KeyRenamer, ...], possible: Mapping[str, frozenset[str]]
) -> None:
    for rewrite in rewrites:
        if rewrite.path:
            _rename(data, rewrite.path, rewrite.rename_to, possible)
