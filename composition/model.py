"""The in-memory schema model shared by subgraphs and the supergraph being built.

Types and values stay graphql-core AST nodes (printed on demand); everything else is plain data
so composition can add, rename and remove elements freely.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    TypeNode,
    ValueNode,
    VariableNode,
)
from graphql.language import DirectiveNode

Kind = Literal["object", "interface", "union", "enum", "input", "scalar"]
BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


@dataclass
class Applied:
    """A directive application; `args` keep their source order (Apollo prints them that way)."""

    name: str
    args: dict[str, ValueNode] = field(default_factory=dict)
    of_extension: bool = False
    node: DirectiveNode | None = None

    def arg_str(self, name: str) -> str | None:
        value = self.args.get(name)
        return value.value if isinstance(value, StringValueNode) else None

    def arg_bool(self, name: str) -> bool | None:
        value = self.args.get(name)
        return value.value if isinstance(value, BooleanValueNode) else None

    def __str__(self) -> str:
        if not self.args:
            return f"@{self.name}"
        inner = ", ".join(f"{name}: {value_to_string(value)}" for name, value in self.args.items())
        return f"@{self.name}({inner})"


@dataclass
class Argument:
    name: str
    type: TypeNode
    default: ValueNode | None = None
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class Field:
    """An object/interface field or an input field (`default` only for input fields)."""

    name: str
    type: TypeNode
    parent: str
    args: dict[str, Argument] = field(default_factory=dict)
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    default: ValueNode | None = None
    of_extension: bool = False

    @property
    def coordinate(self) -> str:
        return f"{self.parent}.{self.name}"


@dataclass
class EnumValue:
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class TypeDef:
    kind: Kind
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValue] = field(default_factory=dict)
    has_definition: bool = False
    has_extension: bool = False

    def applied(self, name: str) -> list[Applied]:
        return [directive for directive in self.directives if directive.name == name]

    def has(self, name: str) -> bool:
        return any(directive.name == name for directive in self.directives)


def has_directive(element: Field | Argument | EnumValue | TypeDef, name: str) -> bool:
    return any(applied.name == name for applied in element.directives)


def directives_named(element: Field | Argument | EnumValue | TypeDef, name: str) -> list[Applied]:
    return [applied for applied in element.directives if applied.name == name]


def drop_directives(element: Field | Argument | EnumValue | TypeDef, *names: str) -> None:
    element.directives = [applied for applied in element.directives if applied.name not in names]


# ---------------------------------------------------------------------------- type references


def named(name: str) -> NamedTypeNode:
    return NamedTypeNode(name=NameNode(value=name))


def type_to_string(node: TypeNode) -> str:
    if isinstance(node, NonNullTypeNode):
        return type_to_string(node.type) + "!"
    if isinstance(node, ListTypeNode):
        return "[" + type_to_string(node.type) + "]"
    assert isinstance(node, NamedTypeNode)
    return str(node.name.value)


def base_type_name(node: TypeNode) -> str:
    while isinstance(node, (NonNullTypeNode, ListTypeNode)):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return str(node.name.value)


def same_type(a: TypeNode, b: TypeNode) -> bool:
    return type_to_string(a) == type_to_string(b)


def is_required(type_node: TypeNode, default: ValueNode | None) -> bool:
    """A non-null argument or input field without a default value."""
    return isinstance(type_node, NonNullTypeNode) and default is None


# ---------------------------------------------------------------------------- values


def js_string(value: str) -> str:
    """JSON.stringify of a string, as Apollo prints string values."""
    return json.dumps(value, ensure_ascii=False)


def value_to_string(node: ValueNode) -> str:
    """Apollo's valueToString on a literal (lists and objects printed compactly)."""
    if isinstance(node, StringValueNode):
        return js_string(node.value)
    if isinstance(node, (IntValueNode, FloatValueNode, EnumValueNode)):
        return str(node.value)
    if isinstance(node, BooleanValueNode):
        return "true" if node.value else "false"
    if isinstance(node, NullValueNode):
        return "null"
    if isinstance(node, ListValueNode):
        return "[" + ", ".join(value_to_string(item) for item in node.values) + "]"
    if isinstance(node, ObjectValueNode):
        inner = ", ".join(
            f"{entry.name.value}: {value_to_string(entry.value)}" for entry in node.fields
        )
        return "{" + inner + "}"
    if isinstance(node, VariableNode):
        return f"${node.name.value}"
    raise TypeError(f"unexpected value node {node!r}")


def string_value(value: str) -> StringValueNode:
    return StringValueNode(value=value, block=False)


def enum_value(value: str) -> EnumValueNode:
    return EnumValueNode(value=value)


def bool_value(value: bool) -> BooleanValueNode:
    return BooleanValueNode(value=value)
