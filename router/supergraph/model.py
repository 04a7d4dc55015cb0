"""What the planner needs to know about a supergraph, extracted once from the join directives."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from graphql import GraphQLSchema, SelectionSetNode


class TypeKind(Enum):
    OBJECT = "object"
    INTERFACE = "interface"
    UNION = "union"
    ENUM = "enum"
    INPUT = "input"
    SCALAR = "scalar"


@dataclass(frozen=True)
class Subgraph:
    name: str
    url: str


@dataclass(frozen=True)
class EntityKey:
    fields: str
    selection: SelectionSetNode
    resolvable: bool


@dataclass
class TypeInGraph:
    graph: str  # subgraph name
    keys: list[EntityKey] = field(default_factory=list)
    is_interface_object: bool = False
    extension: bool = False

    def resolvable_keys(self) -> list[EntityKey]:
        return [key for key in self.keys if key.resolvable]


@dataclass(frozen=True)
class FieldInGraph:
    """One `@join__field` application (or the implicit one when a field has none)."""

    graph: str
    requires: SelectionSetNode | None = None
    provides: SelectionSetNode | None = None
    type_in_graph: str | None = None
    external: bool = False
    override_from: str | None = None
    used_overridden: bool = False
    override_label: str | None = None

    def active(self, labels: frozenset[str]) -> bool:
        """Whether this graph resolves the field, given the override labels active for a request."""
        if self.external or (self.used_overridden and self.override_label is None):
            return False
        if self.override_label is None:
            return True
        # Progressive override: the overriding graph (with `override`) wins while the label is
        # on; the overridden graph keeps the field while it is off.
        return (self.override_label in labels) == (self.override_from is not None)


@dataclass
class FieldMeta:
    parent: str
    name: str
    type_name: str  # named (innermost) type
    list_depth: int = 0  # how many list wrappers: the response path gets one "@" per level
    type_text: str = ""  # the printed supergraph type, e.g. "[ID!]!"
    in_graphs: dict[str, FieldInGraph] = field(default_factory=dict)

    def resolvers(self, labels: frozenset[str]) -> list[FieldInGraph]:
        return [entry for entry in self.in_graphs.values() if entry.active(labels)]


@dataclass
class TypeMeta:
    name: str
    kind: TypeKind
    graphs: dict[str, TypeInGraph] = field(default_factory=dict)
    fields: dict[str, FieldMeta] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)  # supergraph-level
    implements_in: dict[str, set[str]] = field(default_factory=dict)  # graph -> interfaces
    members_in: dict[str, set[str]] = field(default_factory=dict)  # graph -> union members

    @property
    def is_abstract(self) -> bool:
        return self.kind in (TypeKind.INTERFACE, TypeKind.UNION)

    @property
    def is_composite(self) -> bool:
        return self.kind in (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)


@dataclass
class Supergraph:
    sdl: str
    subgraphs: dict[str, Subgraph]  # by subgraph name
    types: dict[str, TypeMeta]
    api_schema: GraphQLSchema
    root_types: dict[str, str]  # operation kind -> type name
    override_labels: frozenset[str]
    possible_types: dict[str, frozenset[str]] = field(default_factory=dict)
    # join spec version: a v0.1 (Federation 1) supergraph marks no key field as really external.
    join_version: tuple[int, int] = (0, 5)

    @property
    def is_fed1(self) -> bool:
        return self.join_version < (0, 2)

    def type(self, name: str) -> TypeMeta:
        return self.types[name]

    def field(self, type_name: str, field_name: str) -> FieldMeta | None:
        meta = self.types.get(type_name)
        return None if meta is None else meta.fields.get(field_name)

    def possible(self, type_name: str) -> frozenset[str]:
        """Object types a value of this (API schema) type can have at runtime."""
        return self.possible_types.get(type_name, frozenset())
