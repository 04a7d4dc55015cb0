"""The facts of a world: every field value is a pure function of (scope, identity number, field,
arguments, required values), so every subgraph that may resolve a field returns the same value,
and the reference answer (oracle.py) needs no subgraph at all.

Entities are numbered; their identity fields (`id`, `sku`, `region`, `ref { code }`) encode the
number, so any key a gateway sends names the same entity."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
    value_from_ast_untyped,
)

from tests.differential.model import SCALARS, Field, World


@dataclass(frozen=True)
class Ref:
    """An object value: its concrete type and number."""

    typename: str
    number: int


class Missing(Exception):
    """A representation lacks what a @requires selection needs."""


def digest(*parts: object) -> int:
    text = json.dumps(parts, sort_keys=True, default=str)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


# Identity fields -------------------------------------------------------------------------------


def identity_value(kind: str, family: str, number: int, ref_type: str = "") -> object:
    if kind == "id":
        return f"{family}-{number}"
    if kind == "sku":
        return f"sku-{family}-{number}"
    if kind == "region":
        return f"r{number % 3}"
    if kind == "code":
        return f"c-{family}-{number}"
    if kind == "ref":
        return Ref(ref_type, number)
    raise ValueError(kind)


def _number_in(text: object, prefix: str) -> int | None:
    if not isinstance(text, str) or not text.startswith(prefix):
        return None
    tail = text[len(prefix) :]
    return int(tail) if tail.isdigit() else None


def number_from_representation(family: str, representation: dict[str, Any]) -> int:
    """The entity a representation names; every identity field it carries must agree."""
    found: list[int | None] = []
    if "id" in representation:
        found.append(_number_in(representation["id"], f"{family}-"))
    if "sku" in representation:
        found.append(_number_in(representation["sku"], f"sku-{family}-"))
    ref = representation.get("ref")
    if isinstance(ref, dict) and "code" in ref:
        found.append(_number_in(ref["code"], f"c-{family}-"))
    if not found or None in found or len(set(found)) != 1:
        raise Missing(f"representation names no {family}: {canonical(representation)}")
    number = found[0]
    assert number is not None
    if "region" in representation and representation["region"] != f"r{number % 3}":
        raise Missing(f"inconsistent region in {canonical(representation)}")
    return number


# Field sets (@requires, @provides) ---------------------------------------------------------------


def parse_field_set(text: str) -> SelectionSetNode:
    document = parse("{" + text + "}")
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def literal_arguments(node: FieldNode) -> dict[str, Any]:
    return {a.name.value: value_from_ast_untyped(a.value) for a in node.arguments or ()}


def project(selection: SelectionSetNode, value: Any, world: World) -> Any:
    """Exactly the required selection out of a value (a representation's or the oracle's): the
    canonical input a @requires field's value is derived from."""
    if value is None:
        return None
    if isinstance(value, list):
        return [project(selection, item, world) for item in value]
    if not isinstance(value, dict):
        raise Missing(f"expected an object, got {value!r}")
    result: dict[str, Any] = {}
    typename = value.get("__typename")
    for node in selection.selections:
        if isinstance(node, FieldNode):
            name = node.name.value
            if name == "__typename":
                continue
            if name not in value:
                raise Missing(f"missing {name}")
            inner = value[name]
            result[name] = (
                project(node.selection_set, inner, world) if node.selection_set else inner
            )
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else None
            if condition is not None and typename is None:
                raise Missing(f"no __typename to apply ... on {condition}")
            if condition is None or is_a(world, str(typename), condition):
                result.update(project(node.selection_set, value, world))
    return result


def is_a(world: World, typename: str, condition: str) -> bool:
    """Whether an object of type `typename` matches a type condition, in the supergraph."""
    if typename == condition:
        return True
    definition = world.types.get(condition)
    concrete = world.types.get(typename)
    if definition is None or concrete is None:
        return False
    if definition.kind == "interface":
        return typename in definition.implementations or any(
            condition in p.implements for p in concrete.present.values()
        )
    if definition.kind == "union":
        return any(typename in p.members for p in definition.present.values())
    return False


def provided_fields(spec: SelectionSetNode | None, concrete: str, world: World) -> dict[str, Any]:
    """Fields a @provides selection (at one level) makes resolvable for an object of type
    `concrete`: name -> the nested selection provided under it (None for leaves)."""
    provided: dict[str, Any] = {}
    if spec is None:
        return provided
    for node in spec.selections:
        if isinstance(node, FieldNode):
            provided[node.name.value] = node.selection_set
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else None
            if condition is None or is_a(world, concrete, condition):
                provided.update(provided_fields(node.selection_set, concrete, world))
    return provided


# Values ------------------------------------------------------------------------------------------


class Truth:
    def __init__(self, world: World) -> None:
        self.world = world

    def value(
        self,
        concrete: str,
        number: int,
        field: Field,
        arguments: dict[str, Any],
        required: Any = None,
    ) -> Any:
        """The value of `field` on the object (concrete, number); `required` is the projection
        of the field's @requires selection (None without one)."""
        world = self.world
        owner = world.types[concrete]
        if field.identity is not None:
            family = owner.family or concrete
            ref_type = field.base if field.identity == "ref" else ""
            return identity_value(field.identity, family, number, ref_type)
        scope = field.scope or concrete
        seed = (scope, number, field.name, canonical(arguments), canonical(required))
        if field.can_be_null and digest(*seed, "null") % 5 == 0:
            return None
        if not field.is_list:
            return self._item(field, seed, 0)
        items: list[Any] = []
        for index in range(digest(*seed, "length") % 4):
            if field.items_can_be_null and digest(*seed, index, "item-null") % 6 == 0:
                items.append(None)
            else:
                items.append(self._item(field, seed, index))
        return items

    def _item(self, field: Field, seed: tuple[object, ...], index: int) -> Any:
        x = digest(*seed, index, "value")
        base = field.base
        if base in SCALARS:
            return _scalar(base, field.name, x)
        definition = self.world.types[base]
        if definition.kind == "enum":
            values = sorted({v for p in definition.present.values() for v in p.values})
            return values[x % len(values)]
        if definition.kind == "interface" and definition.implementations:
            number = x % field.pool
            return Ref(self.world.concrete_of(base, number), number)
        if definition.kind in ("interface", "union"):
            concrete = field.choices[x % len(field.choices)]
            target = self.world.types[concrete]
            number = digest(*seed, index, "number") % field.pool
            return Ref(concrete, number if target.entity else x % 1_000_000)
        if definition.entity:
            return Ref(base, x % field.pool)
        return Ref(base, x % 1_000_000)


def _scalar(base: str, name: str, x: int) -> object:
    if base == "String":
        return f"{name}:{x % 997}"
    if base == "ID":
        return f"{name}#{x % 997}"
    if base == "Int":
        return x % 2000 - 500
    if base == "Float":
        # Never integral: JavaScript prints 2.0 as 2, which would change a canonical input.
        return ((x % 4000) * 2 + 1) / 8
    return x % 2 == 0
