"""Entities at a Flatten path and their representations: projected from the response tree with
the fetch's `requires` selection, typename-rewritten for @interfaceObject subgraphs, deduplicated,
and batched so one request never mixes `__typename`s nor exceeds the subgraph's maximum."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from router.planner.plan import InputField, InputFragment, InputSelection, TypenameRewrite

Path = list[str | int]


@dataclass
class Entity:
    value: dict[str, Any]
    path: Path


@dataclass
class Representation:
    value: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)

    @property
    def typename(self) -> str:
        return str(self.value["__typename"])


class _Missing(Exception):
    """A required input is absent (a fetch that should have produced it failed): the entity is
    not sent. A null input is sent as null (Apollo's gateway does the same)."""


def entities_at(data: Any, path: tuple[str, ...]) -> list[Entity]:
    found: list[Entity] = []

    def visit(node: Any, index: int, position: Path) -> None:
        if node is None:
            return
        if index == len(path):
            if isinstance(node, dict):
                found.append(Entity(node, position))
            elif isinstance(node, list):  # a list the path did not mark: flatten it too
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


def _project(
    value: dict[str, Any],
    selections: tuple[InputSelection, ...],
    possible_types: Mapping[str, frozenset[str]],
) -> dict[str, Any]:
    """The representation of `value`: exactly the required selection, nested type conditions
    applied by the value's __typename."""
    result: dict[str, Any] = {}
    for selection in selections:
        if isinstance(selection, InputFragment):
            typename = value.get("__typename")
            condition = selection.type_condition
            if typename == condition or typename in possible_types.get(condition, ()):
                for key, item in _project(value, selection.selections, possible_types).items():
                    result.setdefault(key, item)
            continue
        if selection.response_key not in value:
            raise _Missing
        raw = value[selection.response_key]
        result[selection.name] = _project_value(raw, selection, possible_types)
    return result


def _project_value(
    raw: Any, selection: InputField, possible_types: Mapping[str, frozenset[str]]
) -> Any:
    if not selection.selections or raw is None:
        return raw
    if isinstance(raw, list):
        return [_project_value(item, selection, possible_types) for item in raw]
    if isinstance(raw, dict):
        return _project(raw, selection.selections, possible_types)
    return raw


def representations_for(
    entities: list[Entity],
    requires: tuple[InputSelection, ...],
    rewrites: tuple[TypenameRewrite, ...],
    possible_types: Mapping[str, frozenset[str]],
) -> list[Representation]:
    """Deduplicated representations, each knowing every entity it stands for."""
    by_value: dict[str, Representation] = {}
    for entity in entities:
        typename = entity.value.get("__typename")
        if not isinstance(typename, str):
            continue  # cannot tell which fragment applies: never guess an entity's type
        for fragment in requires:
            if not isinstance(fragment, InputFragment):
                continue
            condition = fragment.type_condition
            if typename != condition and typename not in possible_types.get(condition, ()):
                continue
            try:
                value = _project(entity.value, fragment.selections, possible_types)
            except _Missing:
                break
            for rewrite in rewrites:
                if rewrite.type_condition == condition:
                    value["__typename"] = rewrite.set_to
            identity = json.dumps(value, sort_keys=True, default=str)
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
