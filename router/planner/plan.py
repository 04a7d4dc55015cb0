"""The query plan as plain data: frozen, comparable in tests, printable like Apollo's output,
and independent of how it was built or how it will be executed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from graphql import parse, print_ast


@dataclass(frozen=True)
class InputField:
    """A field copied into a representation: sent as `name`, read from `response_key`."""

    name: str
    response_key: str
    selections: tuple[InputSelection, ...] = ()


@dataclass(frozen=True)
class InputFragment:
    """Applies to entities whose __typename is `type_condition` or one of its possible types."""

    type_condition: str
    selections: tuple[InputSelection, ...]


InputSelection = Union[InputField, InputFragment]  # noqa: UP007


@dataclass(frozen=True)
class TypenameRewrite:
    """Send `__typename: set_to` for entities matched by `... on type_condition`: an
    @interfaceObject subgraph knows the interface, not the concrete type."""

    type_condition: str
    set_to: str


@dataclass(frozen=True)
class KeyRenamer:
    """After the fetch, rename `path[-1]` back to `rename_to` in the objects `path[:-1]` leads
    to (`... on T` segments match by __typename): the planner aliased a field whose type
    conflicted with another one under the same response key."""

    path: tuple[str, ...]
    rename_to: str


@dataclass(frozen=True)
class Fetch:
    service: str
    operation: str  # the subgraph operation, compact
    operation_kind: str = "query"
    operation_name: str | None = None
    variable_usages: tuple[str, ...] = ()
    requires: tuple[InputSelection, ...] = ()  # non-empty: an `_entities` fetch
    input_rewrites: tuple[TypenameRewrite, ...] = ()
    id: int = 0
    output_rewrites: tuple[KeyRenamer, ...] = ()

    @property
    def is_entity_fetch(self) -> bool:
        return bool(self.requires)


@dataclass(frozen=True)
class Flatten:
    path: tuple[str, ...]  # response keys, "@" for every list element
    node: PlanNode


@dataclass(frozen=True)
class Sequence:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True)
class Parallel:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True)
class Condition:
    variable: str
    if_clause: PlanNode | None
    else_clause: PlanNode | None = None


PlanNode = Union[Fetch, Flatten, Sequence, Parallel, Condition]  # noqa: UP007


@dataclass(frozen=True)
class QueryPlan:
    node: PlanNode | None

    def fetches(self) -> list[Fetch]:
        found: list[Fetch] = []

        def visit(node: PlanNode | None) -> None:
            if isinstance(node, Fetch):
                found.append(node)
            elif isinstance(node, Flatten):
                visit(node.node)
            elif isinstance(node, Sequence | Parallel):
                for child in node.nodes:
                    visit(child)
            elif isinstance(node, Condition):
                visit(node.if_clause)
                visit(node.else_clause)

        visit(self.node)
        return found

    def __str__(self) -> str:
        return print_plan(self)


def _indent(text: str, level: int) -> str:
    pad = "  " * level
    return "\n".join(pad + line if line else line for line in text.splitlines())


def _print_inputs(selections: tuple[InputSelection, ...]) -> str:
    parts: list[str] = []
    for selection in selections:
        if isinstance(selection, InputFragment):
            inner = _indent(_print_inputs(selection.selections), 1)
            parts.append(f"... on {selection.type_condition} {{\n{inner}\n}}")
        else:
            alias = (
                f" <- {selection.response_key}" if selection.response_key != selection.name else ""
            )
            children = (
                f" {{\n{_indent(_print_inputs(selection.selections), 1)}\n}}"
                if selection.selections
                else ""
            )
            parts.append(f"{selection.name}{alias}{children}")
    return "\n".join(parts)


def _print_fetch(fetch: Fetch) -> str:
    operation = parse(fetch.operation, no_location=True).definitions[0]
    selection_set = operation.selection_set  # type: ignore[attr-defined]
    if fetch.is_entity_fetch:
        entities = selection_set.selections[0]
        body = print_ast(entities.selection_set)
        requires = "{\n" + _indent(_print_inputs(fetch.requires), 1) + "\n}"
        content = f"{requires} =>\n{body}"
    else:
        kind = "" if fetch.operation_kind == "query" else f"{fetch.operation_kind} "
        content = kind + print_ast(selection_set)
    rewrites = "".join(
        f"\n# __typename of ... on {r.type_condition} sent as {r.set_to}"
        for r in fetch.input_rewrites
    ) + "".join(
        f"\n# rename {r.path[-1]} to {r.rename_to} at {'/'.join(r.path[:-1]) or '.'}"
        for r in fetch.output_rewrites
    )
    return f'Fetch(service: "{fetch.service}") {{\n{_indent(content + rewrites, 1)}\n}},'


def print_node(node: PlanNode) -> str:
    if isinstance(node, Fetch):
        return _print_fetch(node)
    if isinstance(node, Flatten):
        return (
            f'Flatten(path: "{".".join(node.path)}") {{\n{_indent(print_node(node.node), 1)}\n}},'
        )
    if isinstance(node, Sequence | Parallel):
        name = "Sequence" if isinstance(node, Sequence) else "Parallel"
        inner = "\n".join(print_node(child) for child in node.nodes)
        return f"{name} {{\n{_indent(inner, 1)}\n}},"
    if node.if_clause is not None and node.else_clause is not None:
        then = _indent(print_node(node.if_clause), 2)
        otherwise = _indent(print_node(node.else_clause), 2)
        return (
            f"Condition(if: ${node.variable}) {{\n  Then {{\n{then}\n  }} Else {{\n"
            f"{otherwise}\n  }}\n}},"
        )
    if node.if_clause is not None:
        return f"Include(if: ${node.variable}) {{\n{_indent(print_node(node.if_clause), 1)}\n}},"
    assert node.else_clause is not None
    return f"Skip(if: ${node.variable}) {{\n{_indent(print_node(node.else_clause), 1)}\n}},"


def print_plan(plan: QueryPlan) -> str:
    if plan.node is None:
        return "QueryPlan {\n}"
    return f"QueryPlan {{\n{_indent(print_node(plan.node), 1)}\n}}"
