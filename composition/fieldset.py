"""Field sets (`@key(fields:)`, `@requires`, `@provides`): parsing and resolution in a subgraph."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from graphql import FieldNode, GraphQLSyntaxError, InlineFragmentNode, SelectionSetNode, parse
from graphql.language import OperationDefinitionNode

from .model import Field, TypeDef, base_type_name, type_to_string
from .subgraph import Subgraph


class FieldSetError(Exception):
    """A field set that does not resolve; the message is graphql-js's validation wording."""


@dataclass
class Selected:
    parent: TypeDef
    field: Field
    children: list[Selected] = dataclass_field(default_factory=list)


def _parse(text: str) -> SelectionSetNode:
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLSyntaxError as error:
        raise FieldSetError(error.message) from error
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def resolve_field_set(subgraph: Subgraph, parent: TypeDef, text: str) -> list[Selected]:
    """Resolve every field of `text` against `parent`; raises FieldSetError when invalid."""
    return _resolve(subgraph, parent, _parse(text))


def _resolve(subgraph: Subgraph, parent: TypeDef, selection: SelectionSetNode) -> list[Selected]:
    out: list[Selected] = []
    for node in selection.selections:
        if isinstance(node, InlineFragmentNode):
            target = parent
            if node.type_condition is not None:
                found = subgraph.type(node.type_condition.name.value)
                if found is None:
                    raise FieldSetError(f'Unknown type "{node.type_condition.name.value}".')
                target = found
            out += _resolve(subgraph, target, node.selection_set)
            continue
        assert isinstance(node, FieldNode)
        name = node.name.value
        if name == "__typename":
            continue
        selected_field = parent.fields.get(name) if parent.kind in ("object", "interface") else None
        if selected_field is None:
            raise FieldSetError(f'Cannot query field "{name}" on type "{parent.name}".')
        child_type = subgraph.type(base_type_name(selected_field.type))
        composite = child_type is not None and child_type.kind in ("object", "interface", "union")
        if node.selection_set is not None and not composite:
            raise FieldSetError(
                f'Field "{name}" must not have a selection since type '
                f'"{type_to_string(selected_field.type)}" has no subfields.'
            )
        if node.selection_set is None and composite:
            raise FieldSetError(
                f'Field "{name}" of type "{type_to_string(selected_field.type)}" must have a '
                f'selection of subfields. Did you mean "{name} {{ ... }}"?'
            )
        selected = Selected(parent, selected_field)
        if node.selection_set is not None and child_type is not None:
            selected.children = _resolve(subgraph, child_type, node.selection_set)
        out.append(selected)
    return out


def target_fields(
    subgraph: Subgraph, parent: TypeDef, text: str, include_implementations: bool
) -> list[Field]:
    """Every field a valid field set selects (empty when it does not resolve)."""
    try:
        selected = resolve_field_set(subgraph, parent, text)
    except FieldSetError:
        return []
    out: list[Field] = []

    def walk(items: list[Selected]) -> None:
        for item in items:
            out.append(item.field)
            if include_implementations and item.parent.kind == "interface":
                for implementation in subgraph.implementations(item.parent.name):
                    implementation_field = implementation.fields.get(item.field.name)
                    if implementation_field is not None:
                        out.append(implementation_field)
            walk(item.children)

    walk(selected)
    return out
