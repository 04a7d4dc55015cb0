"""The vocabulary the generator builds worlds with: a Builder that declares types and fields in
subgraphs while keeping the result composable (stubs for types a field returns, keys every home
can reach, comparable nullability for shared fields), and small helpers the motifs share."""

from __future__ import annotations

import random
from dataclasses import replace

from tests.differential.model import (
    SCALARS,
    Arg,
    Decl,
    Field,
    Key,
    Presence,
    TypeDef,
    World,
)

SUBGRAPHS = ("alpha", "beta", "gamma", "delta")
ENTITY_NAMES = (
    "Product", "User", "Review", "Store", "Order", "Author", "Shelf", "Venue", "Team", "Ticket",
    "Parcel", "Course",
)  # fmt: skip
FAMILY_NAMES = (("Media", ("Book", "Film", "Song")), ("Asset", ("Photo", "Clip", "Doc")))
FIELD_NAMES = (
    "name", "title", "price", "rating", "note", "score", "color", "weight", "stock", "label",
    "status", "rank", "size", "level", "code", "count",
)  # fmt: skip
POOL = 6
ARGUMENTS = (
    Arg("unit", "String", '"EUR"', ("EUR", "USD", "JPY")),
    Arg("scale", "Int", "1", (1, 2, 10)),
    Arg("upper", "Boolean", "false", (True, False)),
)


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        count = self.rng.choice((2, 3, 3, 4))
        self.world = World(seed, list(SUBGRAPHS[:count]))
        self.entities: list[TypeDef] = []
        self._names = list(ENTITY_NAMES)
        self.rng.shuffle(self._names)
        for root in ("Query", "Mutation"):
            self.world.types[root] = TypeDef(root, "object")

    # Helpers -----------------------------------------------------------------------------

    @property
    def subgraphs(self) -> list[str]:
        return self.world.subgraphs

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def new_type_name(self, wanted: str) -> str:
        name, k = wanted, 2
        while name in self.world.types:
            name, k = f"{wanted}{k}", k + 1
        return name

    def fresh_field_name(self, t: TypeDef, wanted: str) -> str:
        name, k = wanted, 2
        while name in t.fields or name in ("id", "sku", "region", "ref"):
            name, k = f"{wanted}{k}", k + 1
        return name

    def presence(self, t: TypeDef, subgraph: str) -> Presence:
        if subgraph not in t.present:
            t.present[subgraph] = Presence()
        return t.present[subgraph]

    def homes(self, t: TypeDef, resolvable: bool = True) -> list[str]:
        """Subgraphs where an entity has a (resolvable) key."""
        return [
            s
            for s, p in t.present.items()
            if p.keys and (not resolvable or any(k.resolvable for k in p.keys))
        ]

    def owners(self, field: Field) -> list[str]:
        return [s for s, d in field.decls.items() if not d.external]

    def tag(self, *tags: str) -> None:
        self.world.features.update(tags)

    # Declarations --------------------------------------------------------------------------

    def declare(self, t: TypeDef, field: Field, subgraph: str, decl: Decl) -> None:
        presence = self.presence(t, subgraph)
        if field.identity is None and not decl.external and presence.keys:
            # A field resolved here must be reachable here: the stub becomes resolvable.
            presence.keys = [replace(k, resolvable=True) for k in presence.keys]
        field.decls[subgraph] = decl
        t.fields.setdefault(field.name, field)
        self.ensure_type(field.base, subgraph)

    def ensure_type(self, name: str, subgraph: str) -> None:
        """Make a type a field returns known to a subgraph (entities as a stub)."""
        if name in SCALARS:
            return
        t = self.world.types[name]
        if subgraph in t.present:
            return
        if t.kind == "enum":
            first = next(iter(t.present.values()))
            t.present[subgraph] = Presence(
                values=list(first.values), inaccessible_values=set(first.inaccessible_values)
            )
        elif t.kind == "union":
            members = sorted({m for p in t.present.values() for m in p.members})
            t.present[subgraph] = Presence(members=members)
            for member in members:
                self.ensure_type(member, subgraph)
        elif t.kind == "interface" and t.implementations:
            self.interface_object(t, subgraph)
        elif t.entity:
            self.stub(t, subgraph)
        elif t.kind == "object":
            self.copy_value_type(t, subgraph)
        else:
            raise AssertionError(f"cannot declare {name} in {subgraph} implicitly")

    def stub(self, t: TypeDef, subgraph: str) -> None:
        resolvable = self.chance(0.5)
        self.presence(t, subgraph).keys = [Key("id", resolvable)]
        self.declare(t, t.fields["id"], subgraph, Decl(non_null=True, shareable=True))
        if not resolvable:
            t.tags.add("stub-unresolvable")

    def copy_value_type(self, t: TypeDef, subgraph: str) -> None:
        self.presence(t, subgraph)
        for field in list(t.fields.values()):
            template = next(iter(field.decls.values()))
            decl = replace(template, shareable=True, non_null=self.chance(0.5))
            self.declare(t, field, subgraph, decl)

    def implement(self, t: TypeDef, interface: TypeDef, subgraph: str) -> None:
        """`t implements interface` in one subgraph (t declared there, with its id)."""
        self.ensure_type(t.name, subgraph)
        presence = self.presence(t, subgraph)
        if interface.name not in presence.implements:
            presence.implements.append(interface.name)
        if subgraph not in t.fields["id"].decls:
            self.declare(t, t.fields["id"], subgraph, Decl(non_null=True, shareable=True))

    def interface_object(self, t: TypeDef, subgraph: str) -> None:
        presence = self.presence(t, subgraph)
        presence.interface_object = True
        presence.keys = [Key("id")]
        self.declare(t, t.fields["id"], subgraph, Decl(non_null=True, shareable=True))

    def external(self, t: TypeDef, field: Field, subgraph: str) -> None:
        """Declare a field @external in a subgraph, shaped as where it is resolved."""
        if subgraph in field.decls:
            return
        template = field.decls[self.owners(field)[0]]
        decl = Decl(template.non_null, template.item_non_null, external=True)
        self.declare(t, field, subgraph, decl)

    # Entities ----------------------------------------------------------------------------

    def entity(self, homes: list[str], name: str | None = None, family: str = "") -> TypeDef:
        name = self.new_type_name(name or self._names.pop())
        t = TypeDef(name, "object", entity=True, family=family or name)
        self.world.types[name] = t
        self.entities.append(t)
        kinds = ["id"]
        t.fields["id"] = Field("id", "ID", identity="id")
        options = ["id"]
        if self.chance(0.35):
            kinds.append("sku")
            t.fields["sku"] = Field("sku", "String", identity="sku")
            options += ["sku", "id sku"]
        if self.chance(0.25):
            kinds.append("region")
            t.fields["region"] = Field("region", "String", identity="region")
            options.append("id region")
        if self.chance(0.2):
            ref = TypeDef(self.new_type_name(f"{name}Ref"), "object", family=t.family)
            ref.fields["code"] = Field("code", "String", identity="code")
            self.world.types[ref.name] = ref
            kinds.append("ref")
            t.fields["ref"] = Field("ref", ref.name, identity="ref")
            options.append("ref { code }")
        for index, home in enumerate(homes):
            keys = self.rng.sample(options, min(len(options), self.rng.choice((1, 1, 2))))
            if index == 0 and "id" not in keys:
                keys[0] = "id"
            partial = index > 0 and len(options) > 1 and self.chance(0.25)
            self.presence(t, home).keys = [Key(k) for k in dict.fromkeys(keys)]
            self._declare_identity(t, home, keys if partial else None)
        self._connect_keys(t)
        self._tag_keys(t)
        return t

    def _declare_identity(self, t: TypeDef, home: str, only_keys: list[str] | None) -> None:
        wanted = {f for k in only_keys for f in k.replace("{", " ").split()} if only_keys else None
        for kind in ("id", "sku", "region", "ref"):
            if kind in t.fields and (wanted is None or kind in wanted):
                if kind == "ref":  # its type first, so that it is declared as it is
                    ref_type = self.world.types[t.fields["ref"].base]
                    self.declare(
                        ref_type, ref_type.fields["code"], home, Decl(True, shareable=True)
                    )
                self.declare(t, t.fields[kind], home, Decl(non_null=True, shareable=True))

    def _key_fields(self, key: Key) -> set[str]:
        return {f for f in key.fields.replace("{", " ").replace("}", " ").split() if f != "code"}

    def _connect_keys(self, t: TypeDef) -> None:
        """Every home must reach every other through keys (else composition rejects the set):
        a home declaring only its own keys' fields gets all identity fields when it cannot."""
        homes = self.homes(t)
        for home in homes:
            if not self._reaches_all(t, home, homes):
                self._declare_identity(t, home, None)
        t.tags.add("keys")

    def _reaches_all(self, t: TypeDef, start: str, homes: list[str]) -> bool:
        seen, frontier = {start}, [start]
        while frontier:
            here = frontier.pop()
            have = {n for n, f in t.fields.items() if f.identity and here in f.decls}
            for there in homes:
                keys = [k for k in t.present[there].keys if k.resolvable]
                if there not in seen and any(self._key_fields(k) <= have for k in keys):
                    seen.add(there)
                    frontier.append(there)
        return set(homes) <= seen

    def _tag_keys(self, t: TypeDef) -> None:
        keys = {k.fields for p in t.present.values() for k in p.keys}
        if len(keys) > 1 or any(len(p.keys) > 1 for p in t.present.values()):
            t.tags.add("keys-multiple")
        if any(" " in k and "{" not in k for k in keys):
            t.tags.add("keys-compound")
        if any("{" in k for k in keys):
            t.tags.add("keys-nested")
        ids = {n for n, f in t.fields.items() if f.identity}
        for home in self.homes(t):
            if {n for n in ids if home in t.fields[n].decls} != ids:
                t.tags.add("keys-multihop")

    # Fields --------------------------------------------------------------------------------

    def scalar_field(
        self,
        t: TypeDef,
        owners: list[str],
        *,
        base: str | None = None,
        name: str | None = None,
        arguments: bool | None = None,
        is_list: bool | None = None,
    ) -> Field:
        base = base or self.rng.choice(("String", "String", "Int", "Float", "Boolean", "ID"))
        name = self.fresh_field_name(t, name or self.rng.choice(FIELD_NAMES))
        is_list = self.chance(0.15) if is_list is None else is_list
        field = Field(name, base, is_list=is_list, scope=t.family or t.name)
        if arguments or (arguments is None and self.chance(0.2)):
            field.args = [self.rng.choice(ARGUMENTS)]
            field.tags.add("arguments")
        for owner, (non_null, item_non_null) in zip(
            owners, self.nullabilities(owners), strict=True
        ):
            decl = Decl(non_null, item_non_null, shareable=len(owners) > 1)
            self.declare(t, field, owner, decl)
        self._tag_shape(field, owners)
        return field

    def nullabilities(self, owners: list[str], strict: float = 0.55) -> list[tuple[bool, bool]]:
        """(non-null, items non-null) per owner: a strict shape and a looser one, so the
        subgraphs' types are always comparable (composition rejects `[T]!` against `[T!]`)."""
        tight = (self.chance(strict), self.chance(0.6))
        loose = (tight[0] and self.chance(0.5), tight[1] and self.chance(0.5))
        return [tight if self.chance(0.5) else loose for _ in owners]

    def _tag_shape(self, field: Field, owners: list[str]) -> None:
        if len(owners) > 1:
            field.tags.add("shareable")
            if len({(d.non_null, d.item_non_null) for d in field.decls.values()}) > 1:
                field.tags.add("nullability-shareable")
        if field.is_list:
            field.tags.add("lists")
        if field.can_be_null or (field.is_list and field.items_can_be_null):
            field.tags.add("nulls")

    def object_field(
        self,
        t: TypeDef,
        target: TypeDef,
        owners: list[str],
        *,
        name: str | None = None,
        is_list: bool | None = None,
        choices: list[str] | None = None,
        arguments: list[Arg] | None = None,
    ) -> Field:
        is_list = self.chance(0.5) if is_list is None else is_list
        wanted = name or (target.name[0].lower() + target.name[1:] + ("s" if is_list else ""))
        field = Field(
            self.fresh_field_name(t, wanted),
            target.name,
            is_list=is_list,
            scope=t.family or t.name,
            pool=POOL,
            choices=list(choices or []),
            args=list(arguments or []),
        )
        for owner, (non_null, item_non_null) in zip(
            owners, self.nullabilities(owners, 0.4), strict=True
        ):
            self.declare(t, field, owner, Decl(non_null, item_non_null, shareable=len(owners) > 1))
        self._tag_shape(field, owners)
        return field

    def root_field(
        self,
        kind: str,
        target: TypeDef,
        owners: list[str],
        *,
        name: str | None = None,
        is_list: bool | None = None,
        choices: list[str] | None = None,
        lookup: bool = False,
    ) -> Field:
        root = self.world.types[kind]
        arguments = [Arg("n", "Int", None, tuple(range(POOL + 1)), required=True)] if lookup else []
        field = self.object_field(
            root,
            target,
            owners,
            name=name,
            is_list=False if lookup else is_list,
            choices=choices,
            arguments=arguments,
        )
        if kind == "Mutation":
            field.tags.add("mutation")
        if len(owners) > 1:
            field.tags.add("shareable-root" if kind == "Query" else "shareable-mutation")
        return field


# Helpers the motifs share ------------------------------------------------------------------------


def entity_with_homes(b: Builder, at_least: int) -> TypeDef | None:
    candidates = [e for e in b.entities if len(b.homes(e)) >= at_least and e.family == e.name]
    return b.rng.choice(candidates) if candidates else None


def owned_elsewhere(b: Builder, entity: TypeDef, subgraph: str, scalar: bool) -> list[Field]:
    return [
        f
        for f in entity.fields.values()
        if f.identity is None
        and subgraph not in f.decls
        and b.owners(f)
        and f.requires is None
        and (f.base in SCALARS) == scalar
    ]


def other_home(b: Builder, entity: TypeDef, not_here: str) -> str:
    return b.rng.choice([h for h in b.homes(entity) if h != not_here])


def scalar_elsewhere(b: Builder, target: TypeDef, here: str) -> Field:
    """A scalar field of `target` that `here` does not resolve (created when there is none)."""
    scalars = [f for f in owned_elsewhere(b, target, here, scalar=True) if not f.args]
    if scalars:
        return b.rng.choice(scalars)
    homes = [h for h in b.homes(target, resolvable=False) if h != here]
    owner = b.rng.choice(homes) if homes else b.rng.choice([s for s in b.subgraphs if s != here])
    return b.scalar_field(target, [owner], arguments=False)


def value_type_on(b: Builder, entity: TypeDef, home: str) -> TypeDef:
    v = TypeDef(b.new_type_name(b.rng.choice(("Dims", "Money", "Stats"))), "object")
    b.world.types[v.name] = v
    for _ in range(b.rng.randint(2, 3)):
        b.scalar_field(v, [home], arguments=False, is_list=False)
    for f in v.fields.values():
        f.decls[home].shareable = True
    b.object_field(entity, v, [home], is_list=b.chance(0.3))
    return v


def share(b: Builder, field: Field) -> None:
    for decl in field.decls.values():
        if not decl.external:
            decl.shareable = True
