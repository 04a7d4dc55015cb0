"""Motifs about fields across subgraphs: @requires (plain, with arguments, nested, through an
entity, with type conditions, of an @inaccessible field; chains and cycles) and @provides (on
root fields, entity fields, nested, on unions and interfaces)."""

from __future__ import annotations

from tests.differential.builder import (
    Builder,
    entity_with_homes,
    other_home,
    owned_elsewhere,
    scalar_elsewhere,
    share,
    value_type_on,
)
from tests.differential.model import Decl, Field, TypeDef


def motif_requires(b: Builder) -> None:
    entity = entity_with_homes(b, 2)
    if entity is None:
        return
    here = b.rng.choice(b.homes(entity))
    elsewhere = other_home(b, entity, here)
    variant = b.rng.choice(("scalar", "arguments", "nested", "entity", "abstract", "inaccessible"))
    tags = {"requires"}
    if variant == "scalar":
        fields = owned_elsewhere(b, entity, here, scalar=True)[:2] or [
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
        leaf = scalar_elsewhere(b, target, here)
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
        leaf = scalar_elsewhere(b, m, here)
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
    entity = entity_with_homes(b, 1)
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
    provided = owned_elsewhere(b, entity, here, scalar=True)[:2] or [
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
        leaf = scalar_elsewhere(b, target, here)
        selection += f" {relation.name} {{ {_provide(b, target, [leaf], here)} }}"
        share(b, relation)
        b.external(entity, relation, here)
    if variant == "entity-field":
        host: TypeDef = b.rng.choice(hosts)
        field = b.object_field(host, entity, [here], name="featured")
    else:
        field = b.root_field("Query", entity, [here], name="top" + entity.name)
    field.decls[here].provides = selection
    field.tags |= tags
    b.tag(*tags)


def _provide(b: Builder, entity: TypeDef, fields: list[Field], here: str) -> str:
    for f in fields:
        share(b, f)
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
        leaves = [f for f in owned_elsewhere(b, m, here, scalar=True) if not f.args]
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
