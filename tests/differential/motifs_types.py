"""Motifs about types across subgraphs: unions and interfaces whose members differ per
subgraph, entity interfaces with @interfaceObject, @override (with and without labels),
@inaccessible, nullability that conflicts inside one subgraph, shareable root fields (one of
them split over two subgraphs), mutations, shareable relations."""

from __future__ import annotations

from tests.differential.builder import (
    FAMILY_NAMES,
    Builder,
    entity_with_homes,
    other_home,
    share,
)
from tests.differential.model import Decl, Field, Key, TypeDef


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
                share(b, own)
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
    """A field moved to another home with @override, half the time with a progressive label.
    @apollo/gateway ignores labels (it always uses the original subgraph: labels are a Router
    feature, apollographql/federation#2979); ours rolls `percent(100)` on and `percent(0)` off.
    Every subgraph returns the same values, so both choices must give the same answer."""
    entity = entity_with_homes(b, 2)
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
    target = other_home(b, entity, source)
    label = b.rng.choice((None, None, "percent(0)", "percent(100)", "migration"))
    template = field.decls[source]
    decl = Decl(template.non_null, template.item_non_null, override_from=source)
    decl.override_label = label
    b.declare(entity, field, target, decl)
    field.tags.add("override-label" if label else "override")
    b.tag("override")


def motif_inaccessible(b: Builder) -> None:
    entity = entity_with_homes(b, 1)
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
        entity = entity_with_homes(b, 1)
        if entity is None:
            return
        for where in (first, second):
            b.ensure_type(entity.name, where)
        b.root_field("Query", entity, [first, second], name="featured", is_list=True)
    b.tag("shareable-root")


def motif_mutation(b: Builder) -> None:
    entity = entity_with_homes(b, 1)
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
    entity = entity_with_homes(b, 2)
    if entity is None:
        return
    target = b.rng.choice(b.entities)
    owners = b.rng.sample(b.homes(entity), 2)
    b.object_field(entity, target, owners)
    b.tag("shareable")
