"""The merge context: the subgraphs being merged, their federation facts, and the supergraph
types, roots, directives and errors built so far. Every merge step reads and fills one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import ValueNode

from ..errors import CompositionError
from ..metadata import Metadata
from ..model import Argument, EnumValue, Field, Kind, TypeDef, enum_value, has_directive
from ..subgraph import Subgraph
from .result import MergedDirective

# Directives whose applications are merged into the supergraph (besides @inaccessible and @tag
# when a subgraph uses them).
BUILTIN_MERGED = ("deprecated", "specifiedBy")

# One slot per subgraph, by subgraph index (the subgraphs' name order); None where that subgraph
# lacks the element.
Sources = list[Any]

Element = TypeDef | Field | Argument | EnumValue


def graph_enum_values(names: Sequence[str]) -> dict[str, str]:
    """Subgraph name -> join__Graph value (Apollo's rule: `control-plane` -> CONTROL_PLANE)."""

    def sanitize(name: str) -> str:
        value = re.sub(r"\W", "_", name)
        if re.match(r"^\d", value):
            value = "_" + value
        if re.search(r"_\d+$", value):
            value += "_"
        return value.upper()

    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(sanitize(name), []).append(name)
    values: dict[str, str] = {}
    for sanitized, group in groups.items():
        for number, name in enumerate(group, start=1):
            values[name] = sanitized if len(group) == 1 else f"{sanitized}_{number}"
    return values


def join_version_for(federation_version: tuple[int, int]) -> tuple[int, int]:
    if federation_version >= (2, 8):
        return (0, 5)
    return (0, 4) if federation_version >= (2, 7) else (0, 3)


@dataclass
class OverrideOutcome:
    """What @override decided for one field, by subgraph index."""

    used_overridden: set[int] = field(default_factory=set)  # overridden, still used locally
    unused_overridden: set[int] = field(default_factory=set)  # overridden, no longer resolved
    unknown_target: set[int] = field(default_factory=set)  # @override(from:) names no subgraph
    labels: dict[int, str] = field(default_factory=dict)  # progressive override labels


@dataclass
class EnumUsage:
    """Where an enum is used ("Input", "Output" or "Both"), with an example coordinate each."""

    position: str
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class PendingDirectives:
    """Merged directives applied to an element once every type is merged (Apollo's order)."""

    names: list[str]
    sources: Sources
    element: Element


class MergeContext:
    def __init__(self, subgraphs: list[Subgraph]) -> None:
        self.subgraphs = subgraphs
        self.names = [subgraph.name for subgraph in subgraphs]
        self.metadata = [Metadata(subgraph) for subgraph in subgraphs]
        self.graph_values = graph_enum_values(self.names)
        self.join_version = join_version_for(max(sub.fed_version for sub in subgraphs))
        self.errors: list[CompositionError] = []
        self.types: dict[str, TypeDef] = {}
        self.roots: dict[str, str] = {}
        self.enum_usages: dict[str, EnumUsage] = {}
        self.pending_directives: list[PendingDirectives] = []
        self.directives: dict[str, MergedDirective] = {}
        self.uses_inaccessible = any(sub.uses_directive("inaccessible") for sub in subgraphs)
        self.uses_tag = any(sub.uses_directive("tag") for sub in subgraphs)
        self.merged_directive_names = {
            *BUILTIN_MERGED,
            *(["inaccessible"] * self.uses_inaccessible),
            *(["tag"] * self.uses_tag),
        }
        self.override_coordinates = {
            subgraph_field.coordinate
            for subgraph in subgraphs
            for type_def in subgraph.types.values()
            for subgraph_field in type_def.fields.values()
            if has_directive(subgraph_field, "override")
        }

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, message))

    def graph_value(self, index: int) -> ValueNode:
        """The join__Graph enum value of subgraph `index`."""
        return enum_value(self.graph_values[self.names[index]])

    def kind_in(self, index: int, type_def: TypeDef) -> Kind:
        """The kind `type_def` of subgraph `index` has in the supergraph (an @interfaceObject is
        an interface)."""
        return "interface" if self.metadata[index].is_interface_object(type_def) else type_def.kind

    def sources_of(self, dest: TypeDef) -> Sources:
        """Each subgraph's definition of a supergraph type (of the same kind)."""
        sources: Sources = []
        for index, subgraph in enumerate(self.subgraphs):
            type_def = subgraph.type(dest.name)
            same_kind = type_def is not None and self.kind_in(index, type_def) == dest.kind
            sources.append(type_def if same_kind else None)
        return sources

    def implementations(self, interface: str) -> list[str]:
        """The supergraph object types implementing `interface`."""
        return [
            type_def.name
            for type_def in self.types.values()
            if type_def.kind == "object" and interface in type_def.interfaces
        ]
