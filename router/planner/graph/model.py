"""Vertices and edges of the query graph. A vertex is a type as one subgraph sees it (a @provides
copy is another vertex of the same type and subgraph, with the provided fields as extra edges);
an edge is a move a plan can make: collect a field, narrow an abstract type, or jump to another
subgraph through a key (with the key fields as the edge's conditions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from router.planner.normalize.selection import Selection


class VertexKind(Enum):
    ROOT = "root"  # the fake root a plan starts from (one per operation kind)
    OBJECT = "object"  # object types, @interfaceObject types included
    INTERFACE = "interface"
    UNION = "union"
    LEAF = "leaf"  # scalars and enums: fields end here


class EdgeKind(Enum):
    ENTER = "enter"  # fake root -> a subgraph's root type
    FIELD = "field"  # collect a field (conditions: its @requires)
    CAST = "cast"  # abstract type -> one of its runtime types, inside one subgraph
    KEY = "key"  # same entity in another subgraph, through `_entities` (conditions: the key)
    ROOT = "root"  # a subgraph's root type -> another subgraph's root type
    # An @interfaceObject stands for every implementation; a type condition on it needs the
    # concrete __typename (its condition) from a subgraph that knows it.
    INTERFACE_OBJECT_CAST = "interface-object-cast"


@dataclass(eq=False, slots=True)
class Vertex:
    id: int
    type_name: str
    subgraph: str  # "" for fake roots
    kind: VertexKind
    interface_object: bool = False
    # A @provides copy: `provided` holds the selection provided at this vertex, `base` the plain
    # vertex whose edges it extends.
    provided: tuple[Selection, ...] | None = None
    base: Vertex | None = None

    @property
    def is_abstract(self) -> bool:
        return self.kind in (VertexKind.INTERFACE, VertexKind.UNION)

    @property
    def is_composite(self) -> bool:
        return self.kind not in (VertexKind.LEAF, VertexKind.ROOT)

    def __repr__(self) -> str:
        copy = f"+provides#{self.id}" if self.base is not None else ""
        return f"{self.type_name}({self.subgraph or '_'}){copy}"


@dataclass(eq=False, slots=True)
class Edge:
    id: int
    kind: EdgeKind
    head: Vertex
    tail: Vertex
    name: str = ""  # the field name (FIELD) or the type cast to (CAST, INTERFACE_OBJECT_CAST)
    # A selection on the head type that must be fetched first: the key of a KEY edge, the
    # @requires of a FIELD edge, `__typename` for an INTERFACE_OBJECT_CAST.
    conditions: tuple[Selection, ...] | None = None
    provided: bool = False  # a field only collectible here because of @provides
    is_jump: bool = field(init=False)  # a KEY or ROOT edge: into another subgraph

    def __post_init__(self) -> None:
        self.is_jump = self.kind in (EdgeKind.KEY, EdgeKind.ROOT)

    def __repr__(self) -> str:
        label = f" {self.name}" if self.name else ""
        return f"{self.head} -{self.kind.value}{label}-> {self.tail}"
