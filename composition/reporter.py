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


def value_in(value: str, subgraphs: str | None) -> str:
    """`<value> in <subgraphs>`: how a mismatch names each variant unless told otherwise."""
    return f"{value} in {subgraphs or 'undefined'}"


def mismatch_error(
    code: str,
    message: str,
    names: Sequence[str],
    sources: Sequence[T | None],
    accessor: Callable[[T], str],
    supergraph_value: str,
    supergraph_printer: Callable[[str, str | None], str] = value_in,
    other_printer: Callable[[str, str], str] = value_in,
) -> CompositionError:
    """`<message><value> in <subgraphs> but <other value> in <subgraphs> and ...`; the printers
    word each part (the supergraph's subgraphs are None when no subgraph has its value)."""
    like, others = distribution(names, sources, accessor, supergraph_value)
    parts = [supergraph_printer(supergraph_value, subgraph_names(like) if like else None)]
    parts += [other_printer(value, subgraph_names(group)) for value, group in others]
    return CompositionError(code, message + join_strings(parts, " and ", " but "))
