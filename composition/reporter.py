"""Apollo's mismatch messages: which subgraphs have which variant of an element."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .errors import CompositionError, join_strings, subgraph_names

T = TypeVar("T")


def distribution(
    names: Sequence[str],
    sources: Sequence[T | None],
    accessor: Callable[[T], str],
    supergraph_value: str,
) -> tuple[list[str] | None, list[tuple[str, list[str]]]]:
    """Subgraphs grouped by the accessor's value: (those like the supergraph, the others)."""
    groups: dict[str, list[str]] = {}
    for name, source in zip(names, sources, strict=True):
        if source is None:
            continue
        groups.setdefault(accessor(source), []).append(name)
    like = groups.pop(supergraph_value, None)
    return like, list(groups.items())


def mismatch_error(
    code: str,
    message: str,
    names: Sequence[str],
    sources: Sequence[T | None],
    accessor: Callable[[T], str],
    supergraph_value: str,
) -> CompositionError:
    """`<message><value> in <subgraphs> but <other value> in <subgraphs>`."""
    like, others = distribution(names, sources, accessor, supergraph_value)
    parts = [f"{supergraph_value} in {subgraph_names(like) if like else 'undefined'}"]
    parts += [f"{value} in {subgraph_names(group)}" for value, group in others]
    return CompositionError(code, message + join_strings(parts, " and ", " but "))


def mismatch_error_with_specifics(
    code: str,
    message: str,
    names: Sequence[str],
    sources: Sequence[T | None],
    accessor: Callable[[T], str],
    supergraph_value: str,
    supergraph_printer: Callable[[str, str | None], str],
    other_printer: Callable[[str, str], str],
) -> CompositionError:
    like, others = distribution(names, sources, accessor, supergraph_value)
    first = supergraph_printer(supergraph_value, subgraph_names(like) if like else None)
    rest = [other_printer(value, subgraph_names(group)) for value, group in others]
    return CompositionError(code, message + first + join_strings(rest, " and "))
