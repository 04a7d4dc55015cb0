"""Seeded generator of Federation 2 subgraph sets (2 to 4 subgraphs): a base of entities spread
over the subgraphs, then a few motifs, each exercising one federation feature (see MOTIFS).
Everything is decided by `random.Random(seed)`, so a seed names one world forever (as long as
this file does not change)."""

from __future__ import annotations

import random
from collections.abc import Callable
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


# The base: entities, their fields, relations between them, root fields ----------------------


def base(b: Builder) -> None:
    for _ in range(b.rng.randint(2, 4)):
        count = b.rng.randint(1, len(b.subgraphs))
        if count == 1 and b.chance(0.6):
            count = 2
        homes = b.rng.sample(b.subgraphs, count)
        entity = b.entity(homes)
        for _ in range(b.rng.randint(1, 3)):
            shared = len(homes) > 1 and b.chance(0.25)
            owners = b.rng.sample(homes, 2) if shared else [b.rng.choice(homes)]
            b.scalar_field(entity, owners)
    for entity in list(b.entities):
        if b.chance(0.7):
            target = b.rng.choice(b.entities)
            b.object_field(entity, target, [b.rng.choice(b.homes(entity, resolvable=False))])
        where = b.rng.choice(b.subgraphs if b.chance(0.2) else b.homes(entity))
        b.root_field("Query", entity, [where], is_list=True)
        if b.chance(0.4):
            b.root_field("Query", entity, [b.rng.choice(b.homes(entity))], lookup=True)
    if b.chance(0.4):
        value_type(b)


def value_type(b: Builder) -> TypeDef:
    entity = b.rng.choice(b.entities)
    return value_type_on(b, entity, b.rng.choice(b.homes(entity, resolvable=False)))


# Motifs ----------------------------------------------------------------------------------------


def _entity_with_homes(b: Builder, at_least: int) -> TypeDef | None:
    candidates = [e for e in b.entities if len(b.homes(e)) >= at_least and e.family == e.name]
    return b.rng.choice(candidates) if candidates else None


def _owned_elsewhere(b: Builder, entity: TypeDef, subgraph: str, scalar: bool) -> list[Field]:
    return [
        f
        for f in entity.fields.values()
        if f.identity is None
        and subgraph not in f.decls
        and b.owners(f)
        and f.requires is None
        and (f.base in SCALARS) == scalar
    ]


def _other_home(b: Builder, entity: TypeDef, not_here: str) -> str:
    return b.rng.choice([h for h in b.homes(entity) if h != not_here])


def motif_requires(b: Builder) -> None:
    entity = _entity_with_homes(b, 2)
    if entity is None:
        return
    here = b.rng.choice(b.homes(entity))
    elsewhere = _other_home(b, entity, here)
    variant = b.rng.choice(("scalar", "arguments", "nested", "entity", "abstract", "inaccessible"))
    tags = {"requires"}
    if variant == "scalar":
        fields = _owned_elsewhere(b, entity, here, scalar=True)[:2] or [
            b.scalar_field(entity, [elsewhere], arguments=False)
        ]
        for f in fields:
            b.external(entity, f, here)
        selection = " ".join(_with_arguments(b, f) for f in fields)
        if any(f.args for f in fields):
            tags.add("requires-arguments")
    elif variant == "arguments":
        f = b.scalar_field(entity, [elsewhere], arguments=True)
        b.external(entity, f, here)
        selection = _with_arguments(b, f)
        tags.add("requires-arguments")
    elif variant == "inaccessible":
        f = b.scalar_field(entity, [elsewhere], arguments=False)
        f.decls[elsewhere].inaccessible = True
        b.external(entity, f, here)
        selection = f.name
        tags.add("requires-inaccessible")
    elif variant == "nested":
        v = value_type_on(b, entity, elsewhere)
        dims = next(f for f in entity.fields.values() if f.base == v.name)
        b.external(entity, dims, here)
        inner = b.rng.sample(sorted(v.fields), b.rng.randint(1, len(v.fields)))
        selection = f"{dims.name} {{ {' '.join(inner)} }}"
        tags.add("requires-nested")
    elif variant == "entity":
        target = b.rng.choice(b.entities)
        relation = b.object_field(entity, target, [elsewhere])
        leaf = _scalar_elsewhere(b, target, here)
        b.external(entity, relation, here)
        b.ensure_type(target.name, here)
        b.external(target, leaf, here)
        selection = f"{relation.name} {{ {leaf.name} }}"
        tags.add("requires-nested")
    else:
        selection = _requires_abstract(b, entity, here, elsewhere)
        tags.add("requires-abstract")
    required = b.scalar_field(entity, [here], name="derived", arguments=False, is_list=False)
    required.requires = selection
    required.decls[here].requires = selection
    required.tags |= tags
    b.tag(*tags)
    if variant != "scalar" and b.chance(0.3):
        required.tags.add("requires-nullable")
    _maybe_chain(b, entity, required, here, elsewhere)


def _with_arguments(b: Builder, field: Field) -> str:
    if not field.args:
        return field.name
    argument = field.args[0]
    value = b.rng.choice(argument.choices)
    literal = f'"{value}"' if isinstance(value, str) else str(value).lower()
    return f"{field.name}({argument.name}: {literal})"


def _scalar_elsewhere(b: Builder, target: TypeDef, here: str) -> Field:
    """A scalar field of `target` that `here` does not resolve (created when there is none)."""
    scalars = [f for f in _owned_elsewhere(b, target, here, scalar=True) if not f.args]
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


def _requires_abstract(b: Builder, entity: TypeDef, here: str, elsewhere: str) -> str:
    """`media { ... on A { x } ... on B { y } }` over a union of entities resolved elsewhere."""
    members = [e for e in b.entities if e is not entity and e.family == e.name][:3]
    if len(members) < 2:
        members = [b.entity([elsewhere]) for _ in range(2)]
    union = TypeDef(b.new_type_name("Hit"), "union")
    b.world.types[union.name] = union
    b.presence(union, elsewhere).members = [m.name for m in members]
    for m in members:
        b.ensure_type(m.name, elsewhere)
    media = b.object_field(
        entity, union, [elsewhere], is_list=True, choices=[m.name for m in members]
    )
    b.external(entity, media, here)
    parts = []
    for m in members:
        leaf = _scalar_elsewhere(b, m, here)
        b.ensure_type(m.name, here)
        b.external(m, leaf, here)
        parts.append(f"... on {m.name} {{ {leaf.name} }}")
    return f"{media.name} {{ {' '.join(parts)} }}"


def _maybe_chain(b: Builder, entity: TypeDef, required: Field, here: str, elsewhere: str) -> None:
    """A chain (another subgraph requires the derived field) or a cycle (the subgraph the
    first one required from requires it back)."""
    homes = [h for h in b.homes(entity) if h != here]
    if not homes or not b.chance(0.4):
        return
    cycle = b.chance(0.4)
    there = elsewhere if cycle else b.rng.choice(homes)
    b.external(entity, required, there)
    again = b.scalar_field(entity, [there], name="derivedAgain", arguments=False, is_list=False)
    again.requires = required.name
    again.decls[there].requires = required.name
    tag = "requires-cycle" if cycle and there == elsewhere else "requires-chain"
    again.tags |= {"requires", tag}
    b.tag(tag)


def motif_provides(b: Builder) -> None:
    entity = _entity_with_homes(b, 1)
    if entity is None:
        return
    here = b.rng.choice(b.subgraphs)
    variant = b.rng.choice(("root", "root", "entity-field", "nested", "union", "interface"))
    others = [h for h in b.homes(entity) if h != here]
    if not others:
        return
    hosts = [e for e in b.entities if here in b.homes(e) and e is not entity]
    if variant == "entity-field" and not hosts:
        variant = "root"
    b.ensure_type(entity.name, here)
    if variant in ("union", "interface"):
        _provides_abstract(b, here, variant)
        return
    provided = _owned_elsewhere(b, entity, here, scalar=True)[:2] or [
        b.scalar_field(entity, [b.rng.choice(others)], arguments=False)
    ]
    provided = [f for f in provided if not f.args] or [
        b.scalar_field(entity, [b.rng.choice(others)], arguments=False)
    ]
    selection = _provide(b, entity, provided, here)
    tags = {"provides", f"provides-{variant}"}
    if variant == "nested":
        target = b.rng.choice(b.entities)
        relation = b.object_field(entity, target, [b.rng.choice(others)])
        leaf = _scalar_elsewhere(b, target, here)
        selection += f" {relation.name} {{ {_provide(b, target, [leaf], here)} }}"
        _share(b, relation)
        b.external(entity, relation, here)
    if variant == "entity-field":
        host: TypeDef = b.rng.choice(hosts)
        field = b.object_field(host, entity, [here], name="featured")
    else:
        field = b.root_field("Query", entity, [here], name="top" + entity.name)
    field.decls[here].provides = selection
    field.tags |= tags
    b.tag(*tags)


def _share(b: Builder, field: Field) -> None:
    for decl in field.decls.values():
        if not decl.external:
            decl.shareable = True


def _provide(b: Builder, entity: TypeDef, fields: list[Field], here: str) -> str:
    for f in fields:
        _share(b, f)
        b.external(entity, f, here)
    return " ".join(f.name for f in fields)


def _provides_abstract(b: Builder, here: str, variant: str) -> None:
    members = [e for e in b.entities if e.family == e.name and b.homes(e)][:3]
    if len(members) < 2:
        return
    for m in members:
        b.ensure_type(m.name, here)
    parts = []
    for m in members:
        leaves = [f for f in _owned_elsewhere(b, m, here, scalar=True) if not f.args]
        if leaves:
            parts.append(f"... on {m.name} {{ {_provide(b, m, leaves[:1], here)} }}")
    if not parts:
        return
    if variant == "union":
        abstract = TypeDef(b.new_type_name("Found"), "union")
        b.world.types[abstract.name] = abstract
        b.presence(abstract, here).members = [m.name for m in members]
    else:
        abstract = TypeDef(b.new_type_name("Listed"), "interface")
        b.world.types[abstract.name] = abstract
        b.presence(abstract, here)
        b.declare(abstract, Field("id", "ID", identity="id"), here, Decl(non_null=True))
        for m in members:
            b.implement(m, abstract, here)
    field = b.root_field(
        "Query", abstract, [here], name="find" + abstract.name, is_list=True,
        choices=[m.name for m in members],
    )  # fmt: skip
    field.decls[here].provides = " ".join(parts)
    field.tags |= {"provides", f"provides-{variant}"}
    b.tag("provides", f"provides-{variant}")


def motif_union(b: Builder) -> None:
    """A union whose members differ per subgraph; each subgraph returns its own members."""
    members = [e for e in b.entities if e.family == e.name]
    if len(members) < 2:
        return
    union = TypeDef(b.new_type_name("Result"), "union")
    b.world.types[union.name] = union
    for here in b.rng.sample(b.subgraphs, b.rng.randint(1, min(2, len(b.subgraphs)))):
        chosen = b.rng.sample(members, b.rng.randint(1, min(3, len(members))))
        b.presence(union, here).members = [m.name for m in chosen]
        for m in chosen:
            b.ensure_type(m.name, here)
        field = b.root_field(
            "Query", union, [here], name="search", is_list=True, choices=[m.name for m in chosen]
        )
        field.tags.add("union-partial")
    if len({tuple(p.members) for p in union.present.values()}) > 1:
        union.tags.add("union-partial")
    b.tag("union")


def motif_interface(b: Builder) -> None:
    """A (value) interface implemented by entities; implementations and the interface's fields
    differ per subgraph, and an implementation may implement it in one subgraph only."""
    members = [e for e in b.entities if e.family == e.name]
    if len(members) < 2:
        return
    interface = TypeDef(b.new_type_name("Named"), "interface")
    b.world.types[interface.name] = interface
    identifier = Field("id", "ID", identity="id")
    labelled: dict[str, list[str]] = {}
    for here in b.rng.sample(b.subgraphs, b.rng.randint(1, min(2, len(b.subgraphs)))):
        chosen = b.rng.sample(members, b.rng.randint(1, min(3, len(members))))
        b.declare(interface, identifier, here, Decl(non_null=True))
        for m in chosen:
            b.implement(m, interface, here)
        names = [m.name for m in chosen]
        field = b.root_field("Query", interface, [here], name="named", is_list=True, choices=names)
        field.tags.add("interface-partial")
        if b.chance(0.6):
            labelled[here] = names
    if labelled:
        label = Field("displayName", "String", scope=interface.name)
        for here in labelled:
            b.declare(interface, label, here, Decl())
        implementing = {n for names in labelled.values() for n in names} | {
            m.name
            for m in members
            if any(interface.name in p.implements for p in m.present.values())
        }
        for name in sorted(implementing):
            m = b.world.types[name]
            own = m.fields.get("displayName") or Field("displayName", "String", scope=m.name)
            wheres = [h for h, names in labelled.items() if name in names]
            if not wheres and not own.decls:
                wheres = [b.rng.choice(b.homes(m, resolvable=False))]
            for where in wheres:
                b.declare(m, own, where, Decl())
            if len(own.decls) > 1:
                _share(b, own)
    interface.tags.add("interface-partial")
    b.tag("interface")


def motif_entity_interface(b: Builder) -> None:
    """`interface I @key(fields: "id")` with its implementations in one subgraph, extended by
    an @interfaceObject elsewhere, returned from both."""
    if len(b.subgraphs) < 2:
        return
    name, member_names = b.rng.choice(FAMILY_NAMES)
    if name in b.world.types:
        return
    owner, extender = b.rng.sample(b.subgraphs, 2)
    interface = TypeDef(name, "interface", entity=True, family=name)
    b.world.types[name] = interface
    interface.fields["id"] = Field("id", "ID", identity="id")
    title = Field("title", "String", scope=name)
    count = b.rng.randint(2, 3)
    implementations = []
    for member in member_names[:count]:
        m = TypeDef(b.new_type_name(member), "object", entity=True, family=name)
        b.world.types[m.name] = m
        m.fields["id"] = Field("id", "ID", identity="id")
        presence = b.presence(m, owner)
        presence.keys = [Key("id")]
        presence.implements = [name]
        b.declare(m, m.fields["id"], owner, Decl(non_null=True, shareable=True))
        b.declare(m, Field("title", "String", scope=name), owner, Decl(non_null=True))
        b.scalar_field(m, [owner], arguments=False)
        implementations.append(m.name)
        m.tags.add("entity-interface")
    interface.implementations = implementations
    presence = b.presence(interface, owner)
    presence.keys = [Key("id")]
    b.declare(interface, interface.fields["id"], owner, Decl(non_null=True))
    b.declare(interface, title, owner, Decl(non_null=True))
    b.interface_object(interface, extender)
    extra = b.scalar_field(interface, [extender], name="popularity", base="Int", arguments=False)
    extra.tags |= {"interface-object"}
    interface.tags |= {"entity-interface", "interface-object"}
    b.root_field("Query", interface, [owner], name="all" + name, is_list=True)
    top = b.root_field("Query", interface, [extender], name="top" + name, is_list=b.chance(0.7))
    top.tags.add("interface-object")
    if len(b.subgraphs) > 2 and b.chance(0.5):
        third = next(s for s in b.subgraphs if s not in (owner, extender))
        m = b.world.types[implementations[0]]
        b.presence(m, third).keys = [Key("id")]
        b.declare(m, m.fields["id"], third, Decl(non_null=True, shareable=True))
        b.scalar_field(m, [third], arguments=False)
    b.tag("entity-interface", "interface-object")


def motif_override(b: Builder) -> None:
    entity = _entity_with_homes(b, 2)
    if entity is None:
        return
    candidates = [
        f
        for f in entity.fields.values()
        if f.identity is None
        and len(f.decls) == 1
        and f.requires is None
        and b.owners(f)
        and all(d.provides is None for d in f.decls.values())
    ]
    field = b.rng.choice(candidates) if candidates else None
    source = b.owners(field)[0] if field else b.rng.choice(b.homes(entity))
    if field is None or source not in b.homes(entity):
        field = b.scalar_field(entity, [source])
    target = _other_home(b, entity, source)
    label = b.rng.choice((None, None, "percent(0)", "percent(100)", "migration"))
    template = field.decls[source]
    decl = Decl(template.non_null, template.item_non_null, override_from=source)
    decl.override_label = label
    b.declare(entity, field, target, decl)
    field.tags.add("override-label" if label else "override")
    b.tag("override")


def motif_inaccessible(b: Builder) -> None:
    entity = _entity_with_homes(b, 1)
    if entity is None:
        return
    variant = b.rng.choice(("enum", "enum", "field", "key", "key"))
    with_sku = [e for e in b.entities if "sku" in e.fields and b.homes(e)]
    if variant == "key" and with_sku:
        entity = b.rng.choice(with_sku)
    home = b.rng.choice(b.homes(entity))
    if variant == "enum":
        enum = TypeDef(b.new_type_name("Tone"), "enum")
        b.world.types[enum.name] = enum
        b.presence(enum, home).values = ["WARM", "COOL", "LOUD"]
        enum.present[home].inaccessible_values = {"LOUD"}
        field = b.scalar_field(entity, [home], base=enum.name, name="tone", arguments=False)
        field.tags.add("inaccessible-enum-value")
    elif variant == "field":
        hidden = b.scalar_field(entity, [home], name="secret", arguments=False)
        hidden.decls[home].inaccessible = True
        entity.tags.add("inaccessible-field")
    elif "sku" in entity.fields:
        for decl in entity.fields["sku"].decls.values():
            decl.inaccessible = True
        entity.tags.add("inaccessible-key")
    b.tag("inaccessible")


def motif_nullability_conflict(b: Builder) -> None:
    """Two union members with a same-named field, non-null on one and nullable on the other in
    one subgraph, nullable in the supergraph: a fetch selecting both must alias one."""
    members = [e for e in b.entities if e.family == e.name and len(b.homes(e)) >= 1]
    if len(members) < 2 or len(b.subgraphs) < 2:
        return
    first, second = b.rng.sample(members, 2)
    here = b.rng.choice(b.subgraphs)
    other = b.rng.choice([s for s in b.subgraphs if s != here])
    for m in (first, second):
        b.ensure_type(m.name, here)
        b.ensure_type(m.name, other)
    name = b.fresh_field_name(first, "code")
    name = b.fresh_field_name(second, name)
    strict = Field(name, "String", scope=first.name)
    b.declare(first, strict, here, Decl(non_null=True, shareable=True))
    b.declare(first, strict, other, Decl(non_null=False, shareable=True))
    loose = Field(name, "String", scope=second.name)
    b.declare(second, loose, here, Decl(non_null=False))
    union = TypeDef(b.new_type_name("Either"), "union")
    b.world.types[union.name] = union
    b.presence(union, here).members = [first.name, second.name]
    field = b.root_field(
        "Query", union, [here], name="either", is_list=True, choices=[first.name, second.name]
    )
    for f in (strict, loose, field):
        f.tags.add("nullability-conflict")
    b.tag("nullability-conflict")


def motif_shareable_root(b: Builder) -> None:
    if len(b.subgraphs) < 2:
        return
    first, second = b.rng.sample(b.subgraphs, 2)
    if b.chance(0.5):
        settings = TypeDef(b.new_type_name("Settings"), "object")
        b.world.types[settings.name] = settings
        shared = b.scalar_field(settings, [first, second], name="currency", arguments=False)
        only_first = b.scalar_field(settings, [first], name="zone", arguments=False)
        only_second = b.scalar_field(settings, [second], name="locale", arguments=False)
        for f in (shared, only_first, only_second):
            for decl in f.decls.values():
                decl.shareable = True
        root = b.root_field("Query", settings, [first, second], name="settings", is_list=False)
        root.tags.add("shareable-root-split")
        b.tag("shareable-root-split")
    else:
        entity = _entity_with_homes(b, 1)
        if entity is None:
            return
        for where in (first, second):
            b.ensure_type(entity.name, where)
        b.root_field("Query", entity, [first, second], name="featured", is_list=True)
    b.tag("shareable-root")


def motif_mutation(b: Builder) -> None:
    entity = _entity_with_homes(b, 1)
    if entity is None:
        return
    homes = b.homes(entity)
    b.root_field("Mutation", entity, [b.rng.choice(homes)], name="make" + entity.name, lookup=True)
    if len(homes) > 1 and b.chance(0.5):
        b.root_field(
            "Mutation", entity, b.rng.sample(homes, 2), name="touch" + entity.name, lookup=True
        )
    b.tag("mutation")


def motif_shareable_relation(b: Builder) -> None:
    entity = _entity_with_homes(b, 2)
    if entity is None:
        return
    target = b.rng.choice(b.entities)
    owners = b.rng.sample(b.homes(entity), 2)
    b.object_field(entity, target, owners)
    b.tag("shareable")


Motif = Callable[[Builder], None]
MOTIFS: tuple[tuple[Motif, float], ...] = (
    (motif_requires, 3.0),
    (motif_provides, 2.5),
    (motif_union, 1.0),
    (motif_interface, 1.0),
    (motif_entity_interface, 1.2),
    (motif_override, 1.3),
    (motif_inaccessible, 0.8),
    (motif_nullability_conflict, 0.8),
    (motif_shareable_root, 0.8),
    (motif_mutation, 1.0),
    (motif_shareable_relation, 0.6),
)


def generate_world(seed: int) -> World:
    b = Builder(seed)
    base(b)
    motifs, weights = zip(*MOTIFS, strict=True)
    for motif in b.rng.choices(motifs, weights, k=b.rng.randint(2, 5)):
        motif(b)
    return b.world
