"""Composition pipeline: parse, upgrade Fed 1, validate, merge, print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import CompositionError, CompositionFailed
from .merger import merge_subgraphs
from .printer import print_supergraph
from .satisfiability import validate_satisfiability
from .subgraph import UNSUPPORTED_DIRECTIVES, Subgraph, parse_subgraph
from .upgrade import upgrade_subgraphs
from .validate import validate_subgraph


@dataclass(frozen=True)
class SubgraphInput:
    name: str
    url: str
    sdl: str


def _check_supported(subgraphs: Sequence[Subgraph]) -> list[CompositionError]:
    """Fail loudly on federation features this composition does not implement yet."""
    errors = []
    for subgraph in subgraphs:
        for name in UNSUPPORTED_DIRECTIVES:
            if subgraph.uses_directive(name):
                errors.append(
                    CompositionError(
                        "UNSUPPORTED_FEATURE",
                        f"[{subgraph.name}] @{name} is not supported by this composition yet",
                    )
                )
    return errors


def compose(inputs: Sequence[SubgraphInput]) -> str:
    """Compose subgraph SDLs into a supergraph SDL (Apollo's format); raises CompositionFailed."""
    errors: list[CompositionError] = []
    subgraphs: list[Subgraph] = []
    for item in sorted(inputs, key=lambda subgraph_input: subgraph_input.name):
        subgraph, parse_errors = parse_subgraph(item.name, item.url, item.sdl)
        errors += parse_errors
        if subgraph is not None:
            subgraphs.append(subgraph)
    if not errors:
        errors += _check_supported(subgraphs)
    if not errors:
        errors += upgrade_subgraphs(subgraphs)
    if not errors:
        for subgraph in subgraphs:
            errors += validate_subgraph(subgraph)
    if errors:
        raise CompositionFailed(errors)
    merged = merge_subgraphs(subgraphs)
    if isinstance(merged, list):
        raise CompositionFailed(merged)
    unsatisfiable = validate_satisfiability(subgraphs, merged.types)
    if unsatisfiable:
        raise CompositionFailed(unsatisfiable)
    return print_supergraph(merged)
