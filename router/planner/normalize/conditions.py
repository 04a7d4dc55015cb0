"""@skip / @include: literal arguments decide now; variable arguments become Conditions that the
plan keeps (on the fields sent to subgraphs, and as Condition nodes around whole fetches)."""

from __future__ import annotations

from graphql import BooleanValueNode, DirectiveNode, VariableNode

from router.planner.normalize.selection import Condition, Conditions


class AlwaysSkipped(Exception):
    """The selection is excluded by a literal @skip(if: true) / @include(if: false)."""


def read_conditions(directives: tuple[DirectiveNode, ...] | None) -> Conditions:
    conditions: set[Condition] = set()
    for directive in directives or ():
        name = directive.name.value
        if name not in ("skip", "include"):
            continue
        include = name == "include"
        argument = next((a for a in directive.arguments or () if a.name.value == "if"), None)
        if argument is None:
            continue
        value = argument.value
        if isinstance(value, BooleanValueNode):
            if value.value != include:
                raise AlwaysSkipped
        elif isinstance(value, VariableNode):
            conditions.add(Condition(value.name.value, include))
    return frozenset(conditions)
