"""Entities at a Flatten path and their representations: projected from the response tree with
the fetch's `requires` selection, typename-rewritten for @interfaceObject subgraphs, deduplicated,
and batched so one request never mixes `__typename`s nor exceeds the subgraph's maximum."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from router.planner.plan import InputField, InputFragment, InputSelection, TypenameRewrite

Path = list[str | int]


@dataclass(slots=True)
class Representation:
    value: dict[str, Any]
    # The response-tree objects it stands for (their paths are found only when an error needs
    # them: see paths_of).
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def typename(self) -> str:
        return str(self.value["__typename"])


class _Missing(Exception):
    """A required input is absent (or null): the entity is not sent."""


def entities_at(data: Any, path: tuple[str, ...]) -> list[dict[str, Any]]:
    """The objects at a Flatten path ("@" for each list element; unmarked lists flattened)."""
    level: list[Any] = [data]
    for segment in path:
        following: list[Any] = []
        for node in level:
            if segment == "@":
                if isinstance(node, list):
                    following.extend(node)
            elif isinstance(node, dict):
                child = node.get(segment)
                if child is not None:
                    following.append(child)
        level = following
    found: list[dict[str, Any]] = []
    _collect(level, found)
    return found


def _collect(nodes: list[Any], found: list[dict[str, Any]]) -> None:
    for node in nodes:
        if isinstance(node, dict):
            found.append(node)
        elif isinstance(node, list):  # a list the path did not mark: flatten it too
            _collect(node, found)


def paths_of(data: Any, path: tuple[str, ...]) -> dict[int, list[Path]]:
    """Response paths of the objects at a Flatten path, by object identity (an object may be
    reachable at several paths). Walked only to report errors."""
    found: dict[int, list[Path]] = {}

    def visit(node: Any, index: int, position: Path) -> None:
        if node is None:
            return
        if index == len(path):
            if isinstance(node, dict):
                found.setdefault(id(node), []).append(position)
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    visit(item, index, [*position, i])
            return
        segment = path[index]
        if segment == "@":
            if isinstance(node, list):
                for i, item in enumerate(node):
                    visit(item, index + 1, [*position, i])
        elif isinstance(node, dict):
            visit(node.get(segment), index + 1, [*position, segment])

    visit(data, 0, [])
    return found


def _project(value: dict[str, Any], selections: tuple[InputSelection, ...]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for selection in selections:
        if isinstance(selection, InputFragment):
            continue
        if selection.response_key not in value or value[selection.response_key] is None:
            if selection.name == "__typename":
                raise _Missing
            raise _Missing
        raw = value[selection.response_key]
        result[selection.name] = _project_value(raw, selection)
    return result


def _project_value(raw: Any, selection: InputField) -> Any:
    if not selection.selections:
        return raw
    if isinstance(raw, list):
        return [_project_value(item, selection) for item in raw]
    if isinstance(raw, dict):
        return _project(raw, selection.selections)
    return raw


def representations_for(
    entities: list[dict[str, Any]],
    requires: tuple[InputSelection, ...],
    rewrites: tuple[TypenameRewrite, ...],
    possible_types: Mapping[str, frozenset[str]],
) -> list[Representation]:
    """Deduplicated representations, each knowing every entity it stands for."""
    by_value: dict[bytes, Representation] = {}
    for entity in entities:
        typename = entity.get("__typename")
        if not isinstance(typename, str):
            continue  # cannot tell which fragment applies: never guess an entity's type
        for fragment in requires:
            if not isinstance(fragment, InputFragment):
                continue
            condition = fragment.type_condition
            if typename != condition and typename not in possible_types.get(condition, ()):
                continue
            try:
                value = _project(entity, fragment.selections)
            except _Missing:
                break
            for rewrite in rewrites:
                if rewrite.type_condition == condition:
                    value["__typename"] = rewrite.set_to
            identity = orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=str)
            representation = by_value.get(identity)
            if representation is None:
                representation = by_value[identity] = Representation(value)
            representation.entities.append(entity)
            break
    return list(by_value.values())


def batches(representations: list[Representation], maximum: int) -> list[list[Representation]]:
    """One typename per batch (Saleor answers mixed batches grouped by type, out of order) and
    at most `maximum` representations each."""
    by_type: dict[str, list[Representation]] = {}
    for representation in representations:
        by_type.setdefault(representation.typename, []).append(representation)
    result: list[list[Representation]] = []
    for group in by_type.values():
        for start in range(0, len(group), max(1, maximum)):
            result.append(group[start : start + maximum])
    return result
