"""What the merger hands to the printer: the merged types with their join directives."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Argument, TypeDef


@dataclass
class MergedDirective:
    """An executable directive definition every subgraph shares (kept in the supergraph)."""

    name: str
    locations: list[str]
    repeatable: bool
    args: dict[str, Argument]
    description: str | None = None


@dataclass
class MergedSchema:
    """The merged schema, ready to print (printer.py). Not the router's `Supergraph`, which is a
    loaded supergraph SDL."""

    types: dict[str, TypeDef]
    roots: dict[str, str]
    graphs: list[tuple[str, str, str]]  # (join__Graph value, subgraph name, routing URL)
    join_version: tuple[int, int]
    uses_inaccessible: bool
    uses_tag: bool
    directives: dict[str, MergedDirective] = field(default_factory=dict)
