"""Seeded operations over a supergraph's API schema: random selections biased towards the
fields that exercise a federation feature, with aliases, inline and named fragments, @skip /
@include (literals and variables), arguments (literals and variables), repeated fields whose
sub-selections must be merged, queries and mutations. Each operation is valid against the API
schema (checked with graphql-core) and carries the feature tags it touches."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    OverlappingFieldsCanBeMergedRule,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)

from tests.differential.model import World

MAX_DEPTH = 3


@dataclass
class Operation:
    query: str
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None
    tags: set[str] = field(default_factory=set)


def generate_operations(
    world: World, schema: GraphQLSchema, seed: str, count: int
) -> list[Operation]:
    """`count` operations (fewer only if the schema has no root field at all)."""
    rng = random.Random(seed)
    operations: list[Operation] = []
    attempts = 0
    while len(operations) < count and attempts < count * 10:
        attempts += 1
        operation = _Writer(world, schema, rng).write()
        # Built from the schema, an operation can only break the merging rule (a response key
        # reused for fields of different shapes); the gateways validate everything else.
        if operation is not None and not validate(
            schema, parse(operation.query), (OverlappingFieldsCanBeMergedRule,)
        ):
            operations.append(operation)
    return operations


class _Writer:
    def __init__(self, world: World, schema: GraphQLSchema, rng: random.Random) -> None:
        self.world = world
        self.schema = schema
        self.rng = rng
        self.variables: dict[str, tuple[str, Any, bool]] = {}  # name -> (type, value, passed)
        self.fragments: list[str] = []
        self.tags: set[str] = set()
        self.arguments_chosen: dict[tuple[str, str], str] = {}
        self.counter = 0

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def write(self) -> Operation | None:
        mutation = self.schema.mutation_type
        root: GraphQLObjectType | None = self.schema.query_type
        keyword = "query"
        if mutation is not None and self.chance(0.3):
            root, keyword = mutation, "mutation"
            self.tags.add("mutation")
        if root is None:
            return None
        body = self.selection(root, 0, minimum=self.rng.choice((1, 1, 2, 2, 3)))
        name = f"Op{self.rng.randint(1, 999)}" if self.chance(0.5) else None
        definitions = ", ".join(
            f"${n}: {t}" + (f" = {json.dumps(v)}" if not passed else "")
            for n, (t, v, passed) in self.variables.items()
        )
        header = keyword + (f" {name}" if name else "")
        if definitions:
            header += f"({definitions})"
            self.tags.add("variables")
        query = "\n".join([f"{header} {{ {body} }}", *self.fragments])
        variables = {n: v for n, (_, v, passed) in self.variables.items() if passed}
        return Operation(query, variables, name, self.tags)

    # Selections -----------------------------------------------------------------------------

    def selection(self, parent: GraphQLNamedType, depth: int, minimum: int = 1) -> str:
        if isinstance(parent, GraphQLObjectType):
            parts = self.object_fields(parent, depth, minimum)
        else:
            assert isinstance(parent, GraphQLInterfaceType | GraphQLUnionType)
            parts = self.abstract_selection(parent, depth)
        if depth > 0 and self.chance(0.1):
            parts = [self.named_fragment(parent, " ".join(parts))]
        elif depth > 0 and self.chance(0.06):
            condition = self.condition()
            parts = [f"...{condition} {{ {' '.join(parts)} }}"]
            self.tags.add("fragment-inline")
        return " ".join(parts)

    def named_fragment(self, parent: GraphQLNamedType, body: str) -> str:
        name = self.fresh("F")
        self.fragments.append(f"fragment {name} on {parent.name} {{ {body} }}")
        self.tags.add("fragment-named")
        return f"...{name}"

    def object_fields(self, parent: GraphQLObjectType, depth: int, minimum: int) -> list[str]:
        self.tags |= (
            self.world.types[parent.name].tags if parent.name in self.world.types else set()
        )
        names = [n for n in parent.fields if not n.startswith("__")]
        if depth >= MAX_DEPTH:
            names = [n for n in names if is_leaf_type(get_named_type(parent.fields[n].type))]
        if not names:
            return ["__typename"]
        weights = [1 + 3 * len(self.world.tags_of(parent.name, n)) for n in names]
        count = min(len(names), max(minimum, self.rng.choice((1, 2, 2, 3))))
        chosen: list[str] = []
        for _ in range(count * 3):
            pick = self.rng.choices(names, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
            if len(chosen) == count:
                break
        parts = [self.field(parent, n, depth) for n in chosen]
        if self.chance(0.15):
            parts.append("__typename")
            self.tags.add("typename")
        return parts

    def abstract_selection(
        self, parent: GraphQLInterfaceType | GraphQLUnionType, depth: int
    ) -> list[str]:
        self.tags |= (
            self.world.types[parent.name].tags if parent.name in self.world.types else set()
        )
        parts: list[str] = []
        if isinstance(parent, GraphQLInterfaceType) and self.chance(0.7):
            parts += self.object_fields_of_interface(parent, depth)
        possible = list(self.schema.get_possible_types(parent))
        for concrete in self.rng.sample(possible, self.rng.randint(1, min(2, len(possible)))):
            inner = " ".join(self.object_fields(concrete, depth, 1))
            parts.append(f"... on {concrete.name} {{ {inner} }}")
            self.tags.add("fragment-inline")
        shared = [i for i in possible[0].interfaces if i is not parent] if possible else []
        if shared and self.chance(0.25):
            interface = self.rng.choice(shared)
            inner = " ".join(self.object_fields_of_interface(interface, depth))
            parts.append(f"... on {interface.name} {{ {inner} }}")
            self.tags.add("abstract-in-abstract")
        if self.chance(0.6) or not parts:
            parts.append("__typename")
        return parts

    def object_fields_of_interface(self, parent: GraphQLInterfaceType, depth: int) -> list[str]:
        names = [n for n in parent.fields if not n.startswith("__")]
        if depth >= MAX_DEPTH:
            names = [n for n in names if is_leaf_type(get_named_type(parent.fields[n].type))]
        if not names:
            return ["__typename"]
        chosen = self.rng.sample(names, self.rng.randint(1, min(2, len(names))))
        return [self.field(parent, n, depth) for n in chosen]

    def field(self, parent: GraphQLObjectType | GraphQLInterfaceType, name: str, depth: int) -> str:
        definition: GraphQLField = parent.fields[name]
        self.tags |= self.world.tags_of(parent.name, name)
        alias = ""
        if self.chance(0.12):
            alias = self.fresh("a") + ": "
            self.tags.add("alias")
        key = (parent.name, alias or name)
        if key not in self.arguments_chosen:
            self.arguments_chosen[key] = self.arguments(parent.name, name, definition)
        arguments = self.arguments_chosen[key]
        directive = self.directive()
        target = get_named_type(definition.type)
        if is_leaf_type(target):
            text = f"{alias}{name}{arguments}{directive}"
            if definition.args and not alias and self.chance(0.2):
                other = self.arguments(parent.name, name, definition)
                text += f" {self.fresh('a')}: {name}{other}"
                self.tags.add("alias")
            return text
        sub = self.selection(target, depth + 1)
        text = f"{alias}{name}{arguments}{directive} {{ {sub} }}"
        if self.chance(0.1):
            # The same response key again with another sub-selection: the two must merge.
            again = self.selection(target, depth + 1)
            text += f" ... on {parent.name} {{ {alias}{name}{arguments} {{ {again} }} }}"
            self.tags.add("merge-selections")
        return text

    def arguments(self, parent: str, name: str, definition: GraphQLField) -> str:
        rendered = []
        for argument_name, argument in definition.args.items():
            required = isinstance(argument.type, GraphQLNonNull)
            if not required and self.chance(0.4):
                continue
            value = self.argument_value(parent, name, argument_name, argument)
            if self.chance(0.35):
                variable = self.fresh("v")
                self.variables[variable] = (str(argument.type), value, True)
                rendered.append(f"{argument_name}: ${variable}")
            else:
                rendered.append(f"{argument_name}: {_literal(value, argument)}")
            self.tags.add("arguments")
        return f"({', '.join(rendered)})" if rendered else ""

    def argument_value(
        self, parent: str, name: str, argument_name: str, argument: GraphQLArgument
    ) -> Any:
        try:
            declared = self.world.field_for(parent, name).arg(argument_name)
        except KeyError:
            declared = None
        if declared is not None and declared.choices:
            return self.rng.choice(declared.choices)
        named = get_named_type(argument.type)
        if isinstance(named, GraphQLEnumType):
            return self.rng.choice(list(named.values))
        return {"Int": 1, "Float": 1.5, "Boolean": True}.get(named.name, "x")

    def directive(self) -> str:
        if not self.chance(0.12):
            return ""
        return self.condition()

    def condition(self) -> str:
        kind = self.rng.choice(("include", "skip"))
        if self.chance(0.5):
            self.tags.add("skip-include-literal")
            return f" @{kind}(if: {self.rng.choice(('true', 'false'))})"
        variable = self.fresh("c")
        value = self.chance(0.5)
        passed = self.chance(0.8)  # else its default applies
        self.variables[variable] = ("Boolean!" if passed else "Boolean", value, passed)
        self.tags.add("skip-include-variable")
        return f" @{kind}(if: ${variable})"


def _literal(value: Any, argument: GraphQLArgument) -> str:
    if isinstance(get_named_type(argument.type), GraphQLEnumType):
        return str(value)
    return json.dumps(value)
