"""The SATISFIABILITY_ERROR message as Apollo words it: a witness query reaching the field,
then the reasons grouped by subgraph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graphql import ListTypeNode, NonNullTypeNode, TypeNode

from ..errors import CompositionError
from ..model import Field, TypeDef, base_type_name, js_string
from .paths import DeadEnd

_WITNESS_SCALARS = {
    "Int": "0",
    "Float": "3.14",
    "Boolean": "true",
    "String": js_string("A string value"),
    "ID": js_string("<any id>"),
}


def witness_value(types: Mapping[str, TypeDef], type_node: TypeNode) -> str:
    """Apollo's generateWitnessValue, printed."""
    if isinstance(type_node, NonNullTypeNode):
        return witness_value(types, type_node.type)
    if isinstance(type_node, ListTypeNode):
        return "[]"
    name = base_type_name(type_node)
    if name in _WITNESS_SCALARS:
        return _WITNESS_SCALARS[name]
    type_def = types.get(name)
    if type_def is None or type_def.kind == "scalar":
        return js_string("<some value>")
    if type_def.kind == "enum":
        return next(iter(type_def.values))
    fields = [
        f"{input_field.name}: {witness_value(types, input_field.type)}"
        for input_field in type_def.fields.values()
        if input_field.default is None and isinstance(input_field.type, NonNullTypeNode)
    ]
    return "{" + ", ".join(fields) + "}"


def _empty_selection(types: Mapping[str, TypeDef], field: Field, indent: str) -> str:
    target = types.get(base_type_name(field.type))
    if target is not None and target.kind in ("object", "interface", "union"):
        return f" {{\n{indent}  ...\n{indent}}}"
    return ""


def _witness_query(types: Mapping[str, TypeDef], kind: str, path: tuple[Field | str, ...]) -> str:
    def render(depth: int) -> str:
        step = path[depth]
        indent = "  " * (depth + 1)
        if isinstance(step, str):
            return f"{indent}... on {step} {{\n{render(depth + 1)}\n{indent}}}"
        args = ""
        if step.args:
            inner = ", ".join(
                f"{arg.name}: {witness_value(types, arg.type)}" for arg in step.args.values()
            )
            args = f"({inner})"
        if depth + 1 < len(path):
            return f"{indent}{step.name}{args} {{\n{render(depth + 1)}\n{indent}}}"
        return f"{indent}{step.name}{args}{_empty_selection(types, step, indent)}"

    return ("" if kind == "query" else kind + " ") + "{\n" + render(0) + "\n}"


def satisfiability_error(
    types: Mapping[str, TypeDef],
    subgraph_names: Sequence[str],
    kind: str,
    path: tuple[Field | str, ...],
    reasons: list[DeadEnd],
) -> CompositionError:
    by_subgraph: dict[int, list[str]] = {}
    for reason in reasons:
        by_subgraph.setdefault(reason.source, []).append(reason.details)
    parts = []
    for index, details in by_subgraph.items():
        text = f'- from subgraph "{subgraph_names[index]}":'
        if len(details) == 1:
            text += " " + details[0] + "."
        else:
            for detail in dict.fromkeys(details):
                text += "\n  - " + detail + "."
        parts.append(text)
    message = (
        "The following supergraph API query:\n"
        + _witness_query(types, kind, path)
        + "\ncannot be satisfied by the subgraphs because:\n"
        + "\n".join(parts)
    )
    return CompositionError("SATISFIABILITY_ERROR", message)
