"""The normalized operation: fragments inlined, @skip/@include on literals applied (on variables
kept as conditions), fields merged, redundant type conditions removed. Immutable and hashable,
so it keys the plan cache and planning can memoize on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True, slots=True, order=True)
class Condition:
    """`@include(if: $variable)` is Condition(variable, True); `@skip(if: $v)` is (v, False)."""

    variable: str
    passes_when: bool

    def holds(self, variables: dict[str, object]) -> bool:
        return bool(variables.get(self.variable)) == self.passes_when

    def directive(self) -> str:
        name = "include" if self.passes_when else "skip"
        return f"@{name}(if: ${self.variable})"


Conditions = frozenset[Condition]
NO_CONDITIONS: Conditions = frozenset()


@dataclass(frozen=True, slots=True)
class Field:
    response_key: str
    name: str
    arguments: tuple[tuple[str, str], ...] = ()  # (name, printed value)
    variables: frozenset[str] = frozenset()  # used by the arguments
    conditions: Conditions = NO_CONDITIONS
    selections: tuple[Selection, ...] = ()
    type_name: str = ""  # the field's named type ("" for __typename)

    @property
    def signature(self) -> str:
        """Name and arguments: two fields share a response key only if their signatures match."""
        if not self.arguments:
            return self.name
        return f"{self.name}({', '.join(f'{k}: {v}' for k, v in self.arguments)})"


@dataclass(frozen=True, slots=True)
class InlineFragment:
    type_condition: str
    conditions: Conditions = NO_CONDITIONS
    selections: tuple[Selection, ...] = ()


Selection = Union[Field, InlineFragment]  # noqa: UP007 - a runtime alias for isinstance users


@dataclass(frozen=True)
class VariableDefinition:
    name: str
    type: str  # printed, e.g. "[ID!]!"
    default: str | None  # printed default value

    def printed(self) -> str:
        default = f" = {self.default}" if self.default is not None else ""
        return f"${self.name}: {self.type}{default}"


@dataclass(frozen=True)
class NormalizedOperation:
    kind: str  # query | mutation | subscription
    name: str | None
    root_type: str
    selections: tuple[Selection, ...]
    variables: tuple[VariableDefinition, ...] = ()
    introspection: tuple[Field, ...] = ()  # __schema / __type root fields, answered locally
    signature: str = field(default="", compare=False)
