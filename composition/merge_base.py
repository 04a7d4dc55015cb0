"""Shared state and helpers of the merger (split across modules by concern)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    NonNullTypeNode,
    TypeNode,
    ValueNode,
)

from .errors import CompositionError
from .metadata import Metadata
from .model import (
    Applied,
    Argument,
    EnumValue,
    Field,
    Kind,
    TypeDef,
    enum_value,
    has_directive,
)
from .subgraph import Subgraph

BUILTIN_MERGED = ("deprecated", "specifiedBy")
LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
PERCENT_LABEL = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")
EXECUTABLE_LOCATIONS = frozenset(
    {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
    }
)

Element = TypeDef | Field | Argument | EnumValue


def graph_enum_names(names: Sequence[str]) -> dict[str, str]:
    """Subgraph name -> join__Graph value (Apollo's rule: `control-plane` -> CONTROL_PLANE)."""

    def sanitize(name: str) -> str:
        out = re.sub(r"\W", "_", name)
        if re.match(r"^\d", out):
            out = "_" + out
        if re.search(r"_\d+$", out):
            out += "_"
        return out.upper()

    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(sanitize(n), []).append(n)
    result: dict[str, str] = {}
    for sanitized, group in groups.items():
        for i, n in enumerate(group):
            result[n] = sanitized if len(group) == 1 else f"{sanitized}_{i + 1}"
    return result


def join_version_for(fed_version: tuple[int, int]) -> tuple[int, int]:
    if fed_version >= (2, 8):
        return (0, 5)
    return (0, 4) if fed_version >= (2, 7) else (0, 3)


@dataclass
class FieldCtx:
    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)


@dataclass
class EnumUsage:
    position: str
    examples: dict[str, str] = field(default_factory=dict)


# One slot per subgraph (index = subgraph order); None where it lacks the element.
Sources = list[Any]


@dataclass
class MergedDirective:
    name: str
    locations: list[str]
    repeatable: bool
    args: dict[str, Argument]
    description: str | None = None


class MergeState:
    def __init__(self, subgraphs: list[Subgraph]) -> None:
        self.subgraphs = subgraphs
        self.names = [s.name for s in subgraphs]
        self.meta = [Metadata(s) for s in subgraphs]
        self.graph_names = graph_enum_names(self.names)
        self.join_version = join_version_for(max(s.fed_version for s in subgraphs))
        self.errors: list[CompositionError] = []
        self.types: dict[str, TypeDef] = {}
        self.roots: dict[str, str] = {}
        self.enum_usages: dict[str, EnumUsage] = {}
        self.deferred: list[tuple[list[str], Sources, Element]] = []
        self.uses_inaccessible = any(s.uses_directive("inaccessible") for s in subgraphs)
        self.uses_tag = any(s.uses_directive("tag") for s in subgraphs)
        self.merged_names = {
            *BUILTIN_MERGED,
            *(["inaccessible"] * self.uses_inaccessible),
            *(["tag"] * self.uses_tag),
        }
        self.override_coordinates = {
            f.coordinate
            for s in subgraphs
            for t in s.types.values()
            for f in t.fields.values()
            if has_directive(f, "override")
        }
        self.directives: dict[str, MergedDirective] = {}

    # ------------------------------------------------------------------ helpers

    def graph(self, idx: int) -> ValueNode:
        return enum_value(self.graph_names[self.names[idx]])

    def kind_in(self, idx: int, t: TypeDef) -> Kind:
        return "interface" if self.meta[idx].is_interface_object(t) else t.kind

    def sources_of(self, dest: TypeDef) -> Sources:
        out: Sources = []
        for idx, s in enumerate(self.subgraphs):
            t = s.type(dest.name)
            out.append(t if t is not None and self.kind_in(idx, t) == dest.kind else None)
        return out

    # ------------------------------------------------------------------ descriptions and directives

    def _merge_description(self, sources: Sources, dest: Element) -> None:
        descriptions: list[str] = []
        counts: list[int] = []
        for source in sources:
            if source is None or source.description is None:
                continue
            if source.description in descriptions:
                counts[descriptions.index(source.description)] += 1
            else:
                descriptions.append(source.description)
                counts.append(-(2**53) if source.description == "" else 1)
        if not descriptions:
            return
        non_empty = [d for d in descriptions if d != ""]
        if len(descriptions) == 1:
            dest.description = descriptions[0]
        elif len(non_empty) == 1:
            dest.description = non_empty[0]
        else:
            dest.description = descriptions[counts.index(max(counts))]

    def _record_directives(self, sources: Sources, dest: Element) -> None:
        names: list[str] = []
        for source in sources:
            for d in source.directives if source is not None else ():
                if d.name in self.merged_names and d.name not in names:
                    names.append(d.name)
        if "inaccessible" in names:
            self._merge_applied("inaccessible", sources, dest)
            names.remove("inaccessible")
        self.deferred.append((names, sources, dest))

    def _merge_applied(self, name: str, sources: Sources, dest: Element) -> None:
        per_source = [[d for d in s.directives if d.name == name] for s in sources if s is not None]
        per_source = [ds for ds in per_source if ds]
        if not per_source:
            return
        if name == "tag":  # repeatable: every distinct application once, in order
            seen: list[str] = []
            for ds in per_source:
                for d in ds:
                    if str(d) not in seen:
                        seen.append(str(d))
                        dest.directives.append(Applied(d.name, dict(d.args)))
            return
        distinct: list[Applied] = []
        counts: list[int] = []
        for ds in per_source:
            texts = [str(x) for x in distinct]
            if str(ds[0]) in texts:
                counts[texts.index(str(ds[0]))] += 1
            else:
                distinct.append(ds[0])
                counts.append(1)
        chosen = distinct[counts.index(max(counts))]
        dest.directives.append(Applied(chosen.name, dict(chosen.args)))

    # ------------------------------------------------------------------ fields

    def _itf_object_fields(self, dest: Field, idx: int) -> list[Field]:
        """Fields of `dest` that subgraph `idx` only knows through an @interfaceObject."""
        parent = self.types.get(dest.parent)
        s = self.subgraphs[idx]
        if parent is None or parent.kind != "object" or s.type(parent.name) is not None:
            return []
        out = []
        for itf in parent.interfaces:
            itf_type = self.types.get(itf)
            local = s.type(itf)
            if itf_type and dest.name in itf_type.fields and local and local.kind == "object":
                f = local.fields.get(dest.name)
                if f is not None:
                    out.append(f)
        return out


def is_required(t: TypeNode, default: ValueNode | None) -> bool:
    return isinstance(t, NonNullTypeNode) and default is None


def print_types(names: list[str]) -> str:
    from .errors import human_list

    return human_list([f'"{n}"' for n in names], "type", "types")
