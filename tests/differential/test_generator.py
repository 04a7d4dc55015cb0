"""The differential suite's own parts, checked on their own: a seed names one world; the
generated worlds cover every feature; every subgraph that resolves a field answers with the
world's value for it (so any gateway may fetch it anywhere); a subgraph answers only what it
may be asked (@external outside @provides, @requires without its values)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.differential.builder import POOL
from tests.differential.generate import generate_world
from tests.differential.host import SubgraphHost
from tests.differential.model import SCALARS, Field, Key, TypeDef, World
from tests.differential.oracle import Oracle, with_defaults
from tests.differential.sdl import subgraph_sdl
from tests.differential.subgraphs import build_subgraphs, overridden_away
from tests.differential.values import Truth, identity_value, parse_field_set

WORLDS = range(0, 12)
FEATURES = {
    "keys", "keys-multiple", "keys-compound", "keys-nested", "keys-multihop", "shareable",
    "nullability-shareable", "nullability-conflict", "requires", "requires-arguments",
    "requires-nested", "requires-abstract", "requires-chain", "requires-cycle",
    "requires-inaccessible", "provides", "provides-root", "provides-nested",
    "provides-entity-field", "provides-union", "provides-interface", "union-partial",
    "interface-partial", "entity-interface", "interface-object", "override", "override-label",
    "inaccessible-enum-value", "inaccessible-field", "inaccessible-key", "shareable-root",
    "shareable-root-split", "shareable-mutation", "mutation", "lists", "nulls",
}  # fmt: skip


def _tags(world: World) -> set[str]:
    tags = set(world.features)
    for definition in world.types.values():
        tags |= definition.tags
        for field in definition.fields.values():
            tags |= field.tags
    return tags


def test_a_seed_names_one_world() -> None:
    for seed in WORLDS:
        first, again = generate_world(seed), generate_world(seed)
        assert [subgraph_sdl(first, s) for s in first.subgraphs] == [
            subgraph_sdl(again, s) for s in again.subgraphs
        ]
    assert subgraph_sdl(generate_world(0), "alpha") != subgraph_sdl(generate_world(1), "alpha")


def test_the_ci_worlds_cover_every_feature() -> None:
    covered = set().union(*(_tags(generate_world(seed)) for seed in range(52)))
    assert covered >= FEATURES, FEATURES - covered


@pytest.fixture
async def host() -> AsyncIterator[SubgraphHost]:
    served = SubgraphHost()
    await served.start()
    yield served
    await served.stop()


def representation(world: World, t: TypeDef, key: Key, number: int) -> dict[str, Any]:
    family = t.family or t.name
    rep: dict[str, Any] = {"__typename": t.name}
    for name in key.fields.replace("{", " ").replace("}", " ").split():
        if name == "ref":
            rep["ref"] = {"code": identity_value("code", family, number)}
        elif name != "code":
            rep[name] = identity_value(name, family, number)
    return rep


def _local_scalars(t: TypeDef, subgraph: str) -> list[Field]:
    """Fields a subgraph resolves by itself for an entity it is given."""
    return [
        f
        for f in t.fields.values()
        if subgraph in f.decls
        and f.identity is None
        and f.base not in {n for n, d in t.fields.items() if d.identity == "ref"}
        and (f.base in SCALARS or f.base.startswith("Tone"))
        and not f.decls[subgraph].external
        and f.decls[subgraph].requires is None
        and not overridden_away(f, subgraph)
    ]


async def _entities(
    client: httpx.AsyncClient, url: str, t: TypeDef, selection: str, reps: list[dict[str, Any]]
) -> dict[str, Any]:
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) "
        f"{{ ... on {t.name} {{ {selection} }} }} }}"
    )
    response = await client.post(url, json={"query": query, "variables": {"r": reps}})
    body: dict[str, Any] = response.json()
    return body


async def test_every_subgraph_resolving_a_field_answers_alike(host: SubgraphHost) -> None:
    shared = 0
    async with httpx.AsyncClient(timeout=30) as client:
        for seed in WORLDS:
            world = generate_world(seed)
            truth = Truth(world)
            prefix = f"alike{seed}"
            for fixture in build_subgraphs(world):
                host.mount(prefix, fixture.name, fixture.app())
            answers: dict[tuple[str, int, str], dict[str, Any]] = {}
            for t, (subgraph, presence) in itertools.chain.from_iterable(
                ((t, p) for p in t.present.items()) for t in world.types.values() if t.entity
            ):
                keys = [k for k in presence.keys if k.resolvable]
                fields = _local_scalars(t, subgraph)
                if t.kind != "object" or not keys or not fields:
                    continue
                numbers = [n for n in range(POOL) if world.concrete_of(t.family, n) == t.name]
                reps = [representation(world, t, keys[0], n) for n in numbers]
                selection = " ".join(f.name for f in fields)
                body = await _entities(client, host.url(prefix, subgraph), t, selection, reps)
                assert "errors" not in body, (subgraph, body)
                for number, entity in zip(numbers, body["data"]["_entities"], strict=True):
                    for f in fields:
                        answers.setdefault((t.name, number, f.name), {})[subgraph] = entity[f.name]
                        expected = truth.value(t.name, number, f, with_defaults(f, {}))
                        assert entity[f.name] == expected, (seed, t.name, number, f.name)
            shared += sum(len(by) > 1 for by in answers.values())
            host.unmount(prefix)
    assert shared > 50  # shareable fields were answered by several subgraphs, identically


def _requiring(world: World) -> tuple[TypeDef, Field, str]:
    for t in world.types.values():
        for f in t.fields.values():
            for subgraph, decl in f.decls.items():
                if decl.requires and t.kind == "object" and "{" not in decl.requires:
                    return t, f, subgraph
    raise LookupError


async def test_a_subgraph_answers_only_what_it_may_be_asked(host: SubgraphHost) -> None:
    world = next(w for w in map(generate_world, range(100)) if _has_scalar_requires(w))
    t, derived, subgraph = _requiring(world)
    assert derived.requires is not None
    external = parse_field_set(derived.requires).selections[0].name.value  # type: ignore[attr-defined]
    key = next(k for k in t.present[subgraph].keys if k.resolvable)
    number = next(n for n in range(POOL) if world.concrete_of(t.family, n) == t.name)
    for fixture in build_subgraphs(world):
        host.mount("asked", fixture.name, fixture.app())
    url = host.url("asked", subgraph)
    bare = representation(world, t, key, number)
    oracle = Oracle(world)
    required = oracle.required_values(t.name, number, derived)
    async with httpx.AsyncClient(timeout=30) as client:
        without = await _entities(client, url, t, derived.name, [bare])
        assert "@requires: missing" in without["errors"][0]["message"]
        unprovided = await _entities(client, url, t, external, [bare])
        assert "is @external here" in unprovided["errors"][0]["message"]
        given = await _entities(client, url, t, derived.name, [{**bare, **required}])
        assert "errors" not in given, given
        assert given["data"]["_entities"][0][derived.name] == oracle.value(
            t.name, number, derived, {}
        )


def _has_scalar_requires(world: World) -> bool:
    try:
        _requiring(world)
    except LookupError:
        return False
    return True
