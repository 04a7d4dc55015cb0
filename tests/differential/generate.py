"""Seeded generator of Federation 2 subgraph sets (2 to 4 subgraphs): a base of entities
spread over the subgraphs, then a few motifs, each exercising one federation feature (see
MOTIFS). Everything is decided by `random.Random(seed)`, so a seed names one world forever (as
long as the generator's modules do not change)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from tests.differential.builder import Builder, value_type_on
from tests.differential.model import TypeDef, World
from tests.differential.motifs_fields import motif_provides, motif_requires
from tests.differential.motifs_types import (
    motif_entity_interface,
    motif_inaccessible,
    motif_interface,
    motif_mutation,
    motif_nullability_conflict,
    motif_override,
    motif_shareable_relation,
    motif_shareable_root,
    motif_union,
)

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


Motif: TypeAlias = Callable[[Builder], None]
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
