"""Entities at a Flatten path and their representations: projected from the response tree with
the fetch's `requires` selection, typename-rewritten for @interfaceObject subgraphs, deduplicated,
and batched so one request never mixes `__typename`s nor exceeds the subgraph's maximum."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
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
    """A required input is absent (a fetch that should have produced it failed): the entity is
    not sent. A null input is sent as null (Apollo's gateway does the same)."""


def entities_at(data: Any, path: tuple[str, ...]) -> list[dict[str, Any]]:
    """The objects at a Flatten path ("@" for each list element; unmarked lists flattened)."""
    level: list[Any] = [data]
    for segment in path:
        if segment == "@":
            following: list[Any] = []
            for node in level:
                if isinstance(node, list):
                    following.extend(node)
            level = following
        else:
            level = [
                child
                for node in level
                if isinstance(node, dict) and (child := node.get(segment)) is not None
            ]
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


@dataclass(frozen=True, slots=True)
class _FlatFragment:
    """A fragment of leaf fields only and no typename rewrite (the usual `{ __typename id }`):
    its representations are told apart by the tuple of their values, without encoding them."""

    names: tuple[str, ...]  # in selection order
    values: Callable[[dict[str, Any]], tuple[Any, ...]]  # the entity's values, same order


def _flat(fragment: InputFragment, rewrites: tuple[TypenameRewrite, ...]) -> _FlatFragment | None:
    fields = [s for s in fragment.selections if isinstance(s, InputField)]
    if len(fields) != len(fragment.selections) or any(f.selections for f in fields):
        return None
    if len(fields) < 2 or any(r.type_condition == fragment.type_condition for r in rewrites):
        return None
    return _FlatFragment(
        tuple(f.name for f in fields), itemgetter(*(f.response_key for f in fields))
    )


class Chooser:
    """Which fragment of `requires` applies to a __typename, decided once per typename and
    kept with the compiled fetch (router.executor.compiled)."""

    def __init__(
        self,
        requires: tuple[InputSelection, ...],
        rewrites: tuple[TypenameRewrite, ...],
        possible_types: Mapping[str, frozenset[str]],
    ) -> None:
        self.requires = requires
        self.rewrites = rewrites
        self.possible_types = possible_types
        self.chosen: dict[str, tuple[InputFragment, _FlatFragment | None] | None] = {}

    def __call__(self, typename: str) -> tuple[InputFragment, _FlatFragment | None] | None:
        if typename in self.chosen:
            return self.chosen[typename]
        chosen: tuple[InputFragment, _FlatFragment | None] | None = None
        for fragment in self.requires:
            if not isinstance(fragment, InputFragment):
                continue
            condition = fragment.type_condition
            if typename == condition or typename in self.possible_types.get(condition, ()):
                chosen = (fragment, _flat(fragment, self.rewrites))
                break
        self.chosen[typename] = chosen
        return chosen


def _identity(values: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Leaf values as a key that is equal only for values equal in JSON: 1, 1.0 and True are
    equal in Python but not in JSON, so anything but a string is keyed with its type (and a
    float by its repr: 0.0 == -0.0). None for values that are not scalars (a list: the
    projection and its JSON decide)."""
    for value in values:
        if type(value) is not str:
            break
    else:
        return values  # the usual case: string keys (IDs)
    typed: list[Any] = []
    for value in values:
        kind = type(value)
        if kind is str:
            typed.append(value)
        elif kind is int or kind is bool or value is None:
            typed.append((kind, value))
        elif kind is float:
            typed.append((kind, repr(value)))
        else:
            return None
    return tuple(typed)


def representations_for(entities: list[dict[str, Any]], choose: Chooser) -> list[Representation]:
    """Deduplicated representations, each knowing every entity it stands for."""
    by_value: dict[Any, Representation] = {}
    rewrites = choose.rewrites
    possible_types = choose.possible_types
    chosen_for = choose.chosen
    for entity in entities:
        typename = entity.get("__typename")
        if type(typename) is not str:
            continue  # cannot tell which fragment applies: never guess an entity's type
        chosen = chosen_for[typename] if typename in chosen_for else choose(typename)
        if chosen is None:
            continue
        fragment, flat = chosen
        identity: Any = None
        if flat is not None:
            try:
                values = _identity(flat.values(entity))
            except KeyError:
                values = None
            if values is not None:
                identity = (flat.names, values)
                representation = by_value.get(identity)
                if representation is not None:  # seen: no projection needed
                    representation.entities.append(entity)
                    continue
        try:
            value = _project(entity, fragment.selections, possible_types)
        except _Missing:
            continue
        for rewrite in rewrites:
            if rewrite.type_condition == fragment.type_condition:
                value["__typename"] = rewrite.set_to
        if identity is None:
            identity = orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=str)
        representation = by_value.get(identity)
        if representation is None:
            representation = by_value[identity] = Representation(value)
        representation.entities.append(entity)
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
