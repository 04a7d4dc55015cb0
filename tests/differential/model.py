"""A generated world: the types and fields of a Federation 2 supergraph, how each subgraph
declares them, and the facts that make every subgraph answer alike (see values.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TypeKind = Literal["object", "interface", "union", "enum"]
SCALARS = ("String", "Int", "Float", "Boolean", "ID")
ROOTS = ("Query", "Mutation")


@dataclass(frozen=True)
class Key:
    fields: str  # a field set, e.g. "id", "id region", "ref { code }"
    resolvable: bool = True


@dataclass
class Decl:
    """How one subgraph declares one field."""

    non_null: bool = False
    item_non_null: bool = True  # lists only
    shareable: bool = False
    external: bool = False
    requires: str | None = None
    provides: str | None = None
    override_from: str | None = None
    override_label: str | None = None
    inaccessible: bool = False


@dataclass(frozen=True)
class Arg:
    name: str
    type: str  # named input type: a scalar or an enum
    default: str | None = None  # SDL literal
    choices: tuple[object, ...] = ()  # values operations may pass (JSON)
    required: bool = False


@dataclass
class Field:
    name: str
    base: str  # the named type it returns
    is_list: bool = False
    args: list[Arg] = field(default_factory=list)
    decls: dict[str, Decl] = field(default_factory=dict)  # subgraph -> declaration
    # The field set this field requires (the same text in the one subgraph that requires it).
    requires: str | None = None
    # Identity fields ("id", "sku", "region", "ref") derive from the entity's identity number.
    identity: str | None = None
    # Concrete object types an abstract-valued field may return (the same from every subgraph
    # resolving it, so: only types all of them know).
    choices: list[str] = field(default_factory=list)
    scope: str = ""  # the name values are derived under (shared by an entity interface family)
    pool: int = 6  # identity numbers of the entities it returns
    tags: set[str] = field(default_factory=set)

    @property
    def can_be_null(self) -> bool:
        """Null only where every subgraph declares it nullable (else one would fail on it)."""
        return not any(d.non_null for d in self.decls.values())

    @property
    def items_can_be_null(self) -> bool:
        return not any(d.item_non_null for d in self.decls.values())

    def arg(self, name: str) -> Arg | None:
        return next((a for a in self.args if a.name == name), None)


@dataclass
class Presence:
    """How one subgraph declares one type."""

    keys: list[Key] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # unions
    values: list[str] = field(default_factory=list)  # enums
    inaccessible_values: set[str] = field(default_factory=set)
    shareable: bool = False  # type-level @shareable (value types)
    interface_object: bool = False
    inaccessible: bool = False


@dataclass
class TypeDef:
    name: str
    kind: TypeKind
    fields: dict[str, Field] = field(default_factory=dict)
    present: dict[str, Presence] = field(default_factory=dict)  # subgraph -> presence
    entity: bool = False  # has identity fields and keys
    family: str = ""  # identity family (an entity interface's name for its implementations)
    implementations: list[str] = field(default_factory=list)  # entity interfaces: all of them
    tags: set[str] = field(default_factory=set)

    def declared_in(self, subgraph: str) -> list[Field]:
        return [f for f in self.fields.values() if subgraph in f.decls]


@dataclass
class World:
    seed: int
    subgraphs: list[str]
    types: dict[str, TypeDef] = field(default_factory=dict)
    features: set[str] = field(default_factory=set)  # motifs used

    def type(self, name: str) -> TypeDef:
        return self.types[name]

    def field_for(self, type_name: str, field_name: str) -> Field:
        """The field a concrete type resolves: its own, else one an @interfaceObject adds to
        every implementation of its interface."""
        own = self.types[type_name].fields.get(field_name)
        if own is not None:
            return own
        for definition in self.types.values():
            if definition.kind == "interface" and type_name in definition.implementations:
                inherited = definition.fields.get(field_name)
                if inherited is not None:
                    return inherited
        raise KeyError(f"{type_name}.{field_name}")

    def concrete_of(self, type_name: str, number: int) -> str:
        """The concrete type of an entity interface's member numbered `number`."""
        definition = self.types[type_name]
        if definition.kind == "interface" and definition.implementations:
            members = sorted(definition.implementations)
            return members[number % len(members)]
        return type_name

    def tags_of(self, type_name: str, field_name: str) -> set[str]:
        try:
            return self.field_for(type_name, field_name).tags
        except KeyError:
            return set()
