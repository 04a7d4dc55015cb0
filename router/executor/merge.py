"""Deep-merge subgraph results into the one response tree every fetch writes to."""

from __future__ import annotations

from collections.abc import Set
from typing import Any


def deep_merge(target: dict[str, Any], source: dict[str, Any], abstract_types: Set[str]) -> None:
    for key, value in source.items():
        existing = target.get(key)
        if existing is None:  # the common case: a field only this subgraph resolved
            target[key] = value
        elif key == "__typename":
            # An @interfaceObject subgraph answers with the interface's name; never let it hide
            # the concrete type another subgraph gave, but let a concrete type replace it.
            if existing is None or existing in abstract_types or value not in abstract_types:
                target[key] = value
        elif isinstance(existing, dict) and isinstance(value, dict):
            deep_merge(existing, value, abstract_types)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            _merge_lists(existing, value, abstract_types)
        else:
            target[key] = value


def _merge_lists(target: list[Any], source: list[Any], abstract_types: Set[str]) -> None:
    for index, (existing, value) in enumerate(zip(target, source, strict=True)):
        if isinstance(existing, dict) and isinstance(value, dict):
            deep_merge(existing, value, abstract_types)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            _merge_lists(existing, value, abstract_types)
        else:
            target[index] = value


def merge_root_fetch_at(
    data: dict[str, Any], path: tuple[str, ...], result: dict[str, Any], abstract_types: Set[str]
) -> None:
    """A root-type fetch below the root (a field of type Query, say): its result belongs to
    every object at `path`."""
    from router.executor.entities import entities_at

    for entity in entities_at(data, path):
        deep_merge(entity, result, abstract_types)
